import { and, asc, desc, eq, max, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { surveyForms, surveySampleMembers, surveys, surveyWaves } from "./schema.ts";

export type SurveyRow = typeof surveys.$inferSelect;
export type WaveRow = typeof surveyWaves.$inferSelect;
export type MemberRow = typeof surveySampleMembers.$inferSelect;

/** Queries of surveys (Befragungen), their waves and sample members; no rules here. */
export const sampleRepo = {
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
};
