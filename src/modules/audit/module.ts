import { defineModule } from "#app/server/modules.ts";
import { registerAuditApi } from "./api.ts";

/** The audit module as the platform sees it (decision 026). */
export const auditModule = defineModule({
  name: "audit",
  namespaces: ["audit"],
  actions: ["audit.read"],
  pages: ["/staff/audit"],
  http: { api: [registerAuditApi] },
});
