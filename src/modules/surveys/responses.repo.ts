import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { surveyForms, surveyResponses } from "./schema.ts";

export type ResponseRow = typeof surveyResponses.$inferSelect;

/** Queries of responses (filled forms); no rules here. */
export const responseRepo = {
  async responseBySubmission(
    db: DbOrTx,
    tenantId: string,
    submissionId: string,
  ): Promise<ResponseRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.submissionId, submissionId)));
    return r;
  },
  /** Inserts unless the submission id exists; returns the row and whether it is new. */
  async insertResponse(
    db: DbOrTx,
    row: typeof surveyResponses.$inferInsert,
  ): Promise<{ row: ResponseRow; created: boolean }> {
    const [r] = await db
      .insert(surveyResponses)
      .values(row)
      .onConflictDoNothing({ target: [surveyResponses.tenantId, surveyResponses.submissionId] })
      .returning();
    if (r) return { row: r, created: true };
    const existing = await responseRepo.responseBySubmission(db, row.tenantId, row.submissionId);
    return { row: existing!, created: false };
  },
  /** Deletes responses by id (their files go by the foreign key); the number deleted. */
  async deleteResponses(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    const rows = await db
      .delete(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), inArray(surveyResponses.id, [...ids])))
      .returning({ id: surveyResponses.id });
    return rows.length;
  },
  async response(db: DbOrTx, tenantId: string, id: string): Promise<ResponseRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.id, id)));
    return r;
  },
  async responsesOfCase(db: DbOrTx, tenantId: string, caseId: string) {
    return db
      .select({
        id: surveyResponses.id,
        formId: surveyResponses.formId,
        formVersion: surveyResponses.formVersion,
        formTitle: surveyForms.title,
        channel: surveyResponses.channel,
        personId: surveyResponses.personId,
        submittedAt: surveyResponses.submittedAt,
      })
      .from(surveyResponses)
      .innerJoin(
        surveyForms,
        and(eq(surveyForms.tenantId, surveyResponses.tenantId), eq(surveyForms.id, surveyResponses.formId)),
      )
      .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.caseId, caseId)))
      .orderBy(desc(surveyResponses.submittedAt));
  },
  async responsesForExport(db: DbOrTx, tenantId: string, formId: string) {
    return db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.formId, formId)))
      .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
  },
};
