import type { RoutePermission } from "./policy.ts";

/**
 * Staff pages and the permission each needs. The HTTP layer enforces this table before a
 * page renders, and the authorization walk enumerates it. Longest prefix wins.
 */
export const STAFF_PAGES: readonly { path: string; permission: RoutePermission }[] = [
  { path: "/staff", permission: "staff.access" },
  { path: "/staff/account", permission: "account.self" },
  { path: "/staff/settings", permission: "tenant.settings.read" },
  { path: "/staff/users", permission: "users.read" },
  { path: "/staff/areas", permission: "areas.read" },
  { path: "/staff/areas/import", permission: "areas.import" },
  { path: "/staff/framework", permission: "framework.read" },
  { path: "/staff/audit", permission: "audit.read" },
  { path: "/staff/outbox", permission: "outbox.read" },
  { path: "/staff/offices", permission: "offices.read" },
  { path: "/staff/cases", permission: "cases.read" },
  { path: "/staff/cases/new", permission: "cases.write" },
  { path: "/staff/households", permission: "cases.read" },
  { path: "/staff/settings/casework", permission: "casework.settings" },
  { path: "/staff/case-overview", permission: "cases.overview" },
  { path: "/staff/monitoring", permission: "monitoring.view" },
  { path: "/staff/monitoring/data", permission: "monitoring.data.manage" },
  { path: "/staff/monitoring/definitions", permission: "monitoring.view" },
  { path: "/staff/referrals", permission: "referrals.receive" },
  { path: "/staff/forms", permission: "surveys.forms.read" },
  { path: "/staff/forms/import", permission: "surveys.forms.manage" },
  { path: "/staff/surveys", permission: "surveys.manage" },
  { path: "/staff/survey-results", permission: "surveys.analyse" },
  { path: "/staff/privacy", permission: "privacy.access_log" },
  { path: "/staff/privacy/review", permission: "privacy.break_glass_review" },
  { path: "/staff/privacy/erase", permission: "privacy.erase" },
  { path: "/staff/break-glass", permission: "cases.break_glass" },
  { path: "/staff/subject-access", permission: "privacy.subject_access" },
  { path: "/staff/legal-hold", permission: "cases.legal_hold" },
  { path: "/staff/directory", permission: "directory.read" },
  { path: "/staff/directory/review", permission: "directory.publish" },
  { path: "/staff/directory/import", permission: "directory.import" },
  { path: "/staff/directory/postcodes", permission: "directory.import" },
  { path: "/staff/directory/translations", permission: "directory.translate" },
];

export function pagePermission(pathname: string): RoutePermission | undefined {
  const path = pathname.replace(/\/+$/, "") || "/";
  let best: { path: string; permission: RoutePermission } | undefined;
  for (const p of STAFF_PAGES) {
    if ((path === p.path || path.startsWith(`${p.path}/`)) && (!best || p.path.length > best.path.length))
      best = p;
  }
  return best?.permission;
}
