import { sql } from "drizzle-orm";
import type { Database } from "../../server/db/client.ts";
import { type SafeCount, safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import { labelFor, questions } from "./engine.ts";
import type { SurveyService } from "./service.ts";
import type { QuestionType } from "./types.ts";

/**
 * Numeric answers summarised per question for another module (decision 114: a citizens'
 * dialogue's importance ratings or ranks per site criterion become the site-selection weights).
 * Counted in the database over every response of the form; the quartiles leave only when the
 * number of answers passes the tenant's small-cell rule, so a median never stands for fewer
 * than `minCount` people. The caller authorizes.
 */
export const NUMERIC_TYPES: readonly QuestionType[] = ["integer", "decimal", "range", "select_one"];

export type NumericSummary = {
  name: string;
  /** Answers that are numbers (a select_one counts when its choice name is a number, e.g. 1–5). */
  n: SafeCount;
  /** Lower quartile, median, upper quartile; null when `n` is hidden or 0. */
  q1: number | null;
  median: number | null;
  q3: number | null;
};

export function createSurveyNumericSummary(deps: {
  db: Database;
  tenants: Pick<TenantService, "byId">;
  surveys: Pick<SurveyService, "loadForm" | "definitionOf">;
}) {
  const { db } = deps;
  return {
    /** Questions of the form's current version that can hold a number (outside repeats). */
    async numericQuestions(tenantId: string, formId: string, lang: string) {
      const form = await deps.surveys.loadForm(tenantId, formId);
      const def = await deps.surveys.definitionOf(tenantId, form.id, form.currentVersion);
      return questions(def)
        .filter((q) => NUMERIC_TYPES.includes(q.type) && !q.inRepeat)
        .map((q) => ({ name: q.name, label: labelFor(q.node.label, lang, def) || q.name }));
    },

    /** Per question: the count of numeric answers and, if it may be shown, the quartiles. */
    async summarise(tenantId: string, formId: string, names: readonly string[]): Promise<NumericSummary[]> {
      const wanted = [...new Set(names)];
      if (!wanted.length) return [];
      const result = await db.execute(sql`
        select q.name, count(*)::int as n,
               percentile_cont(0.25) within group (order by x.v) as q1,
               percentile_cont(0.5) within group (order by x.v) as median,
               percentile_cont(0.75) within group (order by x.v) as q3
          from survey_responses r
          cross join unnest(array[${sql.join(
            wanted.map((w) => sql`${w}::text`),
            sql`, `,
          )}]) as q(name)
          cross join lateral (
            select case when (r.answers ->> q.name) ~ '^-?[0-9]+([.][0-9]+)?$'
                        then (r.answers ->> q.name)::float8 end as v) x
         where r.tenant_id = ${tenantId} and r.form_id = ${formId} and x.v is not null
         group by q.name`);
      const rows = (
        result as unknown as {
          rows: { name: string; n: number; q1: unknown; median: unknown; q3: unknown }[];
        }
      ).rows;
      const rule = smallCellRuleFor((await deps.tenants.byId(tenantId))?.settings.smallCells);
      const byName = new Map(rows.map((r) => [r.name, r]));
      return wanted.map((name) => {
        const r = byName.get(name);
        const n = safeCount(r ? Number(r.n) : 0, rule);
        const shown = r && n.value !== null && n.value > 0;
        return {
          name,
          n,
          q1: shown ? Number(r.q1) : null,
          median: shown ? Number(r.median) : null,
          q3: shown ? Number(r.q3) : null,
        };
      });
    },
  };
}
export type SurveyNumericSummary = ReturnType<typeof createSurveyNumericSummary>;
