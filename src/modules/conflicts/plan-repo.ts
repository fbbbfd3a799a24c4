import { and, desc, eq, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { PlanKind } from "./model.ts";
import { conflictPlanPdfs, conflictPlanRevisions, conflictPlans } from "./schema.ts";

export type PlanRow = typeof conflictPlans.$inferSelect;

/** The crisis and prevention plans and their saved versions (decision 064). */
export const planRepo = {
  async byKind(db: DbOrTx, tenantId: string, kind: PlanKind): Promise<PlanRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictPlans)
      .where(and(eq(conflictPlans.tenantId, tenantId), eq(conflictPlans.kind, kind)));
    return r;
  },
  /** The first save; undefined when another first save won (the unique kind per tenant). */
  async insert(db: DbOrTx, row: typeof conflictPlans.$inferInsert): Promise<PlanRow | undefined> {
    const [r] = await db.insert(conflictPlans).values(row).onConflictDoNothing().returning();
    return r;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    kind: PlanKind,
    version: number,
    patch: Pick<PlanRow, "content" | "nextReviewOn" | "updatedByUserId">,
    now: Date,
  ): Promise<PlanRow | undefined> {
    const [r] = await db
      .update(conflictPlans)
      .set({ ...patch, remindedOn: null, version: sql`${conflictPlans.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(conflictPlans.tenantId, tenantId),
          eq(conflictPlans.kind, kind),
          eq(conflictPlans.version, version),
        ),
      )
      .returning();
    return r;
  },
  async insertRevision(db: DbOrTx, plan: PlanRow, at: Date): Promise<void> {
    await db.insert(conflictPlanRevisions).values({
      tenantId: plan.tenantId,
      planId: plan.id,
      version: plan.version,
      content: plan.content,
      savedAt: at,
      savedByUserId: plan.updatedByUserId,
    });
  },
  revisions(db: DbOrTx, tenantId: string, planId: string) {
    return db
      .select({
        version: conflictPlanRevisions.version,
        savedAt: conflictPlanRevisions.savedAt,
        savedByUserId: conflictPlanRevisions.savedByUserId,
      })
      .from(conflictPlanRevisions)
      .where(and(eq(conflictPlanRevisions.tenantId, tenantId), eq(conflictPlanRevisions.planId, planId)))
      .orderBy(desc(conflictPlanRevisions.version))
      .limit(50);
  },
  /** Plans whose earliest review date has come and of which the contact point was not yet reminded. */
  dueForReview(db: DbOrTx, tenantId: string, today: string): Promise<PlanRow[]> {
    return db
      .select()
      .from(conflictPlans)
      .where(
        and(
          eq(conflictPlans.tenantId, tenantId),
          lte(conflictPlans.nextReviewOn, today),
          or(isNull(conflictPlans.remindedOn), lt(conflictPlans.remindedOn, conflictPlans.nextReviewOn)),
        ),
      );
  },
  async markReminded(db: DbOrTx, tenantId: string, id: string, today: string): Promise<void> {
    await db
      .update(conflictPlans)
      .set({ remindedOn: today })
      .where(and(eq(conflictPlans.tenantId, tenantId), eq(conflictPlans.id, id)));
  },
  /**
   * Deletes superseded versions: all but the current one (erasure on request), or only those
   * superseded before `before` (retention). Returns the ids deleted.
   */
  async deleteRevisions(db: DbOrTx, plan: PlanRow, before?: Date): Promise<string[]> {
    const rows = await db
      .delete(conflictPlanRevisions)
      .where(
        and(
          eq(conflictPlanRevisions.tenantId, plan.tenantId),
          eq(conflictPlanRevisions.planId, plan.id),
          ne(conflictPlanRevisions.version, plan.version),
          // A version is superseded when the next one is saved.
          before
            ? sql`exists (select 1 from ${conflictPlanRevisions} n where n.tenant_id = ${conflictPlanRevisions.tenantId}
                and n.plan_id = ${conflictPlanRevisions.planId} and n.version = ${conflictPlanRevisions.version} + 1
                and n.saved_at < ${before.toISOString()}::timestamptz)`
            : undefined,
        ),
      )
      .returning({ id: conflictPlanRevisions.id });
    return rows.map((r) => r.id);
  },
  plans(db: DbOrTx, tenantId: string): Promise<PlanRow[]> {
    return db.select().from(conflictPlans).where(eq(conflictPlans.tenantId, tenantId));
  },

  /** A saved version's document (a crisis reads the version it was activated with). */
  async revisionContent(db: DbOrTx, tenantId: string, planId: string, version: number): Promise<unknown> {
    const [r] = await db
      .select({ content: conflictPlanRevisions.content })
      .from(conflictPlanRevisions)
      .where(
        and(
          eq(conflictPlanRevisions.tenantId, tenantId),
          eq(conflictPlanRevisions.planId, planId),
          eq(conflictPlanRevisions.version, version),
        ),
      );
    return r?.content;
  },

  // --- the plans' PDFs (plan-files.ts) ---------------------------------------------------------

  /** Stores a version's PDF unless a later version's is there already (jobs may finish out of order). */
  async putPdf(db: DbOrTx, row: typeof conflictPlanPdfs.$inferInsert): Promise<void> {
    await db
      .insert(conflictPlanPdfs)
      .values(row)
      .onConflictDoUpdate({
        target: [conflictPlanPdfs.tenantId, conflictPlanPdfs.planId],
        set: { version: row.version, pdf: row.pdf, createdAt: row.createdAt ?? sql`now()` },
        setWhere: lte(conflictPlanPdfs.version, row.version),
      });
  },
  async pdfMeta(db: DbOrTx, tenantId: string, planId: string) {
    const [r] = await db
      .select({ version: conflictPlanPdfs.version, createdAt: conflictPlanPdfs.createdAt })
      .from(conflictPlanPdfs)
      .where(and(eq(conflictPlanPdfs.tenantId, tenantId), eq(conflictPlanPdfs.planId, planId)));
    return r;
  },
  async pdf(db: DbOrTx, tenantId: string, planId: string) {
    const [r] = await db
      .select()
      .from(conflictPlanPdfs)
      .where(and(eq(conflictPlanPdfs.tenantId, tenantId), eq(conflictPlanPdfs.planId, planId)));
    return r;
  },
};
