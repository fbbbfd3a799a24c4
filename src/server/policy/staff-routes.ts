import type { StaffRoute } from "./staff-route.ts";
import { PROGRAMME_ROUTES } from "./staff-routes-programmes.ts";

/**
 * Every staff route, each with the permission it needs, declared once (decision 041).
 * `app/routes.ts` builds the route config from this list and `pages.ts` the page table the
 * HTTP layer enforces before a page renders (and the authorization walk enumerates), so a
 * staff page cannot exist without its permission. Loaders and actions do not repeat it.
 *
 * Plain data importing only plain data (the second half of the list, staff-routes-programmes.ts):
 * the route config (`@react-router/dev`) and the server
 * both load it.
 */
export type { StaffRoute } from "./staff-route.ts";

/** The staff shell around every page: every page needs its permission too. */
export const STAFF_LAYOUT = {
  file: "routes/staff/layout.tsx",
  permission: "staff.access",
} as const satisfies Omit<StaffRoute, "path">;

export const STAFF_ROUTES = [
  { path: "logout", file: "routes/staff/logout.tsx", permission: "staff.access", outsideLayout: true },
  { path: "", file: "routes/staff/home.tsx", permission: "staff.access" },
  { path: "account", file: "routes/staff/account.tsx", permission: "account.self" },
  { path: "users", file: "routes/staff/users.tsx", permission: "users.read" },
  { path: "users/:id", file: "routes/staff/user-edit.tsx", permission: "users.read" },
  { path: "settings", file: "routes/staff/settings.tsx", permission: "tenant.settings.read" },
  { path: "onboarding", file: "routes/staff/onboarding.tsx", permission: "onboarding.manage" },
  {
    path: "accommodation",
    file: "routes/staff/accommodation/sites.tsx",
    permission: "accommodation.sites.read",
  },
  {
    path: "accommodation/housing",
    file: "routes/staff/accommodation/housing.tsx",
    permission: "accommodation.read",
  },
  {
    path: "accommodation/housing/:id",
    file: "routes/staff/accommodation/accommodation.tsx",
    permission: "accommodation.read",
  },
  {
    path: "accommodation/housing/:id/questionnaire",
    file: "routes/staff/accommodation/questionnaire.tsx",
    permission: "accommodation.read",
  },
  {
    path: "accommodation/compare",
    file: "routes/staff/accommodation/compare.tsx",
    permission: "accommodation.read",
  },
  {
    path: "accommodation/residents",
    file: "routes/staff/accommodation/residents.tsx",
    permission: "accommodation.residents",
  },
  {
    path: "accommodation/proposal",
    file: "routes/staff/accommodation/proposal.tsx",
    permission: "accommodation.place",
  },
  {
    path: "accommodation/sites/import",
    file: "routes/staff/accommodation/sites-import.tsx",
    permission: "accommodation.sites.manage",
  },
  {
    path: "accommodation/sites/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "accommodation.sites.manage",
    id: "accommodation-sites-import-run",
  },
  {
    path: "accommodation/weights",
    file: "routes/staff/accommodation/weights.tsx",
    permission: "accommodation.sites.read",
  },
  {
    path: "accommodation/scenarios/:id",
    file: "routes/staff/accommodation/scenario.tsx",
    permission: "accommodation.sites.read",
  },
  { path: "areas", file: "routes/staff/areas.tsx", permission: "areas.read" },
  { path: "areas/import", file: "routes/staff/areas-import.tsx", permission: "areas.import" },
  {
    path: "areas/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "areas.import",
    id: "areas-import-run",
  },
  { path: "addresses", file: "routes/staff/addresses/list.tsx", permission: "addresses.read" },
  { path: "addresses/import", file: "routes/staff/addresses/import.tsx", permission: "addresses.import" },
  {
    path: "addresses/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "addresses.import",
    id: "addresses-import-run",
  },
  { path: "framework", file: "routes/staff/framework.tsx", permission: "framework.read" },
  { path: "framework/:id", file: "routes/staff/framework-term.tsx", permission: "framework.read" },
  { path: "audit", file: "routes/staff/audit.tsx", permission: "audit.read" },
  { path: "outbox", file: "routes/staff/outbox.tsx", permission: "outbox.read" },
  { path: "outbox/:id", file: "routes/staff/outbox-mail.tsx", permission: "outbox.read" },
  { path: "offices", file: "routes/staff/offices/list.tsx", permission: "offices.read" },
  { path: "volunteers", file: "routes/staff/volunteers/list.tsx", permission: "volunteers.read" },
  {
    path: "volunteers/requests",
    file: "routes/staff/volunteers/requests.tsx",
    permission: "volunteers.requests.read",
  },
  {
    path: "volunteers/requests/:id",
    file: "routes/staff/volunteers/request.tsx",
    permission: "volunteers.requests.read",
  },
  {
    path: "volunteers/matching",
    file: "routes/staff/volunteers/matching.tsx",
    permission: "volunteers.requests.manage",
  },
  {
    path: "volunteers/links",
    file: "routes/staff/volunteers/links.tsx",
    permission: "volunteers.links",
  },
  {
    path: "volunteers/tandems",
    file: "routes/staff/volunteers/tandems.tsx",
    permission: "volunteers.tandems.read",
  },
  {
    path: "volunteers/tandems/:id",
    file: "routes/staff/volunteers/tandem.tsx",
    permission: "volunteers.tandems.read",
  },
  {
    path: "volunteers/expenses",
    file: "routes/staff/volunteers/expenses.tsx",
    permission: "volunteers.claims.manage",
  },
  {
    path: "volunteers/numbers",
    file: "routes/staff/volunteers/numbers.tsx",
    permission: "volunteers.statistics",
  },
  // A mediator asked for from a case (decision 084); case work's need-to-know decides the case.
  {
    path: "volunteers/cases/:caseId",
    file: "routes/staff/volunteers/case-request.tsx",
    permission: "volunteers.requests.case",
  },
  // The volunteer's own page (role volunteer; the coordinator sees it empty unless linked).
  {
    path: "volunteers/statements",
    file: "routes/staff/volunteers/statements.tsx",
    permission: "volunteers.statements",
  },
  { path: "volunteers/me", file: "routes/staff/volunteers/mine.tsx", permission: "volunteers.claims.submit" },
  {
    path: "volunteers/me/rules",
    file: "routes/staff/volunteers/my-rules.tsx",
    permission: "volunteers.rules.acknowledge",
  },
  {
    path: "volunteers/rules",
    file: "routes/staff/volunteers/rules.tsx",
    permission: "volunteers.rules.manage",
  },
  { path: "volunteers/:id", file: "routes/staff/volunteers/detail.tsx", permission: "volunteers.read" },
  { path: "network", file: "routes/staff/network/bodies.tsx", permission: "network.read" },
  { path: "network/bodies/:id", file: "routes/staff/network/body.tsx", permission: "network.read" },
  { path: "network/meetings/:id", file: "routes/staff/network/meeting.tsx", permission: "network.read" },
  {
    path: "network/bodies/:id/date-polls/new",
    file: "routes/staff/network/date-poll-new.tsx",
    permission: "network.meetings.manage",
  },
  { path: "network/date-polls/:id", file: "routes/staff/network/date-poll.tsx", permission: "network.read" },
  { path: "network/follow-up", file: "routes/staff/network/follow-up.tsx", permission: "network.read" },
  { path: "network/agreements", file: "routes/staff/network/agreements.tsx", permission: "network.read" },
  {
    path: "network/agreements/new",
    file: "routes/staff/network/agreement-new.tsx",
    permission: "network.manage",
  },
  { path: "network/agreements/:id", file: "routes/staff/network/agreement.tsx", permission: "network.read" },
  { path: "network/events", file: "routes/staff/network/events.tsx", permission: "network.read" },
  { path: "network/events/:id", file: "routes/staff/network/event.tsx", permission: "network.read" },
  {
    path: "network/events/:id/report",
    file: "routes/staff/network/event-report.tsx",
    permission: "network.read",
  },
  { path: "network/erasure", file: "routes/staff/network/erasure.tsx", permission: "network.erase" },
  { path: "offices/:id", file: "routes/staff/offices/edit.tsx", permission: "offices.read" },
  // Case work (special-category data).
  { path: "cases", file: "routes/staff/cases/list.tsx", permission: "cases.read" },
  { path: "cases/new", file: "routes/staff/cases/new.tsx", permission: "cases.write" },
  { path: "cases/:id", file: "routes/staff/cases/detail.tsx", permission: "cases.read" },
  { path: "households", file: "routes/staff/cases/households.tsx", permission: "cases.read" },
  { path: "households/:id", file: "routes/staff/cases/household.tsx", permission: "cases.read" },
  { path: "settings/casework", file: "routes/staff/cases/settings.tsx", permission: "casework.settings" },
  { path: "conflicts", file: "routes/staff/conflicts/list.tsx", permission: "conflicts.read" },
  { path: "conflicts/new", file: "routes/staff/conflicts/new.tsx", permission: "conflicts.report" },
  { path: "conflicts/posts", file: "routes/staff/conflicts/posts.tsx", permission: "conflicts.posts" },
  {
    path: "conflicts/moderation",
    file: "routes/staff/conflicts/moderation.tsx",
    permission: "conflicts.handle",
  },
  {
    path: "conflicts/mediations",
    file: "routes/staff/conflicts/mediations.tsx",
    permission: "conflicts.mediate",
  },
  {
    path: "conflicts/numbers",
    file: "routes/staff/conflicts/numbers.tsx",
    permission: "conflicts.statistics",
  },
  {
    path: "conflicts/escalated",
    file: "routes/staff/conflicts/escalated.tsx",
    permission: "conflicts.escalated",
  },
  {
    path: "conflicts/plans/crisis",
    file: "routes/staff/conflicts/crisis-plan.tsx",
    permission: "conflicts.plans_view",
  },
  {
    path: "conflicts/plans/prevention",
    file: "routes/staff/conflicts/prevention-plan.tsx",
    permission: "conflicts.plans_view",
  },
  { path: "conflicts/crises", file: "routes/staff/conflicts/crises.tsx", permission: "conflicts.crisis" },
  {
    path: "conflicts/crises/:id",
    file: "routes/staff/conflicts/crisis.tsx",
    permission: "conflicts.crisis",
  },
  {
    path: "conflicts/:id/cases",
    file: "routes/staff/conflicts/cases.tsx",
    permission: "conflicts.handle",
  },
  { path: "conflicts/:id", file: "routes/staff/conflicts/detail.tsx", permission: "conflicts.read" },
  { path: "case-overview", file: "routes/staff/case-overview.tsx", permission: "cases.overview" },
  { path: "cases/:id/consents", file: "routes/staff/case-consents.tsx", permission: "cases.read" },
  { path: "cases/:id/referrals", file: "routes/staff/case-referrals.tsx", permission: "cases.read" },
  { path: "referrals", file: "routes/staff/referrals.tsx", permission: "referrals.receive" },
  { path: "referrals/:id", file: "routes/staff/referral.tsx", permission: "referrals.receive" },
  { path: "privacy", file: "routes/staff/privacy/index.tsx", permission: "privacy.access_log" },
  {
    path: "privacy/review",
    file: "routes/staff/privacy/review.tsx",
    permission: "privacy.break_glass_review",
  },
  { path: "privacy/erase", file: "routes/staff/privacy/erase.tsx", permission: "privacy.erase" },
  { path: "break-glass", file: "routes/staff/privacy/break-glass.tsx", permission: "cases.break_glass" },
  {
    path: "subject-access",
    file: "routes/staff/privacy/subject-access.tsx",
    permission: "privacy.subject_access",
  },
  {
    path: "subject-access/:personId",
    file: "routes/staff/privacy/subject-document.tsx",
    permission: "privacy.subject_access",
  },
  { path: "legal-hold", file: "routes/staff/privacy/legal-hold.tsx", permission: "cases.legal_hold" },
  // Directory (Wegweiser).
  { path: "directory", file: "routes/staff/directory/list.tsx", permission: "directory.read" },
  { path: "directory/review", file: "routes/staff/directory/review.tsx", permission: "directory.publish" },
  { path: "directory/import", file: "routes/staff/directory/import.tsx", permission: "directory.import" },
  {
    path: "directory/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "directory.import",
    id: "directory-import-run",
  },
  {
    path: "directory/postcodes",
    file: "routes/staff/directory/postcodes.tsx",
    permission: "directory.import",
  },
  {
    path: "directory/translations",
    file: "routes/staff/directory/translation-overview.tsx",
    permission: "directory.translate",
  },
  {
    path: "directory/revisions/:id",
    file: "routes/staff/directory/revision.tsx",
    permission: "directory.read",
  },
  { path: "directory/:type/:id", file: "routes/staff/directory/entry.tsx", permission: "directory.read" },
  {
    path: "directory/:type/:id/history",
    file: "routes/staff/directory/history.tsx",
    permission: "directory.read",
  },
  {
    path: "directory/:type/:id/translations",
    file: "routes/staff/directory/translations.tsx",
    permission: "directory.read",
  },
  // Small-area monitoring.
  { path: "monitoring", file: "routes/staff/monitoring/overview.tsx", permission: "monitoring.view" },
  { path: "monitoring/map", file: "routes/staff/monitoring/map.tsx", permission: "monitoring.view" },
  {
    path: "monitoring/areas/:areaId",
    file: "routes/staff/monitoring/area.tsx",
    permission: "monitoring.view",
  },
  {
    path: "monitoring/indicators/:code",
    file: "routes/staff/monitoring/indicator.tsx",
    permission: "monitoring.view",
  },
  {
    path: "monitoring/index",
    file: "routes/staff/monitoring/status-index.tsx",
    permission: "monitoring.view",
  },
  { path: "monitoring/data", file: "routes/staff/monitoring/data.tsx", permission: "monitoring.data.manage" },
  {
    path: "monitoring/data/import",
    file: "routes/staff/monitoring/import.tsx",
    permission: "monitoring.data.manage",
  },
  {
    path: "monitoring/data/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "monitoring.data.manage",
    id: "monitoring-import-run",
  },
  {
    path: "monitoring/data/:period",
    file: "routes/staff/monitoring/grid.tsx",
    permission: "monitoring.data.manage",
  },
  // The confirmation step of an approval with its plausibility findings (decision 133).
  {
    path: "monitoring/data/:period/approve",
    file: "routes/staff/monitoring/approve.tsx",
    permission: "monitoring.approve",
  },
  {
    path: "monitoring/definitions",
    file: "routes/staff/monitoring/definitions.tsx",
    permission: "monitoring.view",
  },
  {
    path: "monitoring/definitions/:code",
    file: "routes/staff/monitoring/indicator-edit.tsx",
    permission: "monitoring.definitions.manage",
  },
  { path: "monitoring/report", file: "routes/staff/monitoring/report.tsx", permission: "monitoring.view" },
  ...PROGRAMME_ROUTES,
] as const satisfies readonly StaffRoute[];
