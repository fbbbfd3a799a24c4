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
