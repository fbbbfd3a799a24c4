import { type SQL, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { smallCellRuleFor } from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import type { AnswerCount } from "./analysis-repo.ts";
import { ANALYSABLE_TYPES, answerHeadings, type Heading, suppressedCrossTab } from "./crosstab.ts";
import { labelFor, questions } from "./engine.ts";
import { formRepo } from "./forms.repo.ts";
import type { SurveyService } from "./service.ts";

/**
 * Results cut by groups another module defines (decision 081: the accommodation a respondent's
 * case lived in when answering, Lünen's "needs questionnaire per accommodation"). The caller
 * passes which case belongs to which group over which days; the counts are made here, in the
 * database, and leave only through the small-cell rule with secondary suppression, as every
 * cross-tab of this module. The caller authorizes (it decides who may read its groups).
 */
export type CaseGroup = { caseId: string; from: string; to: string | null; key: string };

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

async function counts(
  db: DbOrTx,
  tenantId: string,
  q: { formId: string; question: string; multiple: boolean },
  groups: readonly CaseGroup[],
): Promise<{ counts: AnswerCount[]; bases: { dim: string; n: number }[] }> {
  if (groups.length === 0) return { counts: [], bases: [] };
  const arr = (f: (g: CaseGroup) => SQL) => sql.join(groups.map(f), sql`, `);
  const from = sql`
    from survey_responses r
    join unnest(array[${arr((g) => sql`${g.caseId}::uuid`)}], array[${arr((g) => sql`${g.from}::date`)}],
                array[${arr((g) => sql`${g.to}::date`)}], array[${arr((g) => sql`${g.key}::text`)}])
      as g(case_id, from_day, to_day, key)
      on r.case_id = g.case_id
     and (r.submitted_at at time zone 'Europe/Berlin')::date >= g.from_day
     and (g.to_day is null or (r.submitted_at at time zone 'Europe/Berlin')::date < g.to_day)
    where r.tenant_id = ${tenantId} and r.form_id = ${q.formId} and r.answers ? ${q.question}`;
  if (!q.multiple) {
    const rows = rowsOf<AnswerCount>(
      await db.execute(sql`select r.answers ->> ${q.question} as answer, g.key as dim, count(*)::int as n
        ${from} group by 1, 2`),
    );
    return { counts: rows.map((c) => ({ ...c, n: Number(c.n) })), bases: [] };
  }
  // Multiple choice: each selected choice counts; the base is the respondents per group.
  const chosen = rowsOf<AnswerCount>(
    await db.execute(sql`select e.v as answer, x.dim, count(*)::int as n
      from (select r.answers -> ${q.question} as a, g.key as dim ${from}) x
      cross join lateral jsonb_array_elements_text(
        case when jsonb_typeof(x.a) = 'array' then x.a else '[]'::jsonb end) as e(v)
      group by 1, 2`),
  );
  const bases = rowsOf<{ dim: string; n: number }>(
    await db.execute(sql`select g.key as dim, count(*)::int as n ${from} group by 1`),
  );
  return {
    counts: chosen.map((c) => ({ ...c, n: Number(c.n) })),
    bases: bases.map((b) => ({ ...b, n: Number(b.n) })),
  };
}

export function createSurveyGroupAnalysis(deps: {
  db: Database;
  tenants: Pick<TenantService, "byId">;
  surveys: Pick<SurveyService, "loadForm" | "definitionOf">;
}) {
  const { db } = deps;
  return {
    /** The tenant's forms (id and title only), for attaching one elsewhere. */
    async forms(tenantId: string) {
      return (await formRepo.forms(db, tenantId)).map((f) => ({ id: f.id, title: f.title }));
    },

    /** The analysable questions of a form's current version (404 for an unknown form). */
    async questions(tenantId: string, formId: string, lang: string) {
      const form = await deps.surveys.loadForm(tenantId, formId);
      const def = await deps.surveys.definitionOf(tenantId, form.id, form.currentVersion);
      return questions(def)
        .filter((q) => ANALYSABLE_TYPES.includes(q.type) && !q.inRepeat)
        .map((q) => ({ name: q.name, label: labelFor(q.node.label, lang, def) || q.name }));
    },

    /** One categorical question's answers by the caller's groups (columns), small cells suppressed. */
    async crossTab(
      tenantId: string,
      p: { formId: string; question: string },
      groups: readonly CaseGroup[],
      columns: Heading[],
      lang: string,
    ) {
      const form = await deps.surveys.loadForm(tenantId, p.formId);
      const def = await deps.surveys.definitionOf(tenantId, form.id, form.currentVersion);
      const q = questions(def).find((x) => x.name === p.question && !x.inRepeat);
      if (!q || !ANALYSABLE_TYPES.includes(q.type))
        throw AppError.validation([{ field: "question", code: "invalid_choice" }]);
      const multiple = q.type === "select_multiple";
      const counted = await counts(db, tenantId, { formId: form.id, question: q.name, multiple }, groups);
      const rule = smallCellRuleFor((await deps.tenants.byId(tenantId))?.settings.smallCells);
      const rows = answerHeadings(def, { type: q.type, listName: q.node.listName }, lang);
      const table = suppressedCrossTab({ ...counted, rows, columns, toColumn: (v) => v, multiple, rule });
      return {
        question: { name: q.name, label: labelFor(q.node.label, lang, def) || q.name },
        multiple,
        rows,
        ...table,
        minCount: rule.minCount,
      };
    },
  };
}
export type SurveyGroupAnalysis = ReturnType<typeof createSurveyGroupAnalysis>;
