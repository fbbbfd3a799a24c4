import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { strategyIndicators, strategyIndicatorValues } from "./schema.ts";

export type IndicatorRow = typeof strategyIndicators.$inferSelect;
export type ValueRow = typeof strategyIndicatorValues.$inferSelect;

/** Every query of goal indicators and their typed values; no rules. */
export const indicatorRepo = {
  ofNodes(db: DbOrTx, tenantId: string, nodeIds: string[]): Promise<IndicatorRow[]> {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(strategyIndicators)
      .where(and(eq(strategyIndicators.tenantId, tenantId), inArray(strategyIndicators.nodeId, nodeIds)))
      .orderBy(asc(strategyIndicators.createdAt), asc(strategyIndicators.id));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<IndicatorRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyIndicators)
      .where(and(eq(strategyIndicators.tenantId, tenantId), eq(strategyIndicators.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof strategyIndicators.$inferInsert): Promise<IndicatorRow> {
    const [created] = await db.insert(strategyIndicators).values(row).returning();
    return created!;
  },
  values(db: DbOrTx, tenantId: string, indicatorIds: string[]): Promise<ValueRow[]> {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(strategyIndicatorValues)
      .where(
        and(
          eq(strategyIndicatorValues.tenantId, tenantId),
          inArray(strategyIndicatorValues.indicatorId, indicatorIds),
        ),
      )
      .orderBy(desc(strategyIndicatorValues.period), desc(strategyIndicatorValues.createdAt));
  },
  async value(db: DbOrTx, tenantId: string, id: string): Promise<ValueRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyIndicatorValues)
      .where(and(eq(strategyIndicatorValues.tenantId, tenantId), eq(strategyIndicatorValues.id, id)));
    return row;
  },
  async insertValue(db: DbOrTx, row: typeof strategyIndicatorValues.$inferInsert): Promise<ValueRow> {
    const [created] = await db.insert(strategyIndicatorValues).values(row).returning();
    return created!;
  },
  async approveIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    by: string,
    now: Date,
  ): Promise<ValueRow | undefined> {
    const [row] = await db
      .update(strategyIndicatorValues)
      .set({
        status: "approved",
        approvedBy: by,
        approvedAt: now,
        version: sql`${strategyIndicatorValues.version} + 1`,
      })
      .where(
        and(
          eq(strategyIndicatorValues.tenantId, tenantId),
          eq(strategyIndicatorValues.id, id),
          eq(strategyIndicatorValues.version, version),
        ),
      )
      .returning();
    return row;
  },
};
