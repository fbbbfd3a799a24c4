import { registerAreaApi } from "#app/modules/areas/api.ts";
import { registerAuditApi } from "#app/modules/audit/api.ts";
import { registerAuthApi } from "#app/modules/auth/api.ts";
import { registerFrameworkApi } from "#app/modules/framework/api.ts";
import { registerJobApi } from "#app/modules/jobs/api.ts";
import { registerMailApi } from "#app/modules/mail/api.ts";
import { registerTenantApi } from "#app/modules/tenants/api.ts";
import { registerUserApi } from "#app/modules/users/api.ts";
import type { ApiRouter } from "./api.ts";

/** Each module's API registers its routes here, in one list. */
export const apiModules: ((api: ApiRouter) => void)[] = [
  registerAreaApi,
  registerTenantApi,
  registerAuditApi,
  registerMailApi,
  registerJobApi,
  registerAuthApi,
  registerUserApi,
  registerFrameworkApi,
];
