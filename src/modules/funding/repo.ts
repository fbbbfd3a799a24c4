import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DECIDED } from "./model.ts";
import { fundingApplications, fundingCalls, fundingReviews } from "./schema.ts";

export type CallRow = typeof fundingCalls.$inferSelect;
export type ApplicationRow = typeof fundingApplications.$inferSelect;
export type ReviewRow = typeof fundingReviews.$inferSelect;

const app = fundingApplications;

export const fundingRepo = {
  async insertCall(db: DbOrTx, row: typeof fundingCalls.$inferInsert): Promise<CallRow> {
    const [r] = await db.insert(fundingCalls).values(row).returning();
    return r!;
  },
  async call(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<CallRow | undefined> {
    const q = db
      .select()
      .from(fundingCalls)
      .where(and(eq(fundingCalls.tenantId, tenantId), eq(fundingCalls.id, id)));
    const [r] = lock ? await q.for("update") : await q;
    return r;
  },
  async calls(db: DbOrTx, tenantId: string): Promise<CallRow[]> {
    return db
      .select()
      .from(fundingCalls)
      .where(eq(fundingCalls.tenantId, tenantId))
      .orderBy(desc(fundingCalls.periodStart));
  },
  async callByTitle(db: DbOrTx, tenantId: string, title: string): Promise<CallRow | undefined> {
    const [r] = await db
      .select()
      .from(fundingCalls)
      .where(and(eq(fundingCalls.tenantId, tenantId), eq(fundingCalls.title, title)));
    return r;
  },

  /** Committed (granted) cents and counts of one call's year, in one aggregate query. */
  async potFigures(db: DbOrTx, tenantId: string, callId: string, year: number) {
    const [r] = await db
      .select({
        committed: sql<string>`coalesce(sum(${app.grantedCents}) filter (where ${inArray(app.status, [...DECIDED])}), 0)`,
        decided: sql<number>`count(*) filter (where ${inArray(app.status, [...DECIDED])})::int`,
        pending: sql<number>`count(*) filter (where ${inArray(app.status, ["submitted", "in_review"])})::int`,
      })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId), eq(app.year, year)));
    // sum() of integers is numeric/bigint: read as text, exact.
    return { committedCents: Number(r?.committed ?? 0), decided: r?.decided ?? 0, pending: r?.pending ?? 0 };
  },

  async insertApplication(db: DbOrTx, row: typeof app.$inferInsert): Promise<ApplicationRow> {
    const [r] = await db.insert(app).values(row).returning();
    return r!;
  },
  async application(db: DbOrTx, tenantId: string, id: string): Promise<ApplicationRow | undefined> {
    const [r] = await db
      .select()
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id)));
    return r;
  },
  async applicationByToken(db: DbOrTx, tokenHash: string): Promise<ApplicationRow | undefined> {
    const [r] = await db.select().from(app).where(eq(app.tokenHash, tokenHash));
    return r;
  },
  /** Submitted applications of a call (drafts stay the applicant's own). */
  async applications(db: DbOrTx, tenantId: string, callId: string) {
    return db
      .select({
        id: app.id,
        callId: app.callId,
        year: app.year,
        status: app.status,
        organizationName: app.organizationName,
        title: app.title,
        requestedCents: app.requestedCents,
        eligibleCents: app.eligibleCents,
        grantedCents: app.grantedCents,
        submittedAt: app.submittedAt,
        version: app.version,
      })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId), sql`${app.status} <> 'draft'`))
      .orderBy(app.submittedAt, app.id);
  },
  async countApplications(db: DbOrTx, tenantId: string, callId: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId)));
    return r?.n ?? 0;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateApplication(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<typeof app.$inferInsert>,
    now: Date,
  ): Promise<ApplicationRow | undefined> {
    const [r] = await db
      .update(app)
      .set({ ...patch, version: sql`${app.version} + 1`, updatedAt: now })
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id), eq(app.version, version)))
      .returning();
    return r;
  },

  async reviews(db: DbOrTx, tenantId: string, applicationId: string): Promise<ReviewRow[]> {
    return db
      .select()
      .from(fundingReviews)
      .where(and(eq(fundingReviews.tenantId, tenantId), eq(fundingReviews.applicationId, applicationId)))
      .orderBy(fundingReviews.createdAt);
  },
  /** One review per reviewer and application; a second one is refused by the unique index. */
  async insertReview(db: DbOrTx, row: typeof fundingReviews.$inferInsert): Promise<ReviewRow | undefined> {
    const [r] = await db.insert(fundingReviews).values(row).onConflictDoNothing().returning();
    return r;
  },
};
