import { and, asc, count, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseNeeds, casePhaseDefinitions, cases, caseWorkers, helpPlanItems, referrals } from "./schema.ts";

/** "all": the tenant's cases; else only cases of these offices (an empty list: none). */
export type OverviewScope = "all" | string[];

/**
 * Raw counts for the case-work overviews. These never leave the server as they are: the
 * overview service passes every table through the one small-cell rule first.
 *
 * Rows and columns are ids; the overview service names them through the modules that own
 * offices, staff and areas.
 */
function caseScope(tenantId: string, scope: OverviewScope): SQL | undefined {
  if (scope === "all") return eq(cases.tenantId, tenantId);
  if (scope.length === 0) return sql`false`;
  return and(eq(cases.tenantId, tenantId), inArray(cases.officeId, scope));
}

export type CountRow = { row: string | null; col: string | null; n: number };

export const overviewRepo = {
  /** Open cases per case worker (a case with two workers counts for both). */
  async openCasesByWorker(db: DbOrTx, tenantId: string, scope: OverviewScope): Promise<CountRow[]> {
    return db
      .select({ row: caseWorkers.userId, col: sql<string | null>`null`, n: count() })
      .from(caseWorkers)
      .innerJoin(cases, and(eq(cases.tenantId, caseWorkers.tenantId), eq(cases.id, caseWorkers.caseId)))
      .where(and(eq(caseWorkers.tenantId, tenantId), caseScope(tenantId, scope), eq(cases.status, "open")))
      .groupBy(caseWorkers.userId);
  },

  /**
   * Both caseload tables of open cases (office × type, office × phase) in one pass over
   * `cases` (GROUPING SETS), instead of two scans of the same rows.
   */
  async openCasesByOfficeTypeAndPhase(
    db: DbOrTx,
    tenantId: string,
    scope: OverviewScope,
  ): Promise<{ byType: CountRow[]; byPhase: CountRow[] }> {
    const rows = await db
      .select({
        row: cases.officeId,
        type: cases.caseType,
        phase: cases.phaseKey,
        byPhase: sql<number>`grouping(${cases.caseType})`.mapWith(Number),
        n: count(),
      })
      .from(cases)
      .where(and(caseScope(tenantId, scope), eq(cases.status, "open")))
      .groupBy(
        sql`grouping sets ((${cases.officeId}, ${cases.caseType}), (${cases.officeId}, ${cases.phaseKey}))`,
      );
    const byType: CountRow[] = [];
    const byPhase: CountRow[] = [];
    for (const r of rows) {
      if (r.byPhase === 1) byPhase.push({ row: r.row, col: r.phase, n: r.n });
      else byType.push({ row: r.row, col: r.type, n: r.n });
    }
    return { byType, byPhase };
  },

  /** Open help-plan items past their due date, per office of their case. */
  async overdueTasksByOffice(
    db: DbOrTx,
    tenantId: string,
    scope: OverviewScope,
    today: string,
  ): Promise<CountRow[]> {
    return db
      .select({ row: cases.officeId, col: sql<string | null>`null`, n: count() })
      .from(helpPlanItems)
      .innerJoin(cases, and(eq(cases.tenantId, helpPlanItems.tenantId), eq(cases.id, helpPlanItems.caseId)))
      .where(
        and(
          eq(helpPlanItems.tenantId, tenantId),
          caseScope(tenantId, scope),
          eq(cases.status, "open"),
          eq(helpPlanItems.status, "open"),
          lt(helpPlanItems.dueOn, today),
        ),
      )
      .groupBy(cases.officeId);
  },

  /**
   * Open needs (identified or in progress) of open cases, per life domain × area of the
   * household, which the case carries (decision 107): two partial indexes, no table visited.
   */
  async openNeedsByDomainAndArea(db: DbOrTx, tenantId: string, scope: OverviewScope): Promise<CountRow[]> {
    return db
      .select({ row: caseNeeds.domain, col: cases.areaId, n: count() })
      .from(caseNeeds)
      .innerJoin(cases, and(eq(cases.tenantId, caseNeeds.tenantId), eq(cases.id, caseNeeds.caseId)))
      .where(
        and(
          eq(caseNeeds.tenantId, tenantId),
          caseScope(tenantId, scope),
          eq(cases.status, "open"),
          inArray(caseNeeds.status, ["identified", "in_progress"]),
        ),
      )
      .groupBy(caseNeeds.domain, cases.areaId);
  },

  /** Referrals per kind × status (outcome), optionally of one year of sending. */
  async referralsByKindAndStatus(
    db: DbOrTx,
    tenantId: string,
    scope: OverviewScope,
    range: { from: Date; to: Date } | null,
  ): Promise<CountRow[]> {
    const when = range
      ? and(sql`${referrals.createdAt} >= ${range.from}`, sql`${referrals.createdAt} < ${range.to}`)
      : undefined;
    // Tenant-wide: no join needed (every referral belongs to one of the tenant's cases).
    if (scope === "all") {
      return db
        .select({ row: referrals.kind, col: referrals.status, n: count() })
        .from(referrals)
        .where(and(eq(referrals.tenantId, tenantId), when))
        .groupBy(referrals.kind, referrals.status);
    }
    return db
      .select({ row: referrals.kind, col: referrals.status, n: count() })
      .from(referrals)
      .innerJoin(cases, and(eq(cases.tenantId, referrals.tenantId), eq(cases.id, referrals.caseId)))
      .where(and(eq(referrals.tenantId, tenantId), caseScope(tenantId, scope), when))
      .groupBy(referrals.kind, referrals.status);
  },

  phases(db: DbOrTx, tenantId: string) {
    return db
      .select({ key: casePhaseDefinitions.key, label: casePhaseDefinitions.label })
      .from(casePhaseDefinitions)
      .where(eq(casePhaseDefinitions.tenantId, tenantId))
      .orderBy(asc(casePhaseDefinitions.sort));
  },
};
