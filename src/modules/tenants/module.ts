import { defineModule } from "#app/server/modules.ts";
import { registerTenantApi } from "./api.ts";
import { registerLiveGate } from "./live-gate.ts";

/** The tenants module as the platform sees it (decision 026). */
export const tenantsModule = defineModule({
  name: "tenants",
  namespaces: ["settings"],
  actions: ["tenant.settings.read", "tenant.settings.update"],
  pages: ["/staff/settings"],
  // The gate runs after the tenant and principal are known, before every route (decision 097).
  http: { api: [registerTenantApi], browser: [registerLiveGate] },
});
