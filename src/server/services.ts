import { createAreaService } from "#app/modules/areas/service.ts";
import { createAuditService } from "#app/modules/audit/service.ts";
import { createAuthService } from "#app/modules/auth/service.ts";
import { createFrameworkService } from "#app/modules/framework/service.ts";
import { createJobQueue } from "#app/modules/jobs/queue.ts";
import { createMailService } from "#app/modules/mail/service.ts";
import { createTenantService } from "#app/modules/tenants/service.ts";
import { createTranslationService } from "#app/modules/translations/service.ts";
import { createUserService } from "#app/modules/users/service.ts";
import type { CoreDeps } from "./deps.ts";

/**
 * The service container: one instance of each module's service, wired with what it needs.
 * A module reaches another module only through the service it gets here.
 */
export function createServices(core: CoreDeps) {
  const audit = createAuditService(core);
  const jobs = createJobQueue(core);
  const mail = createMailService({ ...core, jobs, audit });
  const translations = createTranslationService(core);
  const framework = createFrameworkService({ ...core, audit, translations });
  // A new tenant starts with the framework template it chose, in the same transaction.
  const tenants = createTenantService({
    ...core,
    audit,
    hooks: {
      afterCreate: (tenant, tx) =>
        tenant.frameworkTemplate
          ? framework.applyTemplate(tenant.id, tenant.frameworkTemplate, tx)
          : undefined,
    },
  });
  const users = createUserService({ ...core, audit });
  const areas = createAreaService({ ...core, audit });
  const auth = createAuthService({ ...core, audit, users, tenants, mail });
  return { core, audit, tenants, auth, jobs, mail, users, translations, framework, areas };
}
export type Services = ReturnType<typeof createServices>;
