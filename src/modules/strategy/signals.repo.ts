import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { strategyNeedSignals } from "./schema.ts";

export type SignalRow = typeof strategyNeedSignals.$inferSelect;

/** Queries of the need signals; no rules. */
export const signalsRepo = {
  list(db: DbOrTx, tenantId: string): Promise<SignalRow[]> {
    return db
      .select()
      .from(strategyNeedSignals)
      .where(eq(strategyNeedSignals.tenantId, tenantId))
      .orderBy(asc(strategyNeedSignals.createdAt), asc(strategyNeedSignals.id));
  },
  async insert(db: DbOrTx, row: typeof strategyNeedSignals.$inferInsert): Promise<SignalRow> {
    const [created] = await db.insert(strategyNeedSignals).values(row).returning();
    return created!;
  },
  async remove(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
    const rows = await db
      .delete(strategyNeedSignals)
      .where(and(eq(strategyNeedSignals.tenantId, tenantId), eq(strategyNeedSignals.id, id)))
      .returning({ id: strategyNeedSignals.id });
    return rows.length > 0;
  },
};
