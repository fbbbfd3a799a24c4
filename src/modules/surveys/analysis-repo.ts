import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";

/** Analysis dimensions: columns of survey_responses holding the snapshot at submission. */
export const DIMENSIONS = ["none", "sex", "age_band", "district", "accommodation", "phase", "wave"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIMENSION_COLUMN: Record<Dimension, SQL> = {
  none: sql`''`,
  sex: sql`coalesce(r.sex, '')`,
  age_band: sql`coalesce(r.age_band, '')`,
  district: sql`coalesce(r.area_id::text, '')`,
  accommodation: sql`coalesce(r.accommodation_kind, '')`,
  phase: sql`coalesce(r.phase_key, '')`,
  wave: sql`coalesce(r.wave_id::text, '')`,
};

export type AnswerCount = { answer: string; dim: string; n: number };

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

/**
 * Aggregates only: counts per answer × dimension value, computed in the database. No row about
 * a respondent leaves this module; suppression happens in the service before anything is shown.
 */
export const analysisRepo = {
  async counts(
    db: DbOrTx,
    tenantId: string,
    q: {
      formId: string;
      question: string;
      multiple: boolean;
      dimension: Dimension;
      waveIds: string[] | null;
    },
  ): Promise<{ counts: AnswerCount[]; bases: { dim: string; n: number }[] }> {
    const dim = DIMENSION_COLUMN[q.dimension];
    const where: SQL[] = [
      sql`r.tenant_id = ${tenantId}`,
      sql`r.form_id = ${q.formId}`,
      sql`r.answers ? ${q.question}`,
    ];
    if (q.waveIds) {
      if (q.waveIds.length === 0) return { counts: [], bases: [] };
      where.push(
        sql`r.wave_id in (${sql.join(
          q.waveIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    }
    const filter = sql.join(where, sql` and `);
    const counts = q.multiple
      ? await db.execute(sql`
          select e.v as answer, ${dim} as dim, count(*)::int as n
          from survey_responses r
          cross join lateral jsonb_array_elements_text(
            case when jsonb_typeof(r.answers -> ${q.question}) = 'array' then r.answers -> ${q.question} else '[]'::jsonb end
          ) as e(v)
          where ${filter}
          group by 1, 2`)
      : await db.execute(sql`
          select r.answers ->> ${q.question} as answer, ${dim} as dim, count(*)::int as n
          from survey_responses r
          where ${filter}
          group by 1, 2`);
    const bases = q.multiple
      ? rowsOf<{ dim: string; n: number }>(
          await db.execute(sql`
            select ${dim} as dim, count(*)::int as n from survey_responses r where ${filter} group by 1`),
        )
      : [];
    return {
      counts: rowsOf<AnswerCount>(counts).map((c) => ({ ...c, n: Number(c.n) })),
      bases: bases.map((b) => ({ ...b, n: Number(b.n) })),
    };
  },

  /** Per household area × sex: respondents who answered the question, and those giving the answer. */
  async answerShare(
    db: DbOrTx,
    tenantId: string,
    q: { formId: string; question: string; answer: string; multiple: boolean; from: Date; to: Date },
  ): Promise<{ areaId: string | null; sex: string | null; answered: number; counted: number }[]> {
    const match = q.multiple
      ? sql`(r.answers -> ${q.question}) ? ${q.answer}`
      : sql`(r.answers ->> ${q.question}) = ${q.answer}`;
    const rows = rowsOf<{ areaId: string | null; sex: string | null; answered: number; counted: number }>(
      await db.execute(sql`
        select r.area_id as "areaId", r.sex as sex, count(*)::int as answered,
               (count(*) filter (where ${match}))::int as counted
        from survey_responses r
        where r.tenant_id = ${tenantId} and r.form_id = ${q.formId} and r.answers ? ${q.question}
          and r.submitted_at >= ${q.from.toISOString()} and r.submitted_at < ${q.to.toISOString()}
        group by 1, 2`),
    );
    return rows.map((r) => ({ ...r, answered: Number(r.answered), counted: Number(r.counted) }));
  },
};
