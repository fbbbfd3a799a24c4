import { defineModule } from "#app/server/modules.ts";
import { registerVolunteerApi } from "./api.ts";

/** The volunteer pool as the platform sees it (decision 026; issue 17). */
export const volunteersModule = defineModule({
  name: "volunteers",
  namespaces: ["volunteers"],
  actions: [
    "volunteers.read",
    "volunteers.manage",
    "volunteers.requests.read",
    "volunteers.requests.manage",
    "volunteers.requests.respond",
  ],
  pages: ["/staff/volunteers"],
  http: { api: [registerVolunteerApi] },
});
