import { defineModule } from "#app/server/modules.ts";
import { registerCaseworkApi } from "./api.ts";
import { registerOverviewApi } from "./overview.api.ts";
import { registerPrivacyApi } from "./privacy.api.ts";
import { registerReferralApi } from "./referrals.api.ts";
import type { RetentionService } from "./retention.ts";
import type { CaseworkService } from "./service.ts";

/** The case-work module as the platform sees it (decision 026). */
export const caseworkModule = defineModule({
  name: "casework",
  namespaces: ["cases", "case_overview", "referrals", "privacy"],
  actions: [
    "cases.read",
    "cases.write",
    "cases.assign",
    "cases.break_glass",
    "cases.legal_hold",
    "cases.overview",
    "casework.settings",
    "referrals.send",
    "referrals.consent_override",
    "referrals.receive",
    "privacy.access_log",
    "privacy.break_glass_review",
    "privacy.subject_access",
    "privacy.erase",
  ],
  pages: [
    "/staff/cases",
    "/staff/cases/new",
    "/staff/households",
    "/staff/settings/casework",
    "/staff/case-overview",
    "/staff/referrals",
    "/staff/privacy",
    "/staff/privacy/review",
    "/staff/privacy/erase",
    "/staff/break-glass",
    "/staff/subject-access",
    "/staff/legal-hold",
  ],
  http: { api: [registerCaseworkApi, registerOverviewApi, registerReferralApi, registerPrivacyApi] },
  // Every tenant has its next daily retention run queued (idempotent).
  schedule: (s: { retention: RetentionService }) => () => s.retention.scheduleAll(),
  home: (s: { casework: CaseworkService }) => s.casework.home,
});
