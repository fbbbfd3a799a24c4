import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { strategyGapSettings, strategyReports } from "./schema.ts";

export type GapSettingsRow = typeof strategyGapSettings.$inferSelect;
export type ReportRow = typeof strategyReports.$inferSelect;
type GapSettingsValues = Pick<GapSettingsRow, "factor" | "minNeed" | "domainTerms">;

/** Queries of the gap settings and the stored implementation reports; no rules. */
export const gapsRepo = {
  async settings(db: DbOrTx, tenantId: string): Promise<GapSettingsRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyGapSettings)
      .where(eq(strategyGapSettings.tenantId, tenantId));
    return row;
  },
  /** Insert at version 0, or compare-and-set; undefined when someone else saved first. */
  async saveSettings(
    db: DbOrTx,
    tenantId: string,
    values: GapSettingsValues,
    version: number,
    now: Date,
  ): Promise<GapSettingsRow | undefined> {
    if (version === 0) {
      const [row] = await db
        .insert(strategyGapSettings)
        .values({ tenantId, ...values, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      return row;
    }
    const [row] = await db
      .update(strategyGapSettings)
      .set({ ...values, version: sql`${strategyGapSettings.version} + 1`, updatedAt: now })
      .where(and(eq(strategyGapSettings.tenantId, tenantId), eq(strategyGapSettings.version, version)))
      .returning();
    return row;
  },
};

export const reportsRepo = {
  async insert(db: DbOrTx, row: typeof strategyReports.$inferInsert): Promise<ReportRow> {
    const [created] = await db.insert(strategyReports).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ReportRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyReports)
      .where(and(eq(strategyReports.tenantId, tenantId), eq(strategyReports.id, id)));
    return row;
  },
  /** The reports of a tenant without their bytes, newest first. */
  list(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: strategyReports.id,
        year: strategyReports.year,
        status: strategyReports.status,
        createdAt: strategyReports.createdAt,
        doneAt: strategyReports.doneAt,
      })
      .from(strategyReports)
      .where(eq(strategyReports.tenantId, tenantId))
      .orderBy(desc(strategyReports.createdAt))
      .limit(50);
  },
  async finish(db: DbOrTx, tenantId: string, id: string, pdf: Buffer | null, now: Date) {
    await db
      .update(strategyReports)
      .set({ pdf, status: pdf ? "done" : "failed", doneAt: now })
      .where(and(eq(strategyReports.tenantId, tenantId), eq(strategyReports.id, id)));
  },
};
