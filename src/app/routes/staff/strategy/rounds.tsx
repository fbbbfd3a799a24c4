import { Form, Link, redirect } from "react-router";
import { openRoundInput } from "#app/modules/strategy/rounds.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { DateField, ErrorSummary, formString, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/rounds";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const rounds = await ctx.services.strategy.rounds(principal, ctx.tenant.id);
  const year = Number(ctx.services.core.clock.now().toISOString().slice(0, 4)) - 1;
  return { rounds, year };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.openRound(
      principal,
      ctx.tenant.id,
      parseInput(openRoundInput, {
        year: Number(formString(form, "year")),
        deadline: formString(form, "deadline"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return result;
  return redirect(`/staff/strategy/rounds/${result.value.id}`);
}

/** Report rounds (decision 098): open a year's round with a deadline; the list of rounds. */
export default function StrategyRounds({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/strategy/reports">{t("strategy.reports_title")}</Link>
      </p>
      <h1>{t("strategy.rounds_title")}</h1>
      <p>{t("strategy.rounds_intro")}</p>
      <h2>{t("strategy.rounds_open")}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="year"
          type="number"
          label={t("strategy.reports_year")}
          defaultValue={loaderData.year}
          required
          errors={errors}
        />
        <DateField name="deadline" label={t("strategy.rounds_deadline")} required errors={errors} />
        <p>
          <button type="submit">{t("strategy.rounds_open_submit")}</button>
        </p>
      </Form>
      {loaderData.rounds.length === 0 ? (
        <p>{t("strategy.rounds_empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.rounds_title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.reports_year")}</th>
                <th scope="col">{t("strategy.rounds_deadline")}</th>
                <th scope="col">{t("strategy.field_status")}</th>
                <th scope="col">{t("strategy.rounds_approved")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/staff/strategy/rounds/${r.id}`}>{r.year}</Link>
                  </th>
                  <td>{r.deadline}</td>
                  <td>{t(`strategy.round_status_${r.status}`)}</td>
                  <td>
                    {t("strategy.rounds_counts", { approved: r.counts.approved, total: r.counts.total })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
