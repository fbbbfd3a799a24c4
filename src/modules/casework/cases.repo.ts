import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseReferenceCounters } from "./core-schema.ts";
import { householdArea } from "./households.repo.ts";
import { breakGlassAccesses, casePhaseChanges, cases, caseWorkers } from "./schema.ts";

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type PhaseChangeRow = typeof casePhaseChanges.$inferSelect;
export type CaseWorkerRow = { caseId: string; userId: string; lead: boolean };

/** What the need-to-know rule needs about a case, and the household it belongs to. */
export type CaseHead = {
  id: string;
  tenantId: string;
  officeId: string | null;
  householdId: string;
  status: string;
  workerIds: string[];
};

export const caseRepo = {
  /** Next reference number of the year, atomically. */
  async nextReference(db: DbOrTx, tenantId: string, year: number): Promise<number> {
    const [row] = await db
      .insert(caseReferenceCounters)
      .values({ tenantId, year, last: 1 })
      .onConflictDoUpdate({
        target: [caseReferenceCounters.tenantId, caseReferenceCounters.year],
        set: { last: sql`${caseReferenceCounters.last} + 1` },
      })
      .returning({ last: caseReferenceCounters.last });
    return row!.last;
  },
  /** A new case; its area is its household's, taken in the same statement (decision 107). */
  async insert(db: DbOrTx, row: Omit<CaseInsert, "areaId">): Promise<CaseRow> {
    const [created] = await db
      .insert(cases)
      .values({ ...row, areaId: householdArea(row.tenantId, row.householdId) })
      .returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
    return row;
  },
  async ofHousehold(db: DbOrTx, tenantId: string, householdId: string): Promise<CaseRow[]> {
    return db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, householdId)))
      .orderBy(desc(cases.openedOn), desc(cases.id));
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<CaseInsert>,
    now: Date,
  ): Promise<CaseRow | undefined> {
    const [row] = await db
      .update(cases)
      .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return row;
  },

  // ---- case workers ----
  async workersOf(db: DbOrTx, tenantId: string, caseIds: string[]): Promise<CaseWorkerRow[]> {
    if (!caseIds.length) return [];
    return db
      .select({ caseId: caseWorkers.caseId, userId: caseWorkers.userId, lead: caseWorkers.lead })
      .from(caseWorkers)
      .where(and(eq(caseWorkers.tenantId, tenantId), inArray(caseWorkers.caseId, caseIds)));
  },
  async replaceWorkers(
    db: DbOrTx,
    tenantId: string,
    caseId: string,
    workers: { userId: string; lead: boolean }[],
    now: Date,
  ) {
    await db
      .delete(caseWorkers)
      .where(and(eq(caseWorkers.tenantId, tenantId), eq(caseWorkers.caseId, caseId)));
    if (workers.length) {
      await db
        .insert(caseWorkers)
        .values(workers.map((w) => ({ tenantId, caseId, userId: w.userId, lead: w.lead, createdAt: now })));
    }
  },

  // ---- phase history ----
  async insertPhaseChange(db: DbOrTx, row: typeof casePhaseChanges.$inferInsert) {
    await db.insert(casePhaseChanges).values(row);
  },
  async phaseChanges(db: DbOrTx, tenantId: string, caseId: string): Promise<PhaseChangeRow[]> {
    return db
      .select()
      .from(casePhaseChanges)
      .where(and(eq(casePhaseChanges.tenantId, tenantId), eq(casePhaseChanges.caseId, caseId)))
      .orderBy(
        desc(casePhaseChanges.changedOn),
        desc(casePhaseChanges.createdAt),
        // The opening entry (no previous phase) is the oldest on its day.
        asc(sql`(${casePhaseChanges.fromPhase} IS NULL)`),
        desc(casePhaseChanges.id),
      );
  },

  /** Is there an unexpired break-glass access of this user to this case? */
  async activeBreakGlass(db: DbOrTx, now: Date, tenantId: string, userId: string, caseId: string) {
    const rows = await db
      .select({ id: breakGlassAccesses.id })
      .from(breakGlassAccesses)
      .where(
        and(
          eq(breakGlassAccesses.tenantId, tenantId),
          eq(breakGlassAccesses.userId, userId),
          eq(breakGlassAccesses.caseId, caseId),
          gt(breakGlassAccesses.expiresAt, now),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },

  /** The facts of a case the need-to-know rule decides on (for data protection and referrals). */
  async head(db: DbOrTx, tenantId: string, caseId: string): Promise<CaseHead | undefined> {
    const row = await caseRepo.byId(db, tenantId, caseId);
    if (!row) return undefined;
    const workers = await caseRepo.workersOf(db, tenantId, [caseId]);
    return {
      id: row.id,
      tenantId: row.tenantId,
      officeId: row.officeId,
      householdId: row.householdId,
      status: row.status,
      workerIds: workers.map((w) => w.userId),
    };
  },
};
