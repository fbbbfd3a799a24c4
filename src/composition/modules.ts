import { registerAreaApi } from "#app/modules/areas/api.ts";
import { registerAuditApi } from "#app/modules/audit/api.ts";
import { registerAuthApi } from "#app/modules/auth/api.ts";
import { registerCaseworkApi } from "#app/modules/casework/api.ts";
import { registerOverviewApi } from "#app/modules/casework/overview.api.ts";
import { registerPrivacyApi } from "#app/modules/casework/privacy.api.ts";
import { registerReferralApi } from "#app/modules/casework/referrals.api.ts";
import { registerDirectoryApi } from "#app/modules/directory/api.ts";
import { registerDirectoryImportApi } from "#app/modules/directory/import-api.ts";
import { registerPostcodeApi } from "#app/modules/directory/postcodes-api.ts";
import { registerFrameworkApi } from "#app/modules/framework/api.ts";
import { registerJobApi } from "#app/modules/jobs/api.ts";
import { registerMailApi } from "#app/modules/mail/api.ts";
import { registerMonitoringApi } from "#app/modules/monitoring/api.ts";
import { registerMonitoringDataApi } from "#app/modules/monitoring/data-api.ts";
import { registerMonitoringImportApi } from "#app/modules/monitoring/import-api.ts";
import { registerReportApi } from "#app/modules/monitoring/report-api.ts";
import { registerOfficeApi } from "#app/modules/offices/api.ts";
import { registerSurveysApi } from "#app/modules/surveys/api.ts";
import { registerTenantApi } from "#app/modules/tenants/api.ts";
import { registerUserApi } from "#app/modules/users/api.ts";
import type { ApiRouter } from "#app/server/http/api.ts";

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
  registerDirectoryApi,
  registerOfficeApi,
  registerCaseworkApi,
  registerOverviewApi,
  registerReferralApi,
  registerPrivacyApi,
  registerDirectoryImportApi,
  registerPostcodeApi,
  registerMonitoringApi,
  registerMonitoringDataApi,
  registerReportApi,
  registerMonitoringImportApi,
  registerSurveysApi,
];
