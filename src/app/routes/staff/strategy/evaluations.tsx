import { data, Form, Link } from "react-router";
import { evaluationsQuery } from "#app/modules/strategy/evaluation.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../../components/form/index.ts";
import { LightText } from "../../../components/strategy-light.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/evaluations";

/** GET form (works without JavaScript): a bad period is shown as field errors, not a 500. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const q = new URL(request.url).searchParams;
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.evaluations(
      principal,
      ctx.tenant.id,
      parseInput(evaluationsQuery, { from: q.get("from") ?? "", to: q.get("to") ?? "" }),
    ),
  );
  if ("value" in result) return { ...result.value, errors: undefined };
  return data(
    { from: q.get("from") ?? "", to: q.get("to") ?? "", items: [], errors: result.data.errors },
    result.init ?? undefined,
  );
}

/** Herdecke's conference: every evaluation of the period side by side. */
export default function StrategyEvaluations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, errors } = loaderData;
  return (
    <>
      <p>
        <Link to="/staff/strategy">{t("strategy.title")}</Link>
      </p>
      <h1>{t("strategy.evaluations_title")}</h1>
      <p>{t("strategy.evaluations_intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="stack">
        <TextField
          name="from"
          type="date"
          label={t("strategy.field_from")}
          defaultValue={loaderData.from}
          errors={errors}
        />
        <TextField
          name="to"
          type="date"
          label={t("strategy.field_to")}
          defaultValue={loaderData.to}
          errors={errors}
        />
        <p>
          <button type="submit">{t("strategy.show")}</button>
        </p>
      </Form>
      {items.length === 0 ? (
        <p>{t("strategy.evaluations_none")}</p>
      ) : (
        <table>
          <caption>{t("strategy.evaluations_caption", { from: loaderData.from, to: loaderData.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("strategy.evaluation_measure")}</th>
              <th scope="col">{t("strategy.field_review_date")}</th>
              <th scope="col">{t("strategy.field_evaluator")}</th>
              <th scope="col">{t("strategy.field_findings")}</th>
              <th scope="col">{t("strategy.field_recommendations")}</th>
              <th scope="col">{t("strategy.field_rating")}</th>
              <th scope="col">{t("strategy.series_light")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/staff/strategy/${e.nodeId}/evaluation`}>{e.title}</Link>
                  {e.path.length ? <span className="hint"> ({e.path.join(" › ")})</span> : null}
                </th>
                <td>{e.reviewDate}</td>
                <td>
                  {e.evaluator} ({t(`strategy.evaluation_kind_${e.kind}`)})
                </td>
                <td>{e.findings ?? "–"}</td>
                <td>{e.recommendations ?? "–"}</td>
                <td>{e.rating ? <LightText light={e.rating} /> : "–"}</td>
                <td>
                  <LightText light={e.measured.light} counts={e.measured.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
