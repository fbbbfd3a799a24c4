import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictCaseLinks, conflicts } from "./schema.ts";

export type CaseLinkRow = typeof conflictCaseLinks.$inferSelect;

/** Parties of conflicts linked to case work's cases (decision 080). */
export const caseLinkRepo = {
  /** Undefined when the case is linked to this conflict already. */
  async insert(db: DbOrTx, row: typeof conflictCaseLinks.$inferInsert): Promise<CaseLinkRow | undefined> {
    const [r] = await db.insert(conflictCaseLinks).values(row).onConflictDoNothing().returning();
    return r;
  },
  async delete(db: DbOrTx, tenantId: string, conflictId: string, caseId: string): Promise<string[]> {
    const rows = await db
      .delete(conflictCaseLinks)
      .where(
        and(
          eq(conflictCaseLinks.tenantId, tenantId),
          eq(conflictCaseLinks.conflictId, conflictId),
          eq(conflictCaseLinks.caseId, caseId),
        ),
      )
      .returning({ id: conflictCaseLinks.id });
    return rows.map((r) => r.id);
  },
  ofConflict(db: DbOrTx, tenantId: string, conflictId: string): Promise<CaseLinkRow[]> {
    return db
      .select()
      .from(conflictCaseLinks)
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), eq(conflictCaseLinks.conflictId, conflictId)))
      .orderBy(conflictCaseLinks.linkedAt);
  },
  /** The links of these cases with their conflict's reference, kind, state and report date. */
  ofCases(db: DbOrTx, tenantId: string, caseIds: readonly string[]) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        id: conflictCaseLinks.id,
        caseId: conflictCaseLinks.caseId,
        party: conflictCaseLinks.party,
        linkedAt: conflictCaseLinks.linkedAt,
        conflictId: conflicts.id,
        reference: conflicts.reference,
        kind: conflicts.kind,
        state: conflicts.state,
        reportedAt: conflicts.reportedAt,
      })
      .from(conflictCaseLinks)
      .innerJoin(
        conflicts,
        and(
          eq(conflicts.tenantId, conflictCaseLinks.tenantId),
          eq(conflicts.id, conflictCaseLinks.conflictId),
        ),
      )
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), inArray(conflictCaseLinks.caseId, [...caseIds])));
  },
  async deleteOfCases(db: DbOrTx, tenantId: string, caseIds: readonly string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows = await db
      .delete(conflictCaseLinks)
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), inArray(conflictCaseLinks.caseId, [...caseIds])))
      .returning({ id: conflictCaseLinks.id });
    return rows.map((r) => r.id);
  },
};
