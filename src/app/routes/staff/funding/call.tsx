import { data, Link } from "react-router";
import { applicationListQuery } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { rateText } from "../../../components/funding-eligibility.tsx";
import { PotCells, PotHeaders } from "../../../components/funding-pot.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/call";

/** One call: its rules, the pot of its year and the submitted applications. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const call = await ctx.services.funding.getCall(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  // Keyset paging (decision 102): a cursor that does not parse shows the first page.
  const url = new URL(request.url).searchParams;
  const asked = applicationListQuery.safeParse({
    callId: call.id,
    after: url.get("after") ?? undefined,
    before: url.get("before") ?? undefined,
  });
  const [pots, applications] = await Promise.all([
    ctx.services.funding.pots(principal, call.id),
    ctx.services.funding.listApplications(principal, asked.success ? asked.data : { callId: call.id }),
  ]);
  return { call, pots, applications, paged: asked.success && Boolean(asked.data.after || asked.data.before) };
}

export default function FundingCall({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  const { call, pots, applications: page, paged } = loaderData;
  const pending = pots.reduce((n, p) => n + p.pending, 0);
  const applications = page.items;
  return (
    <>
      <p>
        <Link to="/staff/funding">{t("funding.back_calls")}</Link>
      </p>
      <h1>{call.title}</h1>
      {call.description ? <p>{call.description}</p> : null}
      <p>
        <Link to={`/staff/funding/calls/${call.id}/statistics`}>{t("funding.numbers_link")}</Link>
      </p>
      <dl>
        <dt>{t("funding.col_period")}</dt>
        <dd>
          {call.periodStart} – {call.periodEnd}
        </dd>
        <dt>{t("funding.col_deadline")}</dt>
        <dd>{call.deadline ?? t("funding.rolling")}</dd>
        <dt>{t("funding.budget_per_year")}</dt>
        <dd>{m(call.budgetPerYearCents)}</dd>
        <dt>{t("funding.project_cap")}</dt>
        <dd>{m(call.projectCapCents)}</dd>
      </dl>

      <div className="table-wrap">
        <table>
          <caption>{t("funding.pots_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_year")}</th>
              <PotHeaders full />
            </tr>
          </thead>
          <tbody>
            {pots.map((pot) => (
              <tr key={pot.year}>
                <th scope="row">{pot.year}</th>
                <PotCells pot={pot} full />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("funding.pots_note")}</p>
      {pending > 0 ? <p>{t("funding.pot_pending", { count: pending })}</p> : null}

      <div className="table-wrap">
        <table>
          <caption>{t("funding.applications_caption", { count: page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_title")}</th>
              <th scope="col">{t("funding.col_org")}</th>
              <th scope="col">{t("funding.col_status")}</th>
              <th scope="col" className="num">
                {t("funding.col_requested")}
              </th>
              <th scope="col" className="num">
                {t("funding.col_eligible")}
              </th>
              <th scope="col" className="num">
                {t("funding.col_granted")}
              </th>
            </tr>
          </thead>
          <tbody>
            {applications.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("funding.no_applications")}</td>
              </tr>
            ) : (
              applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/staff/funding/applications/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>{a.organizationName}</td>
                  <td>{t(`funding.status_${a.status}`)}</td>
                  <td className="num">{m(a.requestedCents)}</td>
                  <td className="num">{m(a.eligibleCents)}</td>
                  <td className="num">{a.grantedCents === null ? "–" : m(a.grantedCents)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {paged || page.prev || page.next ? (
        <nav aria-label={t("funding.applications_paging")} className="pager">
          {paged ? <Link to="?">{t("funding.page_first")}</Link> : null}
          {page.prev ? (
            <Link to={`?before=${encodeURIComponent(page.prev)}`} rel="prev">
              {t("funding.page_prev")}
            </Link>
          ) : null}
          {page.next ? (
            <Link to={`?after=${encodeURIComponent(page.next)}`} rel="next">
              {t("funding.page_next")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <div className="table-wrap">
        <table>
          <caption>{t("funding.call_rules")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_cost_type")}</th>
              <th scope="col">{t("funding.col_rate")}</th>
              <th scope="col">{t("funding.col_cap")}</th>
            </tr>
          </thead>
          <tbody>
            {call.costRules.map((r) => (
              <tr key={r.type}>
                <th scope="row">{t(`funding.cost_${r.type}`)}</th>
                <td>{t("funding.rate_value", { rate: rateText(r.rateBp, lang) })}</td>
                <td>{r.capCents === null ? t("funding.no_cap") : m(r.capCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t("funding.criteria_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_criterion")}</th>
              <th scope="col">{t("funding.col_weight")}</th>
            </tr>
          </thead>
          <tbody>
            {call.criteria.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.label}</th>
                <td>{c.weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
