import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { type ValueIndex, valueKey } from "./compute.ts";
import { monitoringReleases, monitoringReleaseValues, type ReleaseDefinitions } from "./schema.ts";

export type ReleaseRow = {
  number: number;
  period: string;
  createdAt: Date;
  valueCount: number;
  note: string | null;
};

/** The engine's queries over releases (decision 016); no rules. */
export const releasesRepo = {
  rows(db: DbOrTx, tenantId: string): Promise<ReleaseRow[]> {
    return db
      .select({
        number: monitoringReleases.number,
        period: monitoringReleases.period,
        createdAt: monitoringReleases.createdAt,
        valueCount: monitoringReleases.valueCount,
        note: monitoringReleases.note,
      })
      .from(monitoringReleases)
      .where(eq(monitoringReleases.tenantId, tenantId))
      .orderBy(asc(monitoringReleases.number));
  },

  /** The frozen values of the given releases, indexed by period. */
  async values(db: DbOrTx, tenantId: string, releases: readonly ReleaseRow[]): Promise<ValueIndex> {
    const index: ValueIndex = new Map();
    if (releases.length === 0) return index;
    const rows = await db
      .select({
        releaseNumber: monitoringReleaseValues.releaseNumber,
        elementCode: monitoringReleaseValues.elementCode,
        areaId: monitoringReleaseValues.areaId,
        breakdown: monitoringReleaseValues.breakdown,
        value: monitoringReleaseValues.value,
        synthetic: monitoringReleaseValues.synthetic,
      })
      .from(monitoringReleaseValues)
      .where(
        and(
          eq(monitoringReleaseValues.tenantId, tenantId),
          inArray(
            monitoringReleaseValues.releaseNumber,
            releases.map((r) => r.number),
          ),
        ),
      );
    const periodOf = new Map(releases.map((r) => [r.number, r.period]));
    for (const r of rows) {
      const period = periodOf.get(r.releaseNumber)!;
      let m = index.get(period);
      if (!m) {
        m = new Map();
        index.set(period, m);
      }
      m.set(valueKey(r.elementCode, r.areaId, r.breakdown), { value: r.value, synthetic: r.synthetic });
    }
    return index;
  },

  async definitions(db: DbOrTx, tenantId: string, release: number): Promise<ReleaseDefinitions> {
    const [row] = await db
      .select({ definitions: monitoringReleases.definitions })
      .from(monitoringReleases)
      .where(and(eq(monitoringReleases.tenantId, tenantId), eq(monitoringReleases.number, release)));
    return row!.definitions;
  },
};
