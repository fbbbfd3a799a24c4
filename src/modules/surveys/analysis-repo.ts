import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";

import type { Dimension } from "./model.ts";

/**
 * The dimension's column as stored. Queries group on it as it is (the planner has its statistics
 * and hashes ~N groups instead of sorting every response, and no uuid is cast to text per row),
 * then turn the few groups into text with "" for missing: `coalesce(d::text, '')`.
 */
const DIMENSION_COLUMN: Record<Dimension, SQL> = {
  none: sql`null::text`,
  sex: sql`r.sex`,
  age_band: sql`r.age_band`,
  district: sql`r.area_id`,
  accommodation: sql`r.accommodation_kind`,
  phase: sql`r.phase_key`,
  wave: sql`r.wave_id`,
};

export type AnswerCount = { answer: string; dim: string; n: number };

/** A count of repeat instances with the number of responses (respondents) they come from. */
export type InstanceCount = AnswerCount & { responses: number };

/**
 * A part of a question × question table: a cell (row and column), a row's or a column's margin
 * (the other null), or the whole (both null); instances (or responses) and the distinct responses.
 */
export type PairCount = { row: string | null; column: string | null; n: number; responses: number };

/**
 * The instances of the innermost of `repeats` (outermost first) as `from … cross join lateral`
 * joins, one per level; the innermost instance is `i<depth>.v`. Anything that is not an array of
 * records (an older version's shape, a hand-made API answer) counts as no instance.
 */
function instanceJoins(repeats: readonly string[]): { joins: SQL; inner: SQL } {
  const parts: SQL[] = [];
  let parent = sql.raw("r.answers");
  repeats.forEach((name, k) => {
    const alias = sql.raw(`i${k + 1}`);
    parts.push(sql`cross join lateral jsonb_array_elements(
      case when jsonb_typeof(${parent} -> ${name}) = 'array' then ${parent} -> ${name} else '[]'::jsonb end
    ) as ${alias}(v)`);
    parent = sql`${alias}.v`;
  });
  return { joins: sql.join(parts, sql` `), inner: parent };
}

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
    if (!q.multiple) {
      const counts = rowsOf<AnswerCount>(
        await db.execute(sql`
          select x.answer, coalesce(x.d::text, '') as dim, sum(x.n)::int as n
          from (
            select r.answers ->> ${q.question} as answer, ${dim} as d, count(*) as n
            from survey_responses r
            where ${filter}
            group by 1, 2
          ) x
          group by 1, 2`),
      );
      return { counts: counts.map((c) => ({ ...c, n: Number(c.n) })), bases: [] };
    }
    // Multiple choice in one pass over the responses: group them by dimension and the whole
    // answer (few distinct selections), then count each selected choice (n, every element of the
    // array, as often as it occurs) and the respondents (b, once per response: at its first
    // element, or at the row of a response with no element) from the groups.
    const rows = rowsOf<{ answer: string | null; dim: string; n: number; b: number }>(
      await db.execute(sql`
        select e.v as answer, coalesce(g.d::text, '') as dim,
          coalesce(sum(g.n) filter (where e.i is not null), 0)::int as n,
          coalesce(sum(g.n) filter (where e.i is null or e.i = 1), 0)::int as b
        from (
          select ${dim} as d, r.answers -> ${q.question} as a, count(*) as n
          from survey_responses r
          where ${filter}
          group by 1, 2
        ) g
        left join lateral jsonb_array_elements_text(
          case when jsonb_typeof(g.a) = 'array' then g.a else '[]'::jsonb end
        ) with ordinality as e(v, i) on true
        group by 1, 2`),
    );
    const bases = new Map<string, number>();
    for (const r of rows) if (Number(r.b) > 0) bases.set(r.dim, (bases.get(r.dim) ?? 0) + Number(r.b));
    return {
      counts: rows
        .filter((r) => Number(r.n) > 0)
        .map((r) => ({ answer: r.answer as string, dim: r.dim, n: Number(r.n) })),
      bases: [...bases].map(([dim, n]) => ({ dim, n })),
    };
  },

  /**
   * A categorical question inside a repeat: counts of instances (one household member, one
   * course) per answer × dimension value, each with the number of distinct responses behind it,
   * so the service can hide a count that stands for too few respondents. Bases: the instances
   * that answered, per dimension value. Multiple choice counts every choice as selected / not
   * selected per instance (`notSelected`).
   */
  async repeatCounts(
    db: DbOrTx,
    tenantId: string,
    q: {
      formId: string;
      question: string;
      repeats: readonly string[];
      multiple: boolean;
      choices: readonly string[];
      dimension: Dimension;
      waveIds: string[] | null;
    },
  ): Promise<{ counts: InstanceCount[]; notSelected: InstanceCount[]; bases: InstanceCount[] }> {
    const none = { counts: [], notSelected: [], bases: [] };
    if (q.repeats.length === 0 || (q.waveIds && q.waveIds.length === 0)) return none;
    const dim = sql`coalesce((${DIMENSION_COLUMN[q.dimension]})::text, '')`;
    const { joins, inner } = instanceJoins(q.repeats);
    const where: SQL[] = [
      sql`r.tenant_id = ${tenantId}`,
      sql`r.form_id = ${q.formId}`,
      sql`r.answers ? ${q.repeats[0]!}`,
      sql`jsonb_typeof(${inner}) = 'object'`,
      sql`${inner} ? ${q.question}`,
    ];
    if (q.waveIds)
      where.push(
        sql`r.wave_id in (${sql.join(
          q.waveIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    const from = sql`from survey_responses r ${joins} where ${sql.join(where, sql` and `)}`;
    type Row = { answer: string; dim: string; n: number; responses: number };
    const num = (rows: Row[]): InstanceCount[] =>
      rows.map((r) => ({ answer: r.answer, dim: r.dim, n: Number(r.n), responses: Number(r.responses) }));
    const bases = num(
      rowsOf<Row>(
        await db.execute(
          sql`select '' as answer, ${dim} as dim, count(*)::int as n, count(distinct r.id)::int as responses ${from} group by 2`,
        ),
      ),
    );
    if (!q.multiple) {
      const counts = rowsOf<Row>(
        await db.execute(sql`
          select ${inner} ->> ${q.question} as answer, ${dim} as dim,
            count(*)::int as n, count(distinct r.id)::int as responses
          ${from} group by 1, 2`),
      );
      return { counts: num(counts), notSelected: [], bases };
    }
    if (q.choices.length === 0) return { ...none, bases };
    const answer = sql`(case when jsonb_typeof(${inner} -> ${q.question}) = 'array' then ${inner} -> ${q.question} else '[]'::jsonb end)`;
    const rows = rowsOf<Row & { n_not: number; responses_not: number }>(
      await db.execute(sql`
        select c.v as answer, ${dim} as dim,
          (count(*) filter (where ${answer} ? c.v))::int as n,
          (count(distinct r.id) filter (where ${answer} ? c.v))::int as responses,
          (count(*) filter (where not (${answer} ? c.v)))::int as n_not,
          (count(distinct r.id) filter (where not (${answer} ? c.v)))::int as responses_not
        from survey_responses r ${joins}
        cross join unnest(array[${sql.join(
          q.choices.map((c) => sql`${c}`),
          sql`, `,
        )}]::text[]) as c(v)
        where ${sql.join(where, sql` and `)}
        group by 1, 2`),
    );
    return {
      counts: num(rows),
      notSelected: num(rows.map((r) => ({ ...r, n: r.n_not, responses: r.responses_not }))),
      bases,
    };
  },

  /**
   * Two single-choice questions crossed (decision 128). The deeper question's repeats (`path`,
   * outermost first) are walked once; each question is read at its own depth (`depth` 0: the
   * response), so two questions of one repeat pair up instance by instance, and a question in a
   * repeat meets the answer of its response (or enclosing instance) once per instance. Only
   * answers among `keys` count, so the margins match the table. Every part comes with the
   * distinct responses behind it (grouping sets: cells, rows, columns, all).
   */
  async pairCounts(
    db: DbOrTx,
    tenantId: string,
    q: {
      formId: string;
      path: readonly string[];
      row: { name: string; depth: number; keys: readonly string[] };
      column: { name: string; depth: number; keys: readonly string[] };
      waveIds: string[] | null;
    },
  ): Promise<PairCount[]> {
    if (q.waveIds?.length === 0 || q.row.keys.length === 0 || q.column.keys.length === 0) return [];
    const { joins } = instanceJoins(q.path);
    const at = (depth: number) => (depth === 0 ? sql.raw("r.answers") : sql.raw(`i${depth}.v`));
    const value = (x: { name: string; depth: number }) => sql`(${at(x.depth)} ->> ${x.name})`;
    const among = (keys: readonly string[]) =>
      sql`array[${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]`;
    const where: SQL[] = [sql`r.tenant_id = ${tenantId}`, sql`r.form_id = ${q.formId}`];
    for (let d = 1; d <= q.path.length; d++) where.push(sql`jsonb_typeof(${at(d)}) = 'object'`);
    where.push(sql`${value(q.row)} = any(${among(q.row.keys)})`);
    where.push(sql`${value(q.column)} = any(${among(q.column.keys)})`);
    if (q.waveIds)
      where.push(
        sql`r.wave_id in (${sql.join(
          q.waveIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    const rows = rowsOf<{ a: string | null; b: string | null; g: number; n: number; responses: number }>(
      await db.execute(sql`
        select x.a, x.b, grouping(x.a, x.b)::int as g, count(*)::int as n,
          count(distinct x.id)::int as responses
        from (
          select r.id, ${value(q.row)} as a, ${value(q.column)} as b
          from survey_responses r ${joins}
          where ${sql.join(where, sql` and `)}
        ) x
        group by grouping sets ((x.a, x.b), (x.a), (x.b), ())`),
    );
    return rows.map((r) => ({
      row: Number(r.g) & 2 ? null : r.a,
      column: Number(r.g) & 1 ? null : r.b,
      n: Number(r.n),
      responses: Number(r.responses),
    }));
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
