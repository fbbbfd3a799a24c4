import { data, Form } from "react-router";
import { displayCount, type SafeCount, type SmallCellRule } from "#app/modules/statistics/small-cells.ts";
import {
  type CrossTabView,
  crossTabInput,
  type Heading,
  publishInput,
  resultsPageQuery,
  unitNoteOf,
} from "#app/modules/surveys/contracts.ts";
import { DIMENSIONS } from "#app/modules/surveys/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { isolate } from "../../../components/offers/format.ts";
import { SurveyChart as Chart } from "../../../components/survey-chart.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/results";

/**
 * Auswertung (issue 5): frequencies and cross-tabs of a question by sex, age band, district,
 * accommodation, phase or wave; every count through the tenant's small-cell rule. A chart with
 * the table beside it; exports of exactly the shown table; raw answers only for the analyst.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const query = parseInput(resultsPageQuery, Object.fromEntries(new URL(request.url).searchParams));
  const sel = await ctx.services.surveyAnalysis.resultsSelection(principal, query, ctx.lang);
  let tab: (CrossTabView & { rule: SmallCellRule }) | null = null;
  let error: string | null = null;
  if (sel.query) {
    const shown = sel.query;
    const r = await formAction(ctx.t, () =>
      ctx.services.surveyAnalysis.crossTab(principal, parseInput(crossTabInput, shown), ctx.lang),
    );
    if ("data" in r) {
      const first = Object.values(r.data.errors.fields)[0];
      error = r.data.errors.title + (first ? `: ${first}` : "");
    } else tab = r.value;
  }
  return {
    ...sel,
    tab,
    error,
    query: sel.query ? new URLSearchParams(sel.query).toString() : "",
    canRaw: can(principal, "surveys.raw_export"),
    // the repeats whose instances can be downloaded one row each (decision 106)
    repeats: [
      ...new Map(sel.questions.flatMap((q) => (q.repeat ? [[q.repeat.name, q.repeat]] : []))).values(),
    ],
    canPublish: can(principal, "surveys.publish"),
    year: ctx.services.surveys.today().slice(0, 4),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "surveys.publish");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim() : "";
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.surveyAnalysis.publish(
      principal,
      parseInput(publishInput, {
        formId: str("formId"),
        question: str("question"),
        answer: str("answer"),
        period: str("period"),
      }),
    ),
  );
  if ("data" in r) return data({ errors: r.data.errors, published: null }, r.init ?? undefined);
  return { errors: undefined, published: r.value };
}

type Data = Route.ComponentProps["loaderData"];
type Tab = NonNullable<Data["tab"]>;
type Head = (h: Heading) => string;

export default function Results({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const tab = d.tab;
  const head: Head = (h) => (h.labelKey ? t(h.labelKey) : (h.label ?? h.key));
  return (
    <>
      <h1>{t("surveys.results_title")}</h1>
      <p>{t("surveys.results_intro")}</p>
      <Filters d={d} />
      {d.error ? <Notice kind="warning">{d.error}</Notice> : null}
      {tab ? (
        <>
          <Chart tab={tab} head={head} />
          <ResultTable tab={tab} head={head} />
          <Exports d={d} />
          {d.canPublish && !tab.byQuestion ? (
            <Publish d={d} tab={tab} head={head} actionData={actionData} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The pickers: form, question, breakdown (a dimension or a second question), survey. */
function Filters({ d }: { d: Data }) {
  const t = useT();
  return (
    <Form method="get" className="filters">
      <div className="field">
        <label htmlFor="f-formId">{t("surveys.col_form")}</label>
        <select id="f-formId" name="formId" defaultValue={d.formId}>
          {d.forms.map((f) => (
            <option key={f.id} value={f.id}>
              {isolate(f.title)} ({f.responses})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-question">{t("surveys.question")}</label>
        <select id="f-question" name="question" defaultValue={d.question}>
          {d.questions.map((q) => (
            <option key={q.name} value={q.name}>
              {isolate(q.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-by">{t("surveys.by")}</label>
        <select id="f-by" name="by" defaultValue={d.by}>
          {DIMENSIONS.map((x) => (
            <option key={x} value={x}>
              {t(`surveys.dim_${x}`)}
            </option>
          ))}
          <optgroup label={t("surveys.by_question_group")}>
            {d.questions
              .filter((q) => !q.multiple)
              .map((q) => (
                <option key={q.name} value={`q:${q.name}`}>
                  {isolate(q.label)}
                </option>
              ))}
          </optgroup>
        </select>
      </div>
      {d.surveys.length > 0 ? (
        <div className="field">
          <label htmlFor="f-surveyId">{t("surveys.survey_filter")}</label>
          <select id="f-surveyId" name="surveyId" defaultValue={d.surveyId}>
            <option value="">{t("surveys.all_responses")}</option>
            {d.surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {isolate(s.title)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit">{t("surveys.show")}</button>
    </Form>
  );
}

/**
 * The table every chart has. Two questions crossed per repeat instance show, beside each count,
 * the distinct responses it comes from in brackets (decision 128).
 */
function ResultTable({ tab, head }: { tab: Tab; head: Head }) {
  const t = useT();
  const lang = useLang();
  const fmt = (c: SafeCount) => displayCount(c, tab.rule, (n) => new Intl.NumberFormat(lang).format(n));
  const beside = tab.unit === "instances" ? tab.responses : null;
  const cell = (c: SafeCount, r: SafeCount | undefined) =>
    beside && r && r.value !== null ? (
      <>
        {fmt(c)} <span className="hint">({fmt(r)})</span>
      </>
    ) : (
      fmt(c)
    );
  const unitNote = unitNoteOf(tab);
  return (
    <>
      <div className="table-wrap">
        <table className="numeric">
          <caption>
            <bdi>{tab.question.label}</bdi> —{" "}
            {tab.byQuestion ? <bdi>{tab.byQuestion.label}</bdi> : t(`surveys.dim_${tab.dimension}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.answer")}</th>
              {tab.columns.map((c) => (
                <th key={c.key} scope="col">
                  <bdi>{head(c)}</bdi>
                </th>
              ))}
              <th scope="col">{t("surveys.total")}</th>
            </tr>
          </thead>
          <tbody>
            {tab.rows.map((r, i) => (
              <tr key={r.key}>
                <th scope="row">
                  <bdi>{head(r)}</bdi>
                </th>
                {tab.cells[i]!.map((c, j) => (
                  <td key={tab.columns[j]!.key}>{cell(c, beside?.cells[i]?.[j])}</td>
                ))}
                <td>{cell(tab.rowTotals[i]!, beside?.rowTotals[i])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{tab.multiple ? t("surveys.respondents") : t("surveys.total")}</th>
              {tab.columnTotals.map((c, j) => (
                <td key={tab.columns[j]!.key}>{cell(c, beside?.columnTotals[j])}</td>
              ))}
              <td>{cell(tab.total, beside?.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="hint">
        {t("surveys.legend_primary", { min: tab.rule.minCount })} {t("surveys.legend_secondary")}
        {tab.multiple ? ` ${t("surveys.multiple_note")}` : ""}
      </p>
      {unitNote ? (
        <p className="hint">
          {t(unitNote.key, { ...unitNote.params, repeat: isolate(String(unitNote.params.repeat)) })}
        </p>
      ) : null}
    </>
  );
}

/** Downloads of exactly the shown table, and the raw answers for the analyst. */
function Exports({ d }: { d: Data }) {
  const t = useT();
  const raw = `/api/v1/surveys/forms/${d.formId}`;
  return (
    <ul className="actions-list">
      <li>
        <a href={`/api/v1/surveys/results?${d.query}&format=csv`} download>
          {t("surveys.export_csv")}
        </a>
      </li>
      <li>
        <a href={`/api/v1/surveys/results?${d.query}&format=xlsx`} download>
          {t("surveys.export_xlsx")}
        </a>
      </li>
      {d.canRaw ? (
        <>
          <li>
            <a href={`${raw}/responses.csv`} download>
              {t("surveys.export_raw")}
            </a>
          </li>
          <li>
            <a href={`${raw}/responses.xlsx`} download>
              {t("surveys.export_raw_xlsx")}
            </a>
          </li>
          {d.repeats.map((r) => (
            <li key={r.name}>
              <a href={`${raw}/responses.csv?repeat=${encodeURIComponent(r.name)}`} download>
                {t("surveys.export_raw_repeat", { repeat: isolate(r.label) })}
              </a>
            </li>
          ))}
        </>
      ) : null}
    </ul>
  );
}

/** Publishing a share of respondents into monitoring (a question by a dimension only). */
function Publish({
  d,
  tab,
  head,
  actionData,
}: {
  d: Data;
  tab: Tab;
  head: Head;
  actionData: Route.ComponentProps["actionData"];
}) {
  const t = useT();
  const periodError = actionData?.errors?.fields.period;
  return (
    <section aria-labelledby="publish-h">
      <h2 id="publish-h">{t("surveys.publish_title")}</h2>
      <p className="hint">{t("surveys.publish_intro")}</p>
      {actionData?.published ? (
        <Notice kind="success">
          {t("surveys.published", {
            code: isolate(actionData.published.code),
            areas: actionData.published.areas,
            year: String(actionData.published.values >= 0 ? d.year : ""),
          })}
        </Notice>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="inline-form">
        <input type="hidden" name="formId" value={d.formId} />
        <input type="hidden" name="question" value={d.question} />
        <div className="field">
          <label htmlFor="f-answer">{t("surveys.answer")}</label>
          <select id="f-answer" name="answer">
            {tab.rows.map((r) => (
              <option key={r.key} value={r.key}>
                {isolate(head(r))}
              </option>
            ))}
          </select>
        </div>
        <div className={periodError ? "field field-invalid" : "field"}>
          <label htmlFor="f-period">{t("surveys.year")}</label>
          <input id="f-period" name="period" defaultValue={d.year} inputMode="numeric" maxLength={4} />
          {periodError ? <p className="field-error">{periodError}</p> : null}
        </div>
        <button type="submit">{t("surveys.publish_submit")}</button>
      </Form>
    </section>
  );
}
