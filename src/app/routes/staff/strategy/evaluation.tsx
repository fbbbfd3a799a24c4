import { data, Form, Link, redirect } from "react-router";
import { evaluationInput } from "#app/modules/strategy/evaluation.contracts.ts";
import { EVALUATION_KINDS, RATINGS } from "#app/modules/strategy/evaluation.model.ts";
import { isMeasureKind } from "#app/modules/strategy/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
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
    canEdit: can(principal, "strategy.edit") && isMeasureKind(detail.node.kind),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "strategy.edit");
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.addEvaluation(
      principal,
      ctx.tenant.id,
      params.id,
      parseInput(evaluationInput, {
        reviewDate: formString(form, "reviewDate"),
        kind: formString(form, "kind"),
        evaluator: formString(form, "evaluator"),
        questions: formString(form, "questions"),
        findings: formString(form, "findings"),
        recommendations: formString(form, "recommendations"),
        rating: formString(form, "rating"),
      }),
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
          </article>
        ))}
      </section>
      {loaderData.canEdit ? (
        <section aria-labelledby="evaluation-new">
          <h2 id="evaluation-new">{t("strategy.evaluation_new")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <TextField
              name="reviewDate"
              type="date"
              label={t("strategy.field_review_date")}
              required
              errors={errors}
            />
            <Select
              name="kind"
              label={t("strategy.field_evaluation_kind")}
              options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`strategy.evaluation_kind_${k}`) }))}
              errors={errors}
            />
            <TextField
              name="evaluator"
              label={t("strategy.field_evaluator")}
              required
              maxLength={300}
              errors={errors}
            />
            <TextField
              name="questions"
              label={t("strategy.field_questions")}
              multiline
              maxLength={4000}
              errors={errors}
            />
            <TextField
              name="findings"
              label={t("strategy.field_findings")}
              multiline
              maxLength={4000}
              errors={errors}
            />
            <TextField
              name="recommendations"
              label={t("strategy.field_recommendations")}
              multiline
              maxLength={4000}
              errors={errors}
            />
            <Select
              name="rating"
              label={t("strategy.field_rating")}
              empty={t("strategy.rating_none")}
              options={RATINGS.map((r) => ({ value: r, label: t(`strategy.light_${r}`) }))}
              errors={errors}
            />
            <p>
              <button type="submit">{t("strategy.evaluation_save")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
