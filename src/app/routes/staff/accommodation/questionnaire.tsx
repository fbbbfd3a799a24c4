import { data, Form, Link } from "react-router";
import {
  attachQuestionnaireInput,
  type QuestionnaireView,
} from "#app/modules/accommodation/questionnaire.contracts.ts";
import type { SafeCount } from "#app/modules/statistics/small-cells.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { isAppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, Select } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/questionnaire";

/**
 * The questionnaire per accommodation (issue 21 "What must work" 4, decision 089): which survey
 * form is attached, and one question's answers by every accommodation with that form, small
 * cells hidden by the surveys module.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const svc = ctx.services.accommodation;
  const question = new URL(request.url).searchParams.get("question");
  try {
    const accommodation = await svc.accommodations.get({ kind: "user", principal }, params.id);
    const view = await svc.questionnaire.view(principal, params.id, question, ctx.lang);
    const canManage = can(principal, "accommodation.manage");
    const forms = canManage ? await svc.questionnaire.forms(principal) : [];
    return { name: accommodation.name, id: params.id, view, canManage, forms, question: question ?? "" };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw data(null, { status: 404 });
    throw e;
  }
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const principal = requirePage(ctx, "accommodation.manage");
  const form = await request.formData();
  const formId = form.get("formId");
  const result = await formAction<unknown>(ctx.t, () =>
    ctx.services.accommodation.questionnaire.attach(
      principal,
      params.id,
      parseInput(attachQuestionnaireInput, { formId: typeof formId === "string" && formId ? formId : null })
        .formId,
      { requestId: ctx.requestId },
    ),
  );
  if (!("data" in result)) return { ok: true } satisfies ActionResult;
  return data(result.data as ActionResult, result.init ?? undefined);
}

export default function Questionnaire({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { name, id, view, canManage, forms, question } = loaderData as {
    name: string;
    id: string;
    view: QuestionnaireView;
    canManage: boolean;
    forms: { id: string; title: string }[];
    question: string;
  };
  const result = actionData as ActionResult | undefined;
  const tab = view.table;
  const head = (h: { key: string; labelKey?: string; label?: string }) =>
    h.labelKey ? t(h.labelKey) : (h.label ?? h.key);
  const cell = (c: SafeCount) =>
    c.value !== null
      ? String(c.value)
      : c.suppressed === "primary"
        ? `<${tab?.minCount ?? ""}`
        : t("accommodation.structure_hidden");
  return (
    <>
      <p>
        <Link to={`/staff/accommodation/housing/${id}`}>
          {t("accommodation.questionnaire_back", { name })}
        </Link>
      </p>
      <h1>{t("accommodation.questionnaire_title", { name })}</h1>
      <p>{t("accommodation.questionnaire_intro")}</p>
      {result?.ok && <Notice kind="success">{t("accommodation.questionnaire_saved")}</Notice>}
      {canManage && (
        <Form method="post" noValidate aria-labelledby="attach-title">
          <h2 id="attach-title">{t("accommodation.questionnaire_attach_title")}</h2>
          <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
          <Select
            id="q-form"
            name="formId"
            label={t("accommodation.questionnaire_form")}
            empty={t("accommodation.questionnaire_none")}
            options={forms.map((f) => ({ value: f.id, label: f.title }))}
            defaultValue={view.form?.id ?? ""}
            errors={result && !result.ok ? result.errors : undefined}
          />
          <button type="submit">{t("accommodation.questionnaire_attach_submit")}</button>
        </Form>
      )}
      {view.form ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">
            {t("accommodation.questionnaire_answers_title", { form: view.form.title })}
          </h2>
          <Form method="get" className="filters">
            <div className="field">
              <label htmlFor="q-question">{t("accommodation.questionnaire_question")}</label>
              <select id="q-question" name="question" defaultValue={question}>
                {view.questions.map((q) => (
                  <option key={q.name} value={q.name}>
                    {q.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t("accommodation.questionnaire_show")}</button>
          </Form>
          {tab ? (
            <div className="table-wrap">
              <table className="numeric">
                <caption>
                  {t("accommodation.questionnaire_caption", { question: tab.question.label })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("accommodation.questionnaire_answer")}</th>
                    {tab.columns.map((c) => (
                      <th key={c.key} scope="col">
                        {head(c)}
                      </th>
                    ))}
                    <th scope="col">{t("accommodation.housing_total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {tab.rows.map((r, i) => (
                    <tr key={r.key}>
                      <th scope="row">{head(r)}</th>
                      {tab.cells[i]!.map((c, j) => (
                        <td key={tab.columns[j]!.key}>{cell(c)}</td>
                      ))}
                      <td>{cell(tab.rowTotals[i]!)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("accommodation.housing_total")}</th>
                    {tab.columnTotals.map((c, j) => (
                      <td key={tab.columns[j]!.key}>{cell(c)}</td>
                    ))}
                    <td>{cell(tab.total)}</td>
                  </tr>
                </tfoot>
              </table>
              <p>{t("accommodation.structure_note", { min: tab.minCount })}</p>
            </div>
          ) : (
            <p>{t("accommodation.questionnaire_choose")}</p>
          )}
        </section>
      ) : (
        <p>{t("accommodation.questionnaire_empty")}</p>
      )}
    </>
  );
}
