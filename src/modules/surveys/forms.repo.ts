import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { surveyForms, surveyFormVersions, surveyResponses } from "./schema.ts";

export type FormRow = typeof surveyForms.$inferSelect;
export type FormVersionRow = typeof surveyFormVersions.$inferSelect;

/** Queries of forms (Fragebögen) and their numbered versions; no rules here. */
export const formRepo = {
  async forms(db: DbOrTx, tenantId: string) {
    const responses = db
      .select({ formId: surveyResponses.formId, n: count().as("n") })
      .from(surveyResponses)
      .where(eq(surveyResponses.tenantId, tenantId))
      .groupBy(surveyResponses.formId)
      .as("r");
    return db
      .select({
        id: surveyForms.id,
        code: surveyForms.code,
        title: surveyForms.title,
        status: surveyForms.status,
        currentVersion: surveyForms.currentVersion,
        origin: surveyForms.origin,
        version: surveyForms.version,
        updatedAt: surveyForms.updatedAt,
        responses: sql<number>`coalesce(${responses.n}, 0)::int`,
      })
      .from(surveyForms)
      .leftJoin(responses, eq(responses.formId, surveyForms.id))
      .where(eq(surveyForms.tenantId, tenantId))
      .orderBy(asc(surveyForms.title));
  },
  async form(db: DbOrTx, tenantId: string, id: string): Promise<FormRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyForms)
      .where(and(eq(surveyForms.tenantId, tenantId), eq(surveyForms.id, id)));
    return r;
  },
  async formByCode(db: DbOrTx, tenantId: string, code: string): Promise<FormRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyForms)
      .where(and(eq(surveyForms.tenantId, tenantId), eq(surveyForms.code, code)));
    return r;
  },
  async insertForm(db: DbOrTx, row: typeof surveyForms.$inferInsert): Promise<FormRow> {
    const [r] = await db.insert(surveyForms).values(row).returning();
    return r!;
  },
  async updateFormIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<FormRow>,
    now: Date,
  ): Promise<FormRow | undefined> {
    const [r] = await db
      .update(surveyForms)
      .set({ ...patch, version: sql`${surveyForms.version} + 1`, updatedAt: now })
      .where(
        and(eq(surveyForms.tenantId, tenantId), eq(surveyForms.id, id), eq(surveyForms.version, version)),
      )
      .returning();
    return r;
  },
  async insertVersion(db: DbOrTx, row: typeof surveyFormVersions.$inferInsert) {
    await db.insert(surveyFormVersions).values(row);
  },
  async replaceVersionDefinition(
    db: DbOrTx,
    tenantId: string,
    formId: string,
    number: number,
    definition: FormVersionRow["definition"],
  ) {
    await db
      .update(surveyFormVersions)
      .set({ definition })
      .where(
        and(
          eq(surveyFormVersions.tenantId, tenantId),
          eq(surveyFormVersions.formId, formId),
          eq(surveyFormVersions.number, number),
        ),
      );
  },
  async version(
    db: DbOrTx,
    tenantId: string,
    formId: string,
    number: number,
  ): Promise<FormVersionRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyFormVersions)
      .where(
        and(
          eq(surveyFormVersions.tenantId, tenantId),
          eq(surveyFormVersions.formId, formId),
          eq(surveyFormVersions.number, number),
        ),
      );
    return r;
  },
  async versions(db: DbOrTx, tenantId: string, formId: string) {
    const rows = await db
      .select({ number: surveyFormVersions.number, createdAt: surveyFormVersions.createdAt })
      .from(surveyFormVersions)
      .where(and(eq(surveyFormVersions.tenantId, tenantId), eq(surveyFormVersions.formId, formId)))
      .orderBy(desc(surveyFormVersions.number));
    const counts = await db
      .select({ v: surveyResponses.formVersion, n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.formId, formId)))
      .groupBy(surveyResponses.formVersion);
    const byVersion = new Map(counts.map((c) => [c.v, Number(c.n)]));
    return rows.map((r) => ({ ...r, responses: byVersion.get(r.number) ?? 0 }));
  },
  async responsesOfVersion(db: DbOrTx, tenantId: string, formId: string, number: number): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(surveyResponses)
      .where(
        and(
          eq(surveyResponses.tenantId, tenantId),
          eq(surveyResponses.formId, formId),
          eq(surveyResponses.formVersion, number),
        ),
      );
    return Number(r?.n ?? 0);
  },
};
