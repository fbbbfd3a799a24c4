import { createAuditService } from "#app/modules/audit/service.ts";
import { createAuthService } from "#app/modules/auth/service.ts";
import { createTenantService } from "#app/modules/tenants/service.ts";
import type { CoreDeps } from "./deps.ts";

/**
 * The service container: one instance of each module's service, wired with what it needs.
 * A module reaches another module only through the service it gets here.
 */
export function createServices(core: CoreDeps) {
  const audit = createAuditService(core);
  const tenants = createTenantService({ ...core, audit });
  const auth = createAuthService(core);
  return { core, audit, tenants, auth };
}
export type Services = ReturnType<typeof createServices>;
