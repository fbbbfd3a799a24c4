import { defineModule } from "#app/server/modules.ts";
import { registerTenantApi } from "./api.ts";

/** The tenants module as the platform sees it (decision 026). */
export const tenantsModule = defineModule({
  name: "tenants",
  namespaces: ["settings"],
  actions: ["tenant.settings.read", "tenant.settings.update"],
  pages: ["/staff/settings"],
  http: { api: [registerTenantApi] },
});
