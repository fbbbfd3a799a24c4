import { Link } from "react-router";
import { indicatorName, numberText } from "#app/modules/monitoring/report.ts";
import { Notice } from "../../../components/form/index.ts";
import { PeriodForm } from "../../../components/monitoring/period-form.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { viewSelection } from "../../../server/monitoring-view.server.ts";
import type { Route } from "./+types/status-index";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/** Status and dynamics index from z-scores (after Berlin's Monitoring Soziale Stadtentwicklung). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const monitoring = ctx.services.monitoring;
  const url = new URL(request.url);
  const { releases, version, at, periods, period } = await viewSelection(ctx, principal, url);
  const index = period
    ? await monitoring.index(principal, ctx.tenant.id, {
        period,
        ...at,
      })
    : null;
  return { title: ctx.t("monitoring.index_title"), periods, releases, period: period, version, index };
}

export default function StatusIndex({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { index } = loaderData;
  const z = (v: number | null) => (v === null ? "–" : numberText(v, lang, 2, true));
  return (
    <>
      <p>
        <Link to={`/staff/monitoring?period=${loaderData.period}`}>{t("monitoring.back")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p>{t("monitoring.index_method")}</p>
      {loaderData.periods.length === 0 ? <Notice>{t("monitoring.no_releases")}</Notice> : null}
      {index ? (
        <>
          <PeriodForm
            action="/staff/monitoring/index"
            periods={loaderData.periods}
            period={loaderData.period}
            releases={loaderData.releases}
            version={loaderData.version}
          />
          {index.indicators.length === 0 ? <Notice>{t("monitoring.index_none")}</Notice> : null}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
          <section className="table-scroll" aria-labelledby="mv-index" tabIndex={0}>
            <table className="mr-table">
              <caption id="mv-index">{t("monitoring.index_caption", { period: index.period })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col_area")}</th>
                  <th scope="col">{t("monitoring.col_status")}</th>
                  <th scope="col">{t("monitoring.col_status_class")}</th>
                  <th scope="col">{t("monitoring.col_dynamics")}</th>
                  <th scope="col">{t("monitoring.col_dynamics_class")}</th>
                  {index.indicators.map((i) => (
                    <th scope="col" key={i.code}>
                      {t("monitoring.col_z", { indicator: indicatorName(i, t) })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {index.areas.map((a) => (
                  <tr key={a.area.id}>
                    <th scope="row">{a.area.name}</th>
                    <td className="num">{z(a.status)}</td>
                    <td>{a.statusClass ? t(`monitoring.status_${a.statusClass}`) : "–"}</td>
                    <td className="num">{z(a.dynamics)}</td>
                    <td>{a.dynamicsClass ? t(`monitoring.dynamics_${a.dynamicsClass}`) : "–"}</td>
                    {index.indicators.map((i) => (
                      <td className="num" key={i.code}>
                        {z(a.components[i.code]?.z ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </>
  );
}
