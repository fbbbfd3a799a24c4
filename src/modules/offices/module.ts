import { defineModule } from "#app/server/modules.ts";
import { registerOfficeApi } from "./api.ts";

/** The offices module as the platform sees it (decision 026). */
export const officesModule = defineModule({
  name: "offices",
  namespaces: ["offices"],
  actions: ["offices.read", "offices.manage"],
  pages: ["/staff/offices"],
  http: { api: [registerOfficeApi] },
});
