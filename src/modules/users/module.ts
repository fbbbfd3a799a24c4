import { defineModule } from "#app/server/modules.ts";
import { registerUserApi } from "./api.ts";

/** The users module as the platform sees it (decision 026). */
export const usersModule = defineModule({
  name: "users",
  namespaces: ["users"],
  actions: ["users.read", "users.manage"],
  pages: ["/staff/users"],
  http: { api: [registerUserApi] },
});
