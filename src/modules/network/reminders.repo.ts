import { and, asc, eq, gte, inArray, lt, lte } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { OPEN_ACTION_STATUSES } from "./model.ts";
import {
  networkActionItems as actions,
  networkAgreements as agreements,
  networkBodies as bodies,
  networkCommitments as commitments,
  networkReminders as reminders,
} from "./schema.ts";

/** What the daily job reminds of (decision 085); a limit keeps one run bounded. */
export const remindersRepo = {
  /** Running agreements whose review date lies between today and `until`. */
  async reviewsDue(db: DbOrTx, tenantId: string, today: string, until: string, limit: number) {
    return db
      .select({ id: agreements.id, title: agreements.title, dueDate: agreements.reviewDate })
      .from(agreements)
      .where(
        and(
          eq(agreements.tenantId, tenantId),
          inArray(agreements.state, ["signed", "renewed"]),
          gte(agreements.reviewDate, today),
          lte(agreements.reviewDate, until),
        ),
      )
      .orderBy(asc(agreements.reviewDate), asc(agreements.id))
      .limit(limit);
  },
  /** Open action items past their due date, with their body. */
  async overdueActions(db: DbOrTx, tenantId: string, today: string, limit: number) {
    return db
      .select({
        id: actions.id,
        title: actions.title,
        owner: actions.owner,
        dueDate: actions.dueDate,
        body: bodies.name,
      })
      .from(actions)
      .innerJoin(bodies, and(eq(bodies.tenantId, actions.tenantId), eq(bodies.id, actions.bodyId)))
      .where(
        and(
          eq(actions.tenantId, tenantId),
          inArray(actions.status, [...OPEN_ACTION_STATUSES]),
          lt(actions.dueDate, today),
        ),
      )
      .orderBy(asc(actions.dueDate), asc(actions.id))
      .limit(limit);
  },
  /** Open commitments past their due date, with their agreement. */
  async overdueCommitments(db: DbOrTx, tenantId: string, today: string, limit: number) {
    return db
      .select({
        id: commitments.id,
        title: commitments.text,
        owner: commitments.owner,
        dueDate: commitments.dueDate,
        agreement: agreements.title,
      })
      .from(commitments)
      .innerJoin(
        agreements,
        and(eq(agreements.tenantId, commitments.tenantId), eq(agreements.id, commitments.agreementId)),
      )
      .where(
        and(
          eq(commitments.tenantId, tenantId),
          eq(commitments.status, "open"),
          lt(commitments.dueDate, today),
        ),
      )
      .orderBy(asc(commitments.dueDate), asc(commitments.id))
      .limit(limit);
  },
  /** Claims a reminder; false when it was sent before (for this entity and due date). */
  async claim(db: DbOrTx, row: typeof reminders.$inferInsert): Promise<boolean> {
    const r = await db
      .insert(reminders)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: reminders.entityId });
    return r.length > 0;
  },
};
