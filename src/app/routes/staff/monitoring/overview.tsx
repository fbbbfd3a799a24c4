import { Link } from "react-router";
import { dateText, indicatorName } from "#app/modules/monitoring/report.ts";
import { can } from "#app/server/policy/policy.ts";
import { Notice } from "../../../components/form/index.ts";
import { PeriodForm } from "../../../components/monitoring/period-form.tsx";
import { Legend, OverviewTable } from "../../../components/monitoring-report/report-document.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { viewSelection } from "../../../server/monitoring-view.server.ts";
import type { Route } from "./+types/overview";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/** All districts × indicators of a year, with the city average (Gesamtstadt), from releases only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const sel = await viewSelection(ctx, principal, new URL(request.url));
  const results = sel.period
    ? await ctx.services.monitoring.results(principal, ctx.tenant.id, { period: sel.period, ...sel.at })
    : null;
  return {
    title: ctx.t("monitoring.title"),
    periods: sel.periods,
    releases: sel.releases,
    period: sel.period,
    version: sel.version,
    notice: sel.unknown ? ctx.t("monitoring.unknown_selection") : null,
    results,
    releasedAt: results ? dateText(results.releasedAt, ctx.lang) : null,
    canManage: can(principal, "monitoring.data.manage"),
  };
}

export default function MonitoringOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { results, period, version } = loaderData;
  const query = `period=${period}${version === null ? "" : `&version=${version}`}`;
  return (
    <>
      <h1>{loaderData.title}</h1>
      <p>{t("monitoring.intro")}</p>
      {loaderData.notice ? <Notice kind="warning">{loaderData.notice}</Notice> : null}
      {loaderData.periods.length === 0 ? (
        <Notice>
          {t("monitoring.no_releases")}{" "}
          {loaderData.canManage ? <Link to="/staff/monitoring/data">{t("monitoring.to_data")}</Link> : null}
        </Notice>
      ) : (
        <PeriodForm
          action="/staff/monitoring"
          periods={loaderData.periods}
          period={period}
          releases={loaderData.releases}
          version={version}
        />
      )}
      {results ? (
        <>
          <p className="mr-version">
            {t("monitoring.data_version", {
              version: results.dataVersion,
              date: loaderData.releasedAt ?? "",
            })}
          </p>
          {results.synthetic ? <Notice>{t("monitoring.synthetic_note")}</Notice> : null}
          <nav aria-label={t("monitoring.views_nav")}>
            <ul className="mv-links">
              <li>
                <Link to={`/staff/monitoring/map?${query}`}>{t("monitoring.link_map")}</Link>
              </li>
              <li>
                <Link to={`/staff/monitoring/index?${query}`}>{t("monitoring.link_index")}</Link>
              </li>
              <li>
                <Link to={`/staff/monitoring/report?${query}`}>{t("monitoring.link_report")}</Link>
              </li>
              <li>
                <a href={`/api/v1/monitoring/export.csv?${query}`} download>
                  {t("monitoring.link_csv")}
                </a>
              </li>
            </ul>
          </nav>
          <OverviewTable
            results={results}
            caption={t("monitoring.table_caption", { period: results.period })}
          />
          <Legend rule={results.rule} />
          <h2>{t("monitoring.details_title")}</h2>
          <div className="mv-columns">
            <div>
              <h3>{t("monitoring.by_area")}</h3>
              <ul>
                {results.areas.map((a) => (
                  <li key={a.id}>
                    <Link to={`/staff/monitoring/areas/${a.id}?${query}`}>{a.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t("monitoring.by_indicator")}</h3>
              <ul>
                {results.indicators.map((r) => (
                  <li key={r.indicator.code}>
                    <Link to={`/staff/monitoring/indicators/${r.indicator.code}?${query}`}>
                      {indicatorName(r.indicator, t)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
