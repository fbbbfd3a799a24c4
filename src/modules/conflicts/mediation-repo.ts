import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictLog, conflicts } from "./schema.ts";

/** The mediator's own view (decision 113): what the log names a pool member in, nothing else. */
export const mediationRepo = {
  /** Open conflicts in which a log entry names this volunteer mediator, oldest report first. */
  openOfVolunteer(db: DbOrTx, tenantId: string, volunteerId: string) {
    const named = db
      .selectDistinct({ id: conflictLog.conflictId })
      .from(conflictLog)
      .where(and(eq(conflictLog.tenantId, tenantId), eq(conflictLog.mediatorVolunteerId, volunteerId)));
    return db
      .select()
      .from(conflicts)
      .where(
        and(eq(conflicts.tenantId, tenantId), ne(conflicts.state, "closed"), inArray(conflicts.id, named)),
      )
      .orderBy(asc(conflicts.reportedAt))
      .limit(200);
  },
  /** The log entries of these conflicts that name the volunteer: their sessions and agreements. */
  entriesOfVolunteer(db: DbOrTx, tenantId: string, volunteerId: string, conflictIds: readonly string[]) {
    if (conflictIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(conflictLog)
      .where(
        and(
          eq(conflictLog.tenantId, tenantId),
          eq(conflictLog.mediatorVolunteerId, volunteerId),
          inArray(conflictLog.conflictId, [...conflictIds]),
        ),
      )
      .orderBy(asc(conflictLog.at), asc(conflictLog.id));
  },
};
