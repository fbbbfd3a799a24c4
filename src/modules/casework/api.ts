import type { ApiRouter } from "#app/server/http/api.ts";
import { registerCaseApi } from "./cases.api.ts";
import { registerHouseholdApi } from "./households.api.ts";
import { registerRecordApi } from "./records.api.ts";
import { registerSettingsApi } from "./settings.api.ts";

/**
 * Case work API (issue 4), one file per sub-resource. Every route names its permission; the
 * need-to-know rule (which case, which household) is decided in the services, and every read
 * is audited there. Consents and referrals: `referrals.api.ts`; overviews: `overview.api.ts`.
 */
export function registerCaseworkApi(api: ApiRouter) {
  registerHouseholdApi(api);
  registerCaseApi(api);
  registerRecordApi(api);
  registerSettingsApi(api);
}
