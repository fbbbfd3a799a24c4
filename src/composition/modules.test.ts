import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STAFF_NAV } from "#app/app/nav.ts";
import type { ModuleDefinition } from "#app/server/modules.ts";
import { STAFF_PAGES } from "#app/server/policy/pages.ts";
import { PERMISSIONS } from "#app/server/policy/policy.ts";
import { STAFF_ROUTES } from "#app/server/policy/staff-routes.ts";
import { MODULES } from "./modules.ts";

// The module registry (decision 026) against the one policy table, the page table and the catalogs.
const modules: readonly ModuleDefinition<never>[] = MODULES;
/** Catalog namespaces of the platform itself (shell, errors, field messages, PWA). */
const PLATFORM_NAMESPACES = ["common", "errors", "staff", "validation", "pwa"];

function owners<T>(pick: (m: ModuleDefinition<never>) => readonly T[]) {
  const byItem = new Map<T, string[]>();
  for (const m of modules) for (const x of pick(m)) byItem.set(x, [...(byItem.get(x) ?? []), m.name]);
  return byItem;
}

describe("module registry", () => {
  it("has one definition per module folder", () => {
    const folders = fs.readdirSync(path.resolve(import.meta.dirname, "../modules")).sort();
    expect(modules.map((m) => m.name).sort()).toEqual(folders);
  });

  it("gives every policy action exactly one owning module", () => {
    const byAction = owners((m) => m.actions);
    for (const action of Object.keys(PERMISSIONS))
      expect(byAction.get(action as never), action).toHaveLength(1);
  });

  it("gives every staff route exactly one owning module, and every navigation entry a page", () => {
    const byPage = owners((m) => m.pages);
    // A module owns the staff routes below its page prefixes; the longest prefix decides.
    const ownersOf = (path: string) => {
      const prefix = [...byPage.keys()]
        .filter((p) => path === p || path.startsWith(`${p}/`))
        .sort((a, b) => b.length - a.length)[0];
      return prefix === undefined ? undefined : byPage.get(prefix);
    };
    for (const r of STAFF_ROUTES) {
      const path = r.path ? `/staff/${r.path}` : "/staff";
      expect(ownersOf(path), path).toHaveLength(1);
    }
    for (const p of byPage.keys()) expect(STAFF_PAGES.map((s) => s.path)).toContain(p);
    for (const entry of STAFF_NAV) {
      expect(STAFF_PAGES.map((s) => s.path)).toContain(entry.path);
      expect(ownersOf(entry.path), entry.path).toHaveLength(1);
    }
  });

  it("gives every catalog namespace exactly one owner, and every owned namespace a catalog", () => {
    const dir = path.resolve(import.meta.dirname, "../../locales/de");
    const catalogs = fs.readdirSync(dir).map((f) => f.replace(/\.json$/, ""));
    const byNamespace = owners((m) => m.namespaces);
    for (const ns of catalogs) {
      const n = (byNamespace.get(ns)?.length ?? 0) + (PLATFORM_NAMESPACES.includes(ns) ? 1 : 0);
      expect(n, ns).toBe(1);
    }
    for (const ns of byNamespace.keys()) expect(catalogs).toContain(ns);
  });
});
