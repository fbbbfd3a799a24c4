import { eq } from "drizzle-orm";
import type { Database } from "../../server/db/client.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import { definitionsRepo, installTemplates } from "./definitions-repo.ts";
import { monitoringReleases } from "./schema.ts";
import { createRelease, upsertValues, type ValueRow } from "./values-repo.ts";

/** One value of a demo data set, by element code and area code. */
export type DemoValue = {
  element: string;
  area: string;
  breakdown: string;
  value: number;
  /** Constructed to reproduce published figures, or invented. */
  origin: "demo_published" | "demo_synthetic";
};

/** One year of a demo data set; with a note it is approved into a release. */
export type DemoPeriod = { period: string; values: DemoValue[]; releaseNote: string | null };

/**
 * Seeds a demo data set (the demo module's Unna figures) into the monitoring: the templates,
 * the values and one release per approved year. Idempotent: skipped when the tenant has any
 * release. Values of unknown elements or areas are left out.
 */
export function createDemoSeed(deps: {
  db: Database;
  clock: { now(): Date };
  areas: { tree(tenantId: string): Promise<AreaTreeNode[]> };
}) {
  const { db } = deps;
  return async function seedDemo(tenantId: string, periods: readonly DemoPeriod[]) {
    if (await hasRelease(db, tenantId)) return { releases: 0 };
    const now = deps.clock.now();
    const areaId = new Map((await deps.areas.tree(tenantId)).map((a) => [a.code, a.id]));
    return db.transaction(async (tx) => {
      await installTemplates(tx, tenantId, now);
      const elementId = new Map((await definitionsRepo.elements(tx, tenantId)).map((e) => [e.code, e.id]));
      const rowsOf = (p: DemoPeriod, origin: DemoValue["origin"]): ValueRow[] =>
        p.values.flatMap((v) => {
          const element = elementId.get(v.element);
          const area = areaId.get(v.area);
          return v.origin === origin && element && area
            ? [{ elementId: element, areaId: area, period: p.period, breakdown: v.breakdown, value: v.value }]
            : [];
        });
      let releases = 0;
      for (const p of periods) {
        await upsertValues(tx, tenantId, rowsOf(p, "demo_published"), "demo_published", null, now);
        await upsertValues(tx, tenantId, rowsOf(p, "demo_synthetic"), "demo_synthetic", null, now);
        if (p.releaseNote === null) continue;
        await createRelease(tx, tenantId, p.period, null, p.releaseNote, now);
        releases++;
      }
      return { releases };
    });
  };
}

async function hasRelease(db: Database, tenantId: string): Promise<boolean> {
  const rows = await db
    .select({ n: monitoringReleases.number })
    .from(monitoringReleases)
    .where(eq(monitoringReleases.tenantId, tenantId))
    .limit(1);
  return rows.length > 0;
}
