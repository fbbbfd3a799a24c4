import { data, Link, redirect } from "react-router";
import { evaluationInput, updateEvaluationInput } from "#app/modules/strategy/evaluation.contracts.ts";
import { isMeasureKind } from "#app/modules/strategy/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString, Notice } from "../../../components/form/index.ts";
import { EvaluationForm } from "../../../components/strategy-evaluation/form.tsx";
import { LightText } from "../../../components/strategy-light.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/evaluation";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const notFound = (e: unknown) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  };
  const detail = await ctx.services.strategy.node(principal, ctx.tenant.id, params.id).catch(notFound);
  const [indicators, evaluation] = await Promise.all([
    ctx.services.strategy.indicators(principal, ctx.tenant.id, params.id),
    ctx.services.strategy.nodeEvaluations(principal, ctx.tenant.id, params.id),
  ]);
  return {
    node: { id: detail.node.id, title: detail.node.title, kind: detail.node.kind },
    indicators: indicators.map(({ values: _v, ...i }) => i),
    ...evaluation,
    saved: new URL(request.url).searchParams.get("saved") === "1",
    edit: new URL(request.url).searchParams.get("edit"),
    canEdit: can(principal, "strategy.edit") && isMeasureKind(detail.node.kind),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "strategy.edit");
  const form = await request.formData();
  const fields = {
    reviewDate: formString(form, "reviewDate"),
    kind: formString(form, "kind"),
    evaluator: formString(form, "evaluator"),
    questions: formString(form, "questions"),
    findings: formString(form, "findings"),
    recommendations: formString(form, "recommendations"),
    rating: formString(form, "rating"),
  };
  const evaluationId = formString(form, "evaluationId");
  if (evaluationId && !isUuid(evaluationId)) throw data(null, { status: 404 });
  // A record named by the form is changed with the version that was read (decision 071); else a new one.
  const result = await formAction(ctx.t, () =>
    evaluationId
      ? ctx.services.strategy.updateEvaluation(
          principal,
          ctx.tenant.id,
          evaluationId,
          parseInput(updateEvaluationInput, { ...fields, version: Number(formString(form, "version")) }),
          ctx.requestId,
        )
      : ctx.services.strategy.addEvaluation(
          principal,
          ctx.tenant.id,
          params.id,
          parseInput(evaluationInput, fields),
          ctx.requestId,
        ),
  );
  if ("data" in result) return result;
  return redirect(`/staff/strategy/${params.id}/evaluation?saved=1`);
}

/** A goal's or measure's evaluation: indicators over time with their lights, and the evaluation records. */
export default function StrategyEvaluation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { node, indicators, measured, evaluations } = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const editing = evaluations.find((e) => e.id === loaderData.edit) ?? null;
  return (
    <>
      <p>
        <Link to={`/staff/strategy/${node.id}`}>
          {t(`strategy.kind_${node.kind}`)}: {node.title}
        </Link>{" "}
        · <Link to="/staff/strategy/evaluations">{t("strategy.evaluations_title")}</Link>
      </p>
      <h1>{t("strategy.evaluation_title", { title: node.title })}</h1>
      <p>
        <LightText light={measured.light} counts={measured.counts} />
      </p>
      <p className="hint">{t("strategy.light_rule")}</p>
      <section aria-labelledby="series-title">
        <h2 id="series-title">{t("strategy.series_title")}</h2>
        {indicators.length === 0 ? <p>{t("strategy.indicators_none")}</p> : null}
        {indicators.map((i) => (
          <table key={i.id}>
            <caption>
              {i.name} (
              {t("strategy.baseline_is", { value: i.baseline ?? "–", period: i.baselinePeriod ?? "–" })})
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.series_period")}</th>
                <th scope="col">{t("strategy.series_target")}</th>
                <th scope="col">{t("strategy.series_value")}</th>
                <th scope="col">{t("strategy.series_source")}</th>
                <th scope="col">{t("strategy.series_light")}</th>
              </tr>
            </thead>
            <tbody>
              {i.series.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td>{p.target ?? "–"}</td>
                  <td>{p.value ?? "–"}</td>
                  <td>{p.source ?? "–"}</td>
                  <td>
                    <LightText light={p.light} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <section aria-labelledby="records-title">
        <h2 id="records-title">{t("strategy.evaluation_records")}</h2>
        {loaderData.saved ? <Notice kind="success">{t("strategy.saved")}</Notice> : null}
        {evaluations.length === 0 ? <p>{t("strategy.evaluations_none")}</p> : null}
        {evaluations.map((e) => (
          <article key={e.id} aria-labelledby={`ev-${e.id}`}>
            <h3 id={`ev-${e.id}`}>
              {t("strategy.evaluation_heading", {
                date: e.reviewDate,
                kind: t(`strategy.evaluation_kind_${e.kind}`),
                evaluator: e.evaluator,
              })}
            </h3>
            <dl>
              <dt>{t("strategy.field_questions")}</dt>
              <dd>{e.questions ?? "–"}</dd>
              <dt>{t("strategy.field_findings")}</dt>
              <dd>{e.findings ?? "–"}</dd>
              <dt>{t("strategy.field_recommendations")}</dt>
              <dd>{e.recommendations ?? "–"}</dd>
              <dt>{t("strategy.field_rating")}</dt>
              <dd>{e.rating ? <LightText light={e.rating} /> : "–"}</dd>
            </dl>
            {loaderData.canEdit ? (
              <p>
                <Link to={`?edit=${e.id}#evaluation-form`}>
                  {t("strategy.evaluation_edit_link", { date: e.reviewDate })}
                </Link>
              </p>
            ) : null}
          </article>
        ))}
      </section>
      {loaderData.canEdit ? (
        <EvaluationForm key={editing?.id ?? "new"} record={editing} errors={errors} />
      ) : null}
    </>
  );
}
