import { data, Link } from "react-router";
import { cellText, indicatorName, unitText } from "#app/modules/monitoring/report.ts";
import type { MonitoringCell } from "#app/modules/monitoring/types.ts";
import { PeriodForm } from "../../../components/monitoring/period-form.tsx";
import { Legend } from "../../../components/monitoring-report/report-document.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { viewSelection } from "../../../server/monitoring-view.server.ts";
import type { Route } from "./+types/area";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/** Stadtteilprofil: every indicator for one district against the city, with change and rank. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const monitoring = ctx.services.monitoring;
  const url = new URL(request.url);
  const { releases, version, at, periods, period } = await viewSelection(ctx, principal, url);
  if (!period) throw data(null, { status: 404 });
  const results = await monitoring.results(principal, ctx.tenant.id, {
    period,
    ...at,
  });
  const area = results.areas.find((a) => a.id === params.areaId);
  if (!area) throw data(null, { status: 404 });
  return {
    title: ctx.t("monitoring.profile_title", { area: area.name, period: results.period }),
    periods,
    releases,
    period,
    version,
    results,
    area,
  };
}

export default function AreaProfile({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { results, area } = loaderData;
  const text = (c: MonitoringCell | undefined, r: (typeof results.indicators)[number], signed = false) =>
    c ? cellText(c, r.indicator, lang, results.rule, { signed }) : "–";
  return (
    <>
      <p>
        <Link to={`/staff/monitoring?period=${loaderData.period}`}>{t("monitoring.back")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <PeriodForm
        action={`/staff/monitoring/areas/${area.id}`}
        periods={loaderData.periods}
        period={loaderData.period}
        releases={loaderData.releases}
        version={loaderData.version}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby="mv-profile" tabIndex={0}>
        <table className="mr-table">
          <caption id="mv-profile">{loaderData.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("monitoring.col_indicator")}</th>
              <th scope="col">{area.name}</th>
              <th scope="col">{t("monitoring.city")}</th>
              <th scope="col">{t("monitoring.col_change")}</th>
              <th scope="col">{t("monitoring.col_rank")}</th>
            </tr>
          </thead>
          <tbody>
            {results.indicators.map((r) => {
              const unit = unitText(r.indicator, t);
              return (
                <tr key={r.indicator.code}>
                  <th scope="row">
                    <Link to={`/staff/monitoring/indicators/${r.indicator.code}?period=${loaderData.period}`}>
                      {indicatorName(r.indicator, t)}
                    </Link>
                    {unit ? ` (${unit})` : ""}
                  </th>
                  <td className="num">{text(r.byArea[area.id], r)}</td>
                  <td className="num">{text(r.city, r)}</td>
                  <td className="num">{text(r.change[area.id], r, true)}</td>
                  <td className="num">
                    {r.rank[area.id]
                      ? t("monitoring.rank_of", { rank: r.rank[area.id]!, of: results.areas.length })
                      : "–"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <Legend rule={results.rule} />
    </>
  );
}
