import { matchRoutes, type RouteObject } from "react-router";
import type { RoutePermission } from "./policy.ts";
import { STAFF_LAYOUT, STAFF_ROUTES, type StaffRoute } from "./staff-routes.ts";

/**
 * The page table, derived from the one declaration of staff routes (staff-routes.ts, decision
 * 041). The HTTP layer enforces it before a page renders or an action runs; the authorization
 * walk enumerates it.
 */
const declared: readonly StaffRoute[] = STAFF_ROUTES;

/** A route's id: its module, or its own id when the module serves several routes (the import run page). */
const idOf = (r: StaffRoute) => r.id ?? r.file;

const PERMISSION_BY_ID = new Map<string, RoutePermission>([
  [STAFF_LAYOUT.file, STAFF_LAYOUT.permission],
  ...declared.map((r) => [idOf(r), r.permission] as const),
]);

/** The same tree `app/routes.ts` builds, matched with React Router's own ranking. */
const ROUTES: RouteObject[] = [
  ...declared.filter((r) => r.outsideLayout).map((r) => ({ id: idOf(r), path: `/staff/${r.path}` })),
  {
    id: STAFF_LAYOUT.file,
    path: "/staff",
    children: declared
      .filter((r) => !r.outsideLayout)
      .map((r) => (r.path === "" ? { id: idOf(r), index: true } : { id: idOf(r), path: r.path })),
  },
];

/**
 * Staff pages without parameters, each with the permission it needs: what the authorization
 * walk opens for every role.
 */
export const STAFF_PAGES: readonly { path: string; permission: RoutePermission }[] = declared
  .filter((r) => !r.outsideLayout && !r.path.includes(":"))
  .map((r) => ({ path: r.path ? `/staff/${r.path}` : "/staff", permission: r.permission }));

/**
 * Every permission a request for this path needs: the staff shell's and the page's. A path below
 * a staff page that matches no route (it renders "not found") needs what the nearest page above
 * it needs, so a miss never opens a door. Matching is React Router's (case-insensitive, decoded),
 * so the table sees the page the router will render. Empty for paths outside the staff app.
 */
export function pagePermissions(pathname: string): RoutePermission[] {
  const normalized = pathname.replace(/\/+$/, "");
  for (let path = normalized; path; path = path.slice(0, path.lastIndexOf("/"))) {
    const matches = matchRoutes(ROUTES, path);
    if (matches) return matches.map((m) => PERMISSION_BY_ID.get(m.route.id ?? "") ?? STAFF_LAYOUT.permission);
  }
  return [];
}

/** The page's own permission (the most specific one), or undefined outside the staff app. */
export function pagePermission(pathname: string): RoutePermission | undefined {
  return pagePermissions(pathname).at(-1);
}
