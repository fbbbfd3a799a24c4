import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { strategyEvaluations } from "./schema.ts";

export type EvaluationRow = typeof strategyEvaluations.$inferSelect;
type EvaluationInsert = typeof strategyEvaluations.$inferInsert;

/** Queries of the evaluation records (decision 071); no rules. */
export const evaluationRepo = {
  ofNode(db: DbOrTx, tenantId: string, nodeId: string): Promise<EvaluationRow[]> {
    return db
      .select()
      .from(strategyEvaluations)
      .where(and(eq(strategyEvaluations.tenantId, tenantId), eq(strategyEvaluations.nodeId, nodeId)))
      .orderBy(desc(strategyEvaluations.reviewDate));
  },
  inPeriod(db: DbOrTx, tenantId: string, from: string, to: string): Promise<EvaluationRow[]> {
    return db
      .select()
      .from(strategyEvaluations)
      .where(
        and(
          eq(strategyEvaluations.tenantId, tenantId),
          gte(strategyEvaluations.reviewDate, from),
          lte(strategyEvaluations.reviewDate, to),
        ),
      )
      .orderBy(asc(strategyEvaluations.reviewDate), asc(strategyEvaluations.id))
      .limit(1000);
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<EvaluationRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyEvaluations)
      .where(and(eq(strategyEvaluations.tenantId, tenantId), eq(strategyEvaluations.id, id)));
    return row;
  },
  async onDate(db: DbOrTx, tenantId: string, nodeId: string, reviewDate: string) {
    const [row] = await db
      .select({ id: strategyEvaluations.id })
      .from(strategyEvaluations)
      .where(
        and(
          eq(strategyEvaluations.tenantId, tenantId),
          eq(strategyEvaluations.nodeId, nodeId),
          eq(strategyEvaluations.reviewDate, reviewDate),
        ),
      );
    return row;
  },
  async insert(db: DbOrTx, row: EvaluationInsert): Promise<EvaluationRow> {
    const [created] = await db.insert(strategyEvaluations).values(row).returning();
    return created!;
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Omit<EvaluationInsert, "tenantId" | "id" | "nodeId" | "version">>,
    now: Date,
  ): Promise<EvaluationRow | undefined> {
    const [row] = await db
      .update(strategyEvaluations)
      .set({ ...patch, version: sql`${strategyEvaluations.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(strategyEvaluations.tenantId, tenantId),
          eq(strategyEvaluations.id, id),
          eq(strategyEvaluations.version, version),
        ),
      )
      .returning();
    return row;
  },
};
