import { Form, Link, redirect } from "react-router";
import { requestReportInput } from "#app/modules/strategy/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/reports";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const reports = await ctx.services.strategy.reports(principal, ctx.tenant.id);
  const year = Number(ctx.services.core.clock.now().toISOString().slice(0, 4)) - 1;
  return {
    reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    year,
    canRounds: can(principal, "strategy.edit"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const result = await formAction(ctx.t, () => {
    const input = parseInput(requestReportInput, {
      year: Number(formString(form, "year")),
      withMissing: form.get("withMissing") === "on",
    });
    return ctx.services.strategy.requestReport(principal, ctx.tenant.id, input.year, {
      withMissing: input.withMissing,
    });
  });
  if ("data" in result) return result;
  return redirect("/staff/strategy/reports?queued=1");
}

/** The implementation reports: the HTML edition per year and the PDFs rendered by the job. */
export default function StrategyReports({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/strategy">{t("strategy.title")}</Link>
      </p>
      <h1>{t("strategy.reports_title")}</h1>
      <p>{t("strategy.reports_intro")}</p>
      {loaderData.canRounds ? (
        <p>
          <Link to="/staff/strategy/rounds">{t("strategy.rounds_title")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={`/staff/strategy/reports/${loaderData.year}`}>
          {t("strategy.reports_html", { year: loaderData.year })}
        </Link>
      </p>
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
        <Checkbox
          name="withMissing"
          label={t("strategy.reports_with_missing")}
          hint={t("strategy.reports_with_missing_hint")}
          errors={errors}
        />
        <p>
          <button type="submit">{t("strategy.reports_request")}</button>
        </p>
      </Form>
      {loaderData.reports.length === 0 ? (
        <p>{t("strategy.reports_empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.reports_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.reports_year")}</th>
                <th scope="col">{t("strategy.field_status")}</th>
                <th scope="col">{t("strategy.reports_file")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.year}</th>
                  <td>{t(`strategy.report_status_${r.status}`)}</td>
                  <td>
                    {r.status === "done" ? (
                      <a href={`/api/v1/strategy/reports/${r.id}/pdf`} download>
                        {t("strategy.reports_pdf", { year: r.year })}
                      </a>
                    ) : (
                      "–"
                    )}
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
