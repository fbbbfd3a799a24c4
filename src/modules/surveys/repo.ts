import { and, asc, count, desc, eq, inArray, isNotNull, max, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  surveyForms,
  surveyFormVersions,
  surveyLinks,
  surveyPublications,
  surveyResponses,
  surveySampleMembers,
  surveys,
  surveyWaves,
} from "./schema.ts";

export type FormRow = typeof surveyForms.$inferSelect;
export type FormVersionRow = typeof surveyFormVersions.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type LinkRow = typeof surveyLinks.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;
export type WaveRow = typeof surveyWaves.$inferSelect;
export type MemberRow = typeof surveySampleMembers.$inferSelect;

/** Queries of the survey module; no rules here. */
export const surveyRepo = {
  // ---- forms ----
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

  // ---- responses ----
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
    const existing = await surveyRepo.responseBySubmission(db, row.tenantId, row.submissionId);
    return { row: existing!, created: false };
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

  // ---- links ----
  async insertLink(db: DbOrTx, row: typeof surveyLinks.$inferInsert): Promise<LinkRow> {
    const [r] = await db.insert(surveyLinks).values(row).returning();
    return r!;
  },
  /** The link by its token hash, locked for the redeeming transaction. */
  async linkByHash(db: DbOrTx, tokenHash: string, lock = false): Promise<LinkRow | undefined> {
    const q = db.select().from(surveyLinks).where(eq(surveyLinks.tokenHash, tokenHash));
    const [r] = lock ? await q.for("update") : await q;
    return r;
  },
  async markLinkUsed(db: DbOrTx, tenantId: string, id: string, at: Date) {
    await db
      .update(surveyLinks)
      .set({ usedAt: at })
      .where(and(eq(surveyLinks.tenantId, tenantId), eq(surveyLinks.id, id)));
  },
  async linksOfWave(db: DbOrTx, tenantId: string, waveId: string) {
    return db
      .select()
      .from(surveyLinks)
      .where(and(eq(surveyLinks.tenantId, tenantId), eq(surveyLinks.waveId, waveId)));
  },
  async revokeLinks(db: DbOrTx, tenantId: string, ids: string[], at: Date) {
    if (ids.length === 0) return;
    await db
      .update(surveyLinks)
      .set({ revokedAt: at })
      .where(and(eq(surveyLinks.tenantId, tenantId), inArray(surveyLinks.id, ids)));
  },

  // ---- surveys, waves, samples ----
  async insertSurvey(db: DbOrTx, row: typeof surveys.$inferInsert): Promise<SurveyRow> {
    const [r] = await db.insert(surveys).values(row).returning();
    return r!;
  },
  async surveys(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: surveys.id,
        title: surveys.title,
        formId: surveys.formId,
        formTitle: surveyForms.title,
        population: surveys.population,
        createdAt: surveys.createdAt,
      })
      .from(surveys)
      .innerJoin(
        surveyForms,
        and(eq(surveyForms.tenantId, surveys.tenantId), eq(surveyForms.id, surveys.formId)),
      )
      .where(eq(surveys.tenantId, tenantId))
      .orderBy(desc(surveys.createdAt));
  },
  async survey(db: DbOrTx, tenantId: string, id: string): Promise<SurveyRow | undefined> {
    const [r] = await db
      .select()
      .from(surveys)
      .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, id)));
    return r;
  },
  async waves(db: DbOrTx, tenantId: string, surveyId: string): Promise<WaveRow[]> {
    return db
      .select()
      .from(surveyWaves)
      .where(and(eq(surveyWaves.tenantId, tenantId), eq(surveyWaves.surveyId, surveyId)))
      .orderBy(asc(surveyWaves.number));
  },
  async wave(db: DbOrTx, tenantId: string, id: string): Promise<WaveRow | undefined> {
    const [r] = await db
      .select()
      .from(surveyWaves)
      .where(and(eq(surveyWaves.tenantId, tenantId), eq(surveyWaves.id, id)));
    return r;
  },
  async nextWaveNumber(db: DbOrTx, tenantId: string, surveyId: string): Promise<number> {
    const [r] = await db
      .select({ n: max(surveyWaves.number) })
      .from(surveyWaves)
      .where(and(eq(surveyWaves.tenantId, tenantId), eq(surveyWaves.surveyId, surveyId)));
    return Number(r?.n ?? 0) + 1;
  },
  async insertWave(db: DbOrTx, row: typeof surveyWaves.$inferInsert): Promise<WaveRow> {
    const [r] = await db.insert(surveyWaves).values(row).returning();
    return r!;
  },
  async insertMembers(db: DbOrTx, rows: (typeof surveySampleMembers.$inferInsert)[]) {
    for (let i = 0; i < rows.length; i += 1000)
      await db.insert(surveySampleMembers).values(rows.slice(i, i + 1000));
  },
  async members(db: DbOrTx, tenantId: string, waveId: string): Promise<MemberRow[]> {
    return db
      .select()
      .from(surveySampleMembers)
      .where(and(eq(surveySampleMembers.tenantId, tenantId), eq(surveySampleMembers.waveId, waveId)))
      .orderBy(asc(surveySampleMembers.stratum), asc(surveySampleMembers.rank));
  },
  async member(
    db: DbOrTx,
    tenantId: string,
    waveId: string,
    personId: string,
  ): Promise<MemberRow | undefined> {
    const [r] = await db
      .select()
      .from(surveySampleMembers)
      .where(
        and(
          eq(surveySampleMembers.tenantId, tenantId),
          eq(surveySampleMembers.waveId, waveId),
          eq(surveySampleMembers.personId, personId),
        ),
      );
    return r;
  },
  async updateMemberIfVersion(
    db: DbOrTx,
    key: { tenantId: string; waveId: string; personId: string },
    version: number | null,
    patch: Partial<MemberRow>,
    now: Date,
  ): Promise<MemberRow | undefined> {
    const conds: SQL[] = [
      eq(surveySampleMembers.tenantId, key.tenantId),
      eq(surveySampleMembers.waveId, key.waveId),
      eq(surveySampleMembers.personId, key.personId),
    ];
    if (version !== null) conds.push(eq(surveySampleMembers.version, version));
    const [r] = await db
      .update(surveySampleMembers)
      .set({ ...patch, version: sql`${surveySampleMembers.version} + 1`, updatedAt: now })
      .where(and(...conds))
      .returning();
    return r;
  },
  async respondedInWave(db: DbOrTx, tenantId: string, waveId: string) {
    return db
      .select({ personId: surveyResponses.personId })
      .from(surveyResponses)
      .where(
        and(
          eq(surveyResponses.tenantId, tenantId),
          eq(surveyResponses.waveId, waveId),
          isNotNull(surveyResponses.personId),
        ),
      );
  },

  // ---- publications ----
  async publications(db: DbOrTx, tenantId: string, formId: string) {
    return db
      .select()
      .from(surveyPublications)
      .where(and(eq(surveyPublications.tenantId, tenantId), eq(surveyPublications.formId, formId)));
  },
  async upsertPublication(db: DbOrTx, row: typeof surveyPublications.$inferInsert) {
    await db
      .insert(surveyPublications)
      .values(row)
      .onConflictDoUpdate({
        target: [surveyPublications.tenantId, surveyPublications.indicatorCode],
        set: { question: row.question, answer: row.answer, updatedAt: row.updatedAt ?? new Date(0) },
      });
  },
};
