import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { accommodationSurveys } from "./schema.ts";

/** Which questionnaire is attached to which accommodation (one form per accommodation). */
export const questionnaireRepo = {
  async all(db: DbOrTx, tenantId: string) {
    return db.select().from(accommodationSurveys).where(eq(accommodationSurveys.tenantId, tenantId));
  },
  async set(db: DbOrTx, tenantId: string, accommodationId: string, formId: string | null, by: string) {
    await db
      .delete(accommodationSurveys)
      .where(
        and(
          eq(accommodationSurveys.tenantId, tenantId),
          eq(accommodationSurveys.accommodationId, accommodationId),
        ),
      );
    if (formId)
      await db.insert(accommodationSurveys).values({ tenantId, accommodationId, formId, createdBy: by });
  },
};
