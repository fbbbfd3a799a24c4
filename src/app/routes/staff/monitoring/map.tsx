import {
  CLASS_METHODS,
  type ClassMethod,
  classBreaks,
  isClassMethod,
} from "#app/modules/monitoring/classify.ts";
import { cellText, indicatorName, unitText } from "#app/modules/monitoring/report.ts";
import { Notice } from "../../../components/form/index.ts";
import { PeriodForm } from "../../../components/monitoring/period-form.tsx";
import { Legend } from "../../../components/monitoring-report/report-document.tsx";
import { areaFeaturesFor, KeyIndicatorMap } from "../../../components/monitoring-report/report-figures.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { viewSelection } from "../../../server/monitoring-view.server.ts";
import type { Route } from "./+types/map";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/** The choropleth of one indicator, with the classification chosen, and the same figures as a table. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const monitoring = ctx.services.monitoring;
  const url = new URL(request.url);
  const { releases, version, at, periods, period } = await viewSelection(ctx, principal, url);
  const methodAsked = url.searchParams.get("method");
  const method: ClassMethod = isClassMethod(methodAsked) ? methodAsked : "quantile";
  if (!period)
    return {
      title: ctx.t("monitoring.map_title"),
      periods,
      releases,
      period: "",
      version,
      method,
      results: null,
      features: null,
      indicator: null,
    };
  const results = await monitoring.results(principal, ctx.tenant.id, {
    period,
    ...at,
  });
  const codeAsked = url.searchParams.get("indicator");
  const indicator =
    results.indicators.find((i) => i.indicator.code === codeAsked)?.indicator ??
    results.indicators.find((i) => i.indicator.unit !== "count")?.indicator ??
    results.indicators[0]?.indicator ??
    null;
  const features = areaFeaturesFor(await ctx.services.areas.featureCollection(ctx.tenant.id), results.areas);
  return {
    title: ctx.t("monitoring.map_title"),
    periods,
    releases,
    period,
    version,
    method,
    results,
    features,
    indicator,
  };
}

export default function MonitoringMap({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { results, indicator, method } = loaderData;
  const r = results && indicator ? results.indicators.find((i) => i.indicator.code === indicator.code) : null;
  return (
    <>
      <h1>{loaderData.title}</h1>
      <p>{t("monitoring.map_intro")}</p>
      {loaderData.periods.length === 0 ? <Notice>{t("monitoring.no_releases")}</Notice> : null}
      {results ? (
        <PeriodForm
          action="/staff/monitoring/map"
          periods={loaderData.periods}
          period={loaderData.period}
          releases={loaderData.releases}
          version={loaderData.version}
        >
          <div className="field">
            <label htmlFor="mv-indicator">{t("monitoring.form_indicator")}</label>
            <select id="mv-indicator" name="indicator" defaultValue={indicator?.code}>
              {results.indicators.map((i) => (
                <option key={i.indicator.code} value={i.indicator.code}>
                  {indicatorName(i.indicator, t)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field mv-methods">
            <legend>{t("monitoring.form_method")}</legend>
            {CLASS_METHODS.map((m) => (
              <div className="radio" key={m}>
                <input
                  type="radio"
                  id={`mv-method-${m}`}
                  name="method"
                  value={m}
                  defaultChecked={m === method}
                />
                <label htmlFor={`mv-method-${m}`}>{t(`monitoring.method_${m}`)}</label>
              </div>
            ))}
          </fieldset>
        </PeriodForm>
      ) : null}
      {results && indicator && r ? (
        <>
          <KeyIndicatorMap
            results={results}
            indicator={indicator}
            features={loaderData.features}
            classify={(values) => classBreaks(values, method, 4)}
          />
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
          <section className="table-scroll" aria-labelledby="mv-map-table" tabIndex={0}>
            <table className="mr-table">
              <caption id="mv-map-table">
                {t("monitoring.map_table_caption", {
                  indicator: indicatorName(indicator, t),
                  unit: unitText(indicator, t) || "–",
                  period: results.period,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col_area")}</th>
                  <th scope="col">{t("monitoring.col_value")}</th>
                  <th scope="col">{t("monitoring.col_rank")}</th>
                </tr>
              </thead>
              <tbody>
                {results.areas.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.name}
                      {a.sparse ? ` (${t("monitoring.sparse")})` : ""}
                    </th>
                    <td className="num">
                      {r.byArea[a.id] ? cellText(r.byArea[a.id]!, indicator, lang, results.rule) : "–"}
                    </td>
                    <td className="num">{r.rank[a.id] ?? "–"}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("monitoring.city")}</th>
                  <td className="num">{cellText(r.city, indicator, lang, results.rule)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          </section>
          <Legend rule={results.rule} />
        </>
      ) : null}
    </>
  );
}
