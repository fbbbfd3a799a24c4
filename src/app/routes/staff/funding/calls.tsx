import { data, Form, Link } from "react-router";
import { yearReportInput } from "#app/modules/funding/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select } from "../../../components/form/index.ts";
import { PotCells, PotHeaders } from "../../../components/funding-pot.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/calls";

/**
 * The funding calls with each one's pot for its current year (planned, committed, paid,
 * returned, available), and the council's year report (decision 112): asked for here, rendered
 * by a job, downloaded as a tagged PDF.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [calls, reports] = await Promise.all([
    ctx.services.funding.listCalls(principal),
    ctx.services.funding.yearReports.list(principal),
  ]);
  const pots = await Promise.all(calls.map((c) => ctx.services.funding.pot(principal, c.id)));
  // The years a report can cover: those of the calls' periods, newest first.
  const years = new Set<number>();
  for (const c of calls)
    for (let y = Number(c.periodStart.slice(0, 4)); y <= Number(c.periodEnd.slice(0, 4)); y++) years.add(y);
  return {
    rows: calls.map((c, i) => ({ call: c, pot: pots[i]! })),
    reports,
    years: [...years].sort((a, b) => b - a).slice(0, 20),
    mayReport: can(principal, "funding.calls.manage"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "funding.calls.manage");
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.funding.yearReports.request(
      principal,
      parseInput(yearReportInput, { year: formString(form, "year") }).year,
      ctx.requestId,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined, year: r.value.year };
}

export default function FundingCalls({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("funding.title")}</h1>
      <p>{t("funding.intro")}</p>
      {loaderData.rows.length === 0 ? (
        <p>{t("funding.no_calls")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("funding.calls_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funding.col_call")}</th>
                <th scope="col">{t("funding.col_period")}</th>
                <th scope="col">{t("funding.col_deadline")}</th>
                <PotHeaders />
              </tr>
            </thead>
            <tbody>
              {loaderData.rows.map(({ call, pot }) => (
                <tr key={call.id}>
                  <th scope="row">
                    <Link to={`/staff/funding/calls/${call.id}`}>{call.title}</Link>
                  </th>
                  <td>
                    {call.periodStart} – {call.periodEnd}
                  </td>
                  <td>{call.deadline ?? t("funding.rolling")}</td>
                  <PotCells pot={pot} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="year-report">
        <h2 id="year-report">{t("funding.year_report_heading")}</h2>
        <p>{t("funding.year_report_page_intro")}</p>
        {loaderData.reports.length > 0 ? (
          <ul>
            {loaderData.reports.map((r) => (
              <li key={r.year}>
                {r.ready ? (
                  <a href={`/api/v1/funding/year-reports/${r.year}/pdf`} download>
                    {t("funding.year_report_download", { year: String(r.year) })}
                  </a>
                ) : (
                  t("funding.year_report_pending", { year: String(r.year) })
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {loaderData.mayReport && loaderData.years.length > 0 ? (
          <Form method="post" className="stack" noValidate>
            {actionData?.ok ? (
              <Notice kind="success">
                {t("funding.year_report_requested", { year: String(actionData.year) })}
              </Notice>
            ) : null}
            <ErrorSummary errors={actionData?.errors} />
            <Select
              name="year"
              label={t("funding.year_report_year")}
              options={loaderData.years.map((y) => ({ value: String(y), label: String(y) }))}
              errors={actionData?.errors}
            />
            <button type="submit">{t("funding.year_report_request")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
