import { and, eq, notInArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictCaseLinks, conflicts } from "./schema.ts";

/** Queries of merging a duplicate report into another conflict (decision 113). */
export const mergeRepo = {
  /** The duplicates merged into a conflict, oldest report first. */
  mergedInto(db: DbOrTx, tenantId: string, id: string) {
    return db
      .select({ id: conflicts.id, reference: conflicts.reference })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.mergedIntoId, id)))
      .orderBy(conflicts.reportedAt);
  },
  async reference(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({ id: conflicts.id, reference: conflicts.reference })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.id, id)));
    return r ?? null;
  },
  /**
   * The duplicate's case links go to the target, except for cases the target links already
   * (one link per conflict and case); those are dropped. Returns how many moved.
   */
  async moveCaseLinks(db: DbOrTx, tenantId: string, fromId: string, toId: string): Promise<number> {
    const taken = db
      .select({ caseId: conflictCaseLinks.caseId })
      .from(conflictCaseLinks)
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), eq(conflictCaseLinks.conflictId, toId)));
    const moved = await db
      .update(conflictCaseLinks)
      .set({ conflictId: toId })
      .where(
        and(
          eq(conflictCaseLinks.tenantId, tenantId),
          eq(conflictCaseLinks.conflictId, fromId),
          notInArray(conflictCaseLinks.caseId, taken),
        ),
      )
      .returning({ id: conflictCaseLinks.id });
    await db
      .delete(conflictCaseLinks)
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), eq(conflictCaseLinks.conflictId, fromId)));
    return moved.length;
  },
  /** Duplicates merged into the one now merged follow it: merges stay one level deep. */
  async repoint(db: DbOrTx, tenantId: string, fromId: string, toId: string): Promise<void> {
    await db
      .update(conflicts)
      .set({ mergedIntoId: toId })
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.mergedIntoId, fromId)));
  },
};
