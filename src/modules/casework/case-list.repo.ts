import { and, desc, eq, exists, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CaseRow } from "./cases.repo.ts";
import { escapeLike } from "./households.repo.ts";
import { cases, caseWorkers, helpPlanItems, households } from "./schema.ts";

/** The case list's filter, already narrowed to what the principal may see. */
export type CaseListFilter = {
  /** "all", or the offices whose cases are visible (plus assigned cases of userId). */
  officeIds: string[] | "all";
  userId: string;
  office?: string | undefined;
  phase?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  worker?: string | undefined;
  q?: string | undefined;
  overdueBefore?: string | undefined;
};

export type CaseListRow = {
  id: string;
  reference: string;
  householdId: string;
  householdLabel: string;
  caseType: CaseRow["caseType"];
  officeId: string | null;
  phaseKey: string;
  status: CaseRow["status"];
  openedOn: string;
  closedOn: string | null;
  version: number;
};

/** Up to this many matching references or household labels, a name search fetches its cases by id. */
const SEARCH_CANDIDATES = 200;

export const caseListRepo = {
  /**
   * The filtered, access-scoped, paged case list. Access: the case's office is one of
   * officeIds, or the user is assigned. Newest first; limit+1 rows tell whether a next page exists.
   */
  async list(
    db: DbOrTx,
    tenantId: string,
    f: CaseListFilter,
    limit: number,
    offset: number,
  ): Promise<CaseListRow[]> {
    const where: SQL[] = [eq(cases.tenantId, tenantId)];
    // Uncorrelated on purpose: PostgreSQL hashes the user's case ids once. A correlated EXISTS
    // under the OR is costed per row, which pushed the plan over the JIT threshold (≈ 45 ms of
    // compilation per search) and away from the LIMIT-friendly index walk.
    const assigned = inArray(
      cases.id,
      db
        .select({ id: caseWorkers.caseId })
        .from(caseWorkers)
        .where(and(eq(caseWorkers.tenantId, tenantId), eq(caseWorkers.userId, f.userId))),
    );
    if (f.officeIds !== "all") {
      where.push(f.officeIds.length ? or(inArray(cases.officeId, f.officeIds), assigned)! : assigned);
    }
    if (f.office) where.push(eq(cases.officeId, f.office));
    if (f.phase) where.push(eq(cases.phaseKey, f.phase));
    if (f.status) where.push(eq(cases.status, f.status as CaseRow["status"]));
    if (f.type) where.push(eq(cases.caseType, f.type as CaseRow["caseType"]));
    if (f.worker) where.push(hasWorker(db, f.worker));
    if (f.q) {
      const match = await searchMatch(db, tenantId, f.q);
      if (match === "nothing") return [];
      where.push(match);
    }
    if (f.overdueBefore) where.push(hasOverdueTask(db, f.overdueBefore));
    return db
      .select({
        id: cases.id,
        reference: cases.reference,
        householdId: cases.householdId,
        householdLabel: households.label,
        caseType: cases.caseType,
        officeId: cases.officeId,
        phaseKey: cases.phaseKey,
        status: cases.status,
        openedOn: cases.openedOn,
        closedOn: cases.closedOn,
        version: cases.version,
      })
      .from(cases)
      .innerJoin(
        households,
        and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
      )
      .where(and(...where))
      .orderBy(desc(cases.openedOn), desc(cases.id))
      .limit(limit)
      .offset(offset);
  },
};

/**
 * The name search: two cheap look-ups through the trigram indexes first. A selective search
 * (the usual name) then fetches its few cases by id; an unselective one keeps the plain
 * filter, where walking the cases newest first stops after one page. (The planner can't pick
 * between the two by itself: the matches sit in two tables under one OR.)
 */
async function searchMatch(db: DbOrTx, tenantId: string, q: string): Promise<SQL | "nothing"> {
  const like = `%${escapeLike(q)}%`;
  const [refHits, labelHits] = await Promise.all([
    db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), ilike(cases.reference, like)))
      .limit(SEARCH_CANDIDATES + 1),
    db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.tenantId, tenantId), ilike(households.label, like)))
      .limit(SEARCH_CANDIDATES + 1),
  ]);
  if (refHits.length > SEARCH_CANDIDATES || labelHits.length > SEARCH_CANDIDATES) {
    return or(ilike(cases.reference, like), ilike(households.label, like))!;
  }
  if (refHits.length + labelHits.length === 0) return "nothing";
  const byRef = refHits.length
    ? inArray(
        cases.id,
        refHits.map((r) => r.id),
      )
    : undefined;
  const byLabel = labelHits.length
    ? inArray(
        cases.householdId,
        labelHits.map((r) => r.id),
      )
    : undefined;
  return byRef && byLabel ? or(byRef, byLabel)! : (byRef ?? byLabel)!;
}

/** The case has this case worker. */
function hasWorker(db: DbOrTx, userId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(caseWorkers)
      .where(
        and(
          eq(caseWorkers.tenantId, cases.tenantId),
          eq(caseWorkers.caseId, cases.id),
          eq(caseWorkers.userId, userId),
        ),
      ),
  );
}

/** The case has an open plan task due before the day. */
function hasOverdueTask(db: DbOrTx, before: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(helpPlanItems)
      .where(
        and(
          eq(helpPlanItems.tenantId, cases.tenantId),
          eq(helpPlanItems.caseId, cases.id),
          eq(helpPlanItems.status, "open"),
          lt(helpPlanItems.dueOn, before),
        ),
      ),
  );
}
