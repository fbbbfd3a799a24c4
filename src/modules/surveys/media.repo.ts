import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { surveyFiles, surveyResponses } from "./schema.ts";

export type SurveyFileRow = typeof surveyFiles.$inferSelect;

/** Queries of image, audio and file answers (decision 116); lists never read the content. */
export const mediaRepo = {
  async insert(db: DbOrTx, rows: (typeof surveyFiles.$inferInsert)[]): Promise<void> {
    if (rows.length) await db.insert(surveyFiles).values(rows);
  },
  /** Name and type of the files of these responses (exports, the response view). */
  async metaOf(db: DbOrTx, tenantId: string, responseIds: readonly string[]) {
    if (!responseIds.length) return [];
    return db
      .select({
        id: surveyFiles.id,
        responseId: surveyFiles.responseId,
        question: surveyFiles.question,
        fileNameEnc: surveyFiles.fileNameEnc,
        mimeType: surveyFiles.mimeType,
        byteSize: surveyFiles.byteSize,
      })
      .from(surveyFiles)
      .where(and(eq(surveyFiles.tenantId, tenantId), inArray(surveyFiles.responseId, [...responseIds])))
      .orderBy(asc(surveyFiles.createdAt), asc(surveyFiles.id));
  },
  /** Names of every file of a form's responses (the raw exports). */
  async namesOfForm(db: DbOrTx, tenantId: string, formId: string) {
    return db
      .select({ id: surveyFiles.id, fileNameEnc: surveyFiles.fileNameEnc })
      .from(surveyFiles)
      .innerJoin(
        surveyResponses,
        and(
          eq(surveyResponses.tenantId, surveyFiles.tenantId),
          eq(surveyResponses.id, surveyFiles.responseId),
        ),
      )
      .where(and(eq(surveyFiles.tenantId, tenantId), eq(surveyResponses.formId, formId)));
  },
  async file(
    db: DbOrTx,
    tenantId: string,
    responseId: string,
    id: string,
  ): Promise<SurveyFileRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyFiles)
      .where(
        and(
          eq(surveyFiles.tenantId, tenantId),
          eq(surveyFiles.responseId, responseId),
          eq(surveyFiles.id, id),
        ),
      );
    return r;
  },
  /** Deletes the files of these responses (erasure counts them; the foreign key would cascade anyway). */
  async deleteOf(db: DbOrTx, tenantId: string, responseIds: readonly string[]): Promise<number> {
    if (!responseIds.length) return 0;
    const rows = await db
      .delete(surveyFiles)
      .where(and(eq(surveyFiles.tenantId, tenantId), inArray(surveyFiles.responseId, [...responseIds])))
      .returning({ id: surveyFiles.id });
    return rows.length;
  },
};
