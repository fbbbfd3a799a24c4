import { and, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { RequestRow } from "./repo.ts";
import { mediationRequests } from "./schema.ts";

/** Requests from a case (decision 084): by case, and by the persons and cases an erasure names. */
export const caseRequestRepo = {
  ofCase(db: DbOrTx, tenantId: string, caseId: string): Promise<RequestRow[]> {
    return db
      .select()
      .from(mediationRequests)
      .where(and(eq(mediationRequests.tenantId, tenantId), eq(mediationRequests.caseId, caseId)))
      .orderBy(desc(mediationRequests.date), desc(mediationRequests.startMinute))
      .limit(200);
  },
  ofSubject(
    db: DbOrTx,
    tenantId: string,
    personIds: readonly string[],
    caseIds: readonly string[],
  ): Promise<RequestRow[]> {
    const who = [
      personIds.length ? inArray(mediationRequests.personId, [...personIds]) : undefined,
      caseIds.length ? inArray(mediationRequests.caseId, [...caseIds]) : undefined,
    ].filter((x) => x !== undefined);
    if (who.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(mediationRequests)
      .where(and(eq(mediationRequests.tenantId, tenantId), isNotNull(mediationRequests.caseId), or(...who)));
  },
  /** The request stays (the mediator's hours and the statement need it); the case link goes. */
  async unlink(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await db
      .update(mediationRequests)
      .set({ caseId: null, personId: null })
      .where(and(eq(mediationRequests.tenantId, tenantId), inArray(mediationRequests.id, [...ids])))
      .returning({ id: mediationRequests.id });
    return rows.length;
  },
};
