// The page table is derived from the one declaration of staff routes (decision 041). These tests
// hold it against the table and the loader checks it replaced, so nothing was loosened silently,
// and make a staff route without a declared permission fail.
import fs from "node:fs";
import path from "node:path";
import { index, type RouteConfigEntry, route } from "@react-router/dev/routes";
import { describe, expect, it } from "vitest";
import routes from "#app/app/routes.ts";
import { pagePermission, pagePermissions, STAFF_PAGES } from "./pages.ts";
import { ACTIONS, type Action, can } from "./policy.ts";
import { type Principal, ROLES, type Role } from "./roles.ts";
import { STAFF_LAYOUT, STAFF_ROUTES, type StaffRoute } from "./staff-routes.ts";

/** The page table as it was declared by hand before decision 041 (longest prefix wins). */
const FROZEN_PAGE_TABLE: readonly { path: string; permission: Action }[] = [
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

/** What each page's loader checked itself before decision 041 (the index and sign-out: nothing). */
const FROZEN_LOADER_CHECKS: Record<string, Action | null> = {
  logout: null,
  "": null,
  account: "account.self",
  users: "users.read",
  "users/:id": "users.read",
  settings: "tenant.settings.read",
  areas: "areas.read",
  "areas/import": "areas.import",
  framework: "framework.read",
  "framework/:id": "framework.read",
  audit: "audit.read",
  outbox: "outbox.read",
  "outbox/:id": "outbox.read",
  offices: "offices.read",
  "offices/:id": "offices.read",
  cases: "cases.read",
  "cases/new": "cases.write",
  "cases/:id": "cases.read",
  households: "cases.read",
  "households/:id": "cases.read",
  "settings/casework": "casework.settings",
  "case-overview": "cases.overview",
  "cases/:id/consents": "cases.read",
  "cases/:id/referrals": "cases.read",
  referrals: "referrals.receive",
  "referrals/:id": "referrals.receive",
  privacy: "privacy.access_log",
  "privacy/review": "privacy.break_glass_review",
  "privacy/erase": "privacy.erase",
  "break-glass": "cases.break_glass",
  "subject-access": "privacy.subject_access",
  "subject-access/:personId": "privacy.subject_access",
  "legal-hold": "cases.legal_hold",
  directory: "directory.read",
  "directory/review": "directory.publish",
  "directory/import": "directory.import",
  "directory/postcodes": "directory.import",
  "directory/translations": "directory.translate",
  "directory/revisions/:id": "directory.read",
  "directory/:type/:id": "directory.read",
  "directory/:type/:id/history": "directory.read",
  "directory/:type/:id/translations": "directory.read",
  monitoring: "monitoring.view",
  "monitoring/map": "monitoring.view",
  "monitoring/areas/:areaId": "monitoring.view",
  "monitoring/indicators/:code": "monitoring.view",
  "monitoring/index": "monitoring.view",
  "monitoring/data": "monitoring.data.manage",
  "monitoring/data/import": "monitoring.data.manage",
  "monitoring/data/:period": "monitoring.data.manage",
  "monitoring/definitions": "monitoring.view",
  "monitoring/definitions/:code": "monitoring.definitions.manage",
  "monitoring/report": "monitoring.view",
  forms: "surveys.forms.read",
  "forms/import": "surveys.forms.manage",
  "forms/:id": "surveys.forms.read",
  "cases/:id/forms/:formId": "surveys.capture",
  surveys: "surveys.manage",
  "surveys/:id": "surveys.manage",
  "surveys/waves/:waveId": "surveys.manage",
  "survey-results": "surveys.analyse",
};

function frozenPagePermission(pathname: string): Action | undefined {
  return FROZEN_PAGE_TABLE.filter((p) => pathname === p.path || pathname.startsWith(`${p.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0]?.permission;
}

const declared: readonly StaffRoute[] = STAFF_ROUTES;
const urlOf = (r: StaffRoute) => (r.path ? `/staff/${r.path.replace(/:\w+/g, "x1")}` : "/staff");

/** Every principal of one role, and of every two roles (grants add up). */
const PRINCIPALS: Principal[] = ROLES.flatMap((a, i) =>
  ROLES.slice(i).map((b) => ({
    userId: "u",
    tenantId: "t",
    sessionId: "s",
    grants: [...new Set<Role>([a, b])].map((role) => ({ role, scopeType: "tenant" as const, scopeId: null })),
    mfaSatisfied: true,
  })),
);

describe("the page table derived from the staff routes", () => {
  it("keeps every permission of the hand-written table it replaced", () => {
    for (const p of FROZEN_PAGE_TABLE) expect(pagePermission(p.path), p.path).toBe(p.permission);
    for (const p of FROZEN_PAGE_TABLE) expect(STAFF_PAGES, p.path).toContainEqual(p);
  });

  it("lets exactly those principals open each route whom the old table and the loader let in", () => {
    const changed: string[] = [];
    // Routes added after decision 041 have no earlier state; every frozen one must still exist.
    for (const path of Object.keys(FROZEN_LOADER_CHECKS)) expect(declared.map((r) => r.path)).toContain(path);
    for (const r of declared.filter((d) => Object.hasOwn(FROZEN_LOADER_CHECKS, d.path))) {
      const url = urlOf(r);
      const before = [frozenPagePermission(url), FROZEN_LOADER_CHECKS[r.path]].filter((a) => a != null);
      const now = pagePermissions(url);
      expect(now.length, url).toBeGreaterThan(0);
      for (const p of PRINCIPALS) {
        const was = before.every((a) => can(p, a));
        const is = now.every((a) => a === "public" || can(p, a));
        if (was !== is) changed.push(`${url} for ${p.grants.map((g) => g.role).join("+")}: ${was} → ${is}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it("matches like the router: parameters, static segments first, any case, nothing below a page opens wider", () => {
    expect(pagePermissions("/staff/cases")).toEqual(["staff.access", "cases.read"]);
    expect(pagePermission("/staff/cases/new")).toBe("cases.write");
    expect(pagePermission("/staff/cases/0190f5e0/forms/7")).toBe("surveys.capture");
    expect(pagePermission("/staff/monitoring/definitions/EW01")).toBe("monitoring.definitions.manage");
    expect(pagePermission("/staff/monitoring/data/import")).toBe("monitoring.data.manage");
    // One module (the import run page) under three routes: each keeps its own permission.
    const run = "0190f5e0-0000-7000-8000-000000000001";
    expect(pagePermission(`/staff/areas/import/${run}`)).toBe("areas.import");
    expect(pagePermission(`/staff/directory/import/${run}`)).toBe("directory.import");
    expect(pagePermission(`/staff/monitoring/data/import/${run}`)).toBe("monitoring.data.manage");
    expect(pagePermission("/STAFF/Cases/")).toBe("cases.read");
    expect(pagePermission("/staff/cases/0190f5e0/unknown/deeper")).toBe("cases.read");
    expect(pagePermission("/staff/%63ases")).toBe("cases.read");
    expect(pagePermissions("/staff/logout")).toEqual(["staff.access"]);
    expect(pagePermissions("/de/offers")).toEqual([]);
    expect(pagePermissions("/")).toEqual([]);
  });

  it("declares each route once, with a known permission and an existing route module", () => {
    const appDir = path.resolve(import.meta.dirname, "../../app");
    expect(new Set(declared.map((r) => r.path)).size).toBe(declared.length);
    // A module shared by several routes (the import run page) has a route id for each.
    expect(new Set(declared.map((r) => r.id ?? r.file)).size).toBe(declared.length);
    for (const r of [...declared, STAFF_LAYOUT]) {
      expect(r.permission === "public" || ACTIONS.includes(r.permission), r.file).toBe(true);
      expect(fs.existsSync(path.join(appDir, r.file)), r.file).toBe(true);
    }
  });

  it("leaves the declared permission to the HTTP layer: no page checks it again", () => {
    const appDir = path.resolve(import.meta.dirname, "../../app");
    for (const r of [...declared, STAFF_LAYOUT]) {
      const source = fs.readFileSync(path.join(appDir, r.file), "utf8");
      expect(source, r.file).not.toContain(`requirePage(ctx, "${r.permission}")`);
    }
  });
});

type Flat = { path: string; file: string };
function flatten(entries: readonly RouteConfigEntry[], parent = ""): Flat[] {
  return entries.flatMap((e) => {
    const full = [parent, e.path ?? ""].filter(Boolean).join("/");
    return [{ path: full, file: e.file }, ...flatten(e.children ?? [], full)];
  });
}

/** Routes of the config under /staff that no entry of STAFF_ROUTES (or the layout) declares. */
function undeclaredStaffRoutes(config: readonly RouteConfigEntry[]): string[] {
  const known = new Set([
    `staff ${STAFF_LAYOUT.file}`,
    ...declared.map((r) => `${r.path ? `staff/${r.path}` : "staff"} ${r.file}`),
  ]);
  return flatten(config)
    .filter((r) => /^staff(\/|$)/i.test(r.path) || r.file.startsWith("routes/staff/"))
    .map((r) => `${r.path} ${r.file}`)
    .filter((key) => !known.has(key));
}

describe("a staff route without a declared permission", () => {
  it("does not exist in the route config", async () => {
    expect(flatten(await routes).length).toBeGreaterThan(declared.length);
    expect(undeclaredStaffRoutes(await routes)).toEqual([]);
  });

  it("fails this check when planted beside the declaration or inside the staff layout", async () => {
    const config = await routes;
    const planted = [
      ...config,
      route("staff/secret", "routes/staff/secret.tsx"),
      route("staff", STAFF_LAYOUT.file, [
        index("routes/staff/home.tsx"),
        route("hidden", "routes/staff/hidden.tsx"),
      ]),
    ];
    expect(undeclaredStaffRoutes(planted)).toEqual([
      "staff/secret routes/staff/secret.tsx",
      "staff/hidden routes/staff/hidden.tsx",
    ]);
  });

  it("does not type-check in the declaration", () => {
    // @ts-expect-error a staff route needs its permission
    const planted: StaffRoute = { path: "secret", file: "routes/staff/secret.tsx" };
    expect(planted.permission).toBeUndefined();
  });
});
