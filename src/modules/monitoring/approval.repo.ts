import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { PlausibilityRule } from "./model.ts";
import type { PlausibilityValue } from "./plausibility.ts";
import { monitoringElements, monitoringPeriods, monitoringSettings, monitoringValues } from "./schema.ts";

export type MonitoringSettingsRow = typeof monitoringSettings.$inferSelect;

/** Queries of the periods' approval, the plausibility check and its settings; no rules. */
export const approvalRepo = {
  async period(db: DbOrTx, tenantId: string, period: string, opts: { lock?: boolean } = {}) {
    const q = db
      .select()
      .from(monitoringPeriods)
      .where(and(eq(monitoringPeriods.tenantId, tenantId), eq(monitoringPeriods.period, period)));
    const [row] = await (opts.lock ? q.for("update") : q);
    return row;
  },

  /**
   * The working values of the given periods for elements typed in from outside (Lotse's own
   * figures are computed, nobody corrects them in the grid): one query for the whole check.
   */
  values(db: DbOrTx, tenantId: string, periods: readonly string[]): Promise<PlausibilityValue[]> {
    return db
      .select({
        period: monitoringValues.period,
        element: monitoringElements.code,
        areaId: monitoringValues.areaId,
        breakdown: monitoringValues.breakdown,
        value: monitoringValues.value,
      })
      .from(monitoringValues)
      .innerJoin(
        monitoringElements,
        and(
          eq(monitoringElements.tenantId, monitoringValues.tenantId),
          eq(monitoringElements.id, monitoringValues.elementId),
        ),
      )
      .where(
        and(
          eq(monitoringValues.tenantId, tenantId),
          inArray(monitoringValues.period, [...periods]),
          eq(monitoringElements.origin, "external"),
        ),
      );
  },

  async settings(db: DbOrTx, tenantId: string): Promise<MonitoringSettingsRow | undefined> {
    const [row] = await db.select().from(monitoringSettings).where(eq(monitoringSettings.tenantId, tenantId));
    return row;
  },

  /** Insert at version 0, or compare-and-set; undefined when someone else saved first. */
  async saveSettings(
    db: DbOrTx,
    tenantId: string,
    rule: PlausibilityRule,
    version: number,
    now: Date,
  ): Promise<MonitoringSettingsRow | undefined> {
    if (version === 0) {
      const [row] = await db
        .insert(monitoringSettings)
        .values({ tenantId, ...rule, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      return row;
    }
    const [row] = await db
      .update(monitoringSettings)
      .set({ ...rule, version: sql`${monitoringSettings.version} + 1`, updatedAt: now })
      .where(and(eq(monitoringSettings.tenantId, tenantId), eq(monitoringSettings.version, version)))
      .returning();
    return row;
  },
};
