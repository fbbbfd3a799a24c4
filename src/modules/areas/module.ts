import { defineModule } from "#app/server/modules.ts";
import { registerAreaApi } from "./api.ts";

/** The areas module as the platform sees it (decision 026). */
export const areasModule = defineModule({
  name: "areas",
  namespaces: ["areas"],
  actions: ["areas.read", "areas.import"],
  pages: ["/staff/areas", "/staff/areas/import"],
  http: { api: [registerAreaApi] },
});
