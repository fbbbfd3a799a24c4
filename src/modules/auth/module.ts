import { defineModule } from "#app/server/modules.ts";
import { registerAuthApi } from "./api.ts";
import { registerOidcRoutes } from "./oidc.ts";

/** The auth module as the platform sees it (decision 026). */
export const authModule = defineModule({
  name: "auth",
  namespaces: ["auth", "account"],
  actions: ["staff.access", "account.self", "session.self"],
  pages: ["/staff", "/staff/account"],
  http: { browser: [registerOidcRoutes], api: [registerAuthApi] },
});
