import { data, useLoaderData } from "react-router";
import { chooseKeyIndicator, dateText, indicatorName } from "#app/modules/monitoring/report.ts";
import { isAppError } from "#app/server/errors.ts";
import { Notice } from "../../components/form/index.ts";
import { Legend, OverviewTable } from "../../components/monitoring-report/report-document.tsx";
import { areaFeaturesFor, KeyIndicatorMap } from "../../components/monitoring-report/report-figures.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/monitoring";

/**
 * Public small-area monitoring: the latest published year (or ?period=YYYY) with the public
 * indicators per social area and the city, a map of the key indicator, and the integrated
 * report (HTML and PDF). Server-rendered; no JavaScript needed.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const monitoring = ctx.services.monitoring;
  const base = { tenantName: ctx.tenant.name, title: ctx.t("monitoring_report.public_title") };
  const periods = await monitoring.publishedPeriods(null, ctx.tenant.id);
  const asked = (new URL(request.url).searchParams.get("period") ?? "").trim();
  const empty = {
    ...base,
    periods,
    period: null,
    results: null,
    key: null,
    features: null,
    releasedAt: null,
  };
  if (periods.length === 0) return { ...empty, message: ctx.t("monitoring_report.public_none") };
  if (asked && !periods.includes(asked)) {
    const message = /^\d{4}$/.test(asked)
      ? ctx.t("errors.monitoring_period_unpublished", { period: asked })
      : ctx.t("monitoring_report.bad_query");
    return data({ ...empty, message }, { status: /^\d{4}$/.test(asked) ? 404 : 422 });
  }
  const period = asked || periods.at(-1)!;
  try {
    const results = await monitoring.results(null, ctx.tenant.id, { period });
    const features = areaFeaturesFor(
      await ctx.services.areas.featureCollection(ctx.tenant.id),
      results.areas,
    );
    return {
      ...base,
      periods,
      period,
      results,
      key: chooseKeyIndicator(results),
      features,
      releasedAt: dateText(results.releasedAt, ctx.lang),
      message: null,
    };
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    return data({ ...empty, message: ctx.t(`errors.${e.code}`, e.params) }, { status: e.status });
  }
}

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Lotse" }];
  return [{ title: `${loaderData.title} · ${loaderData.tenantName}` }];
}

export default function PublicMonitoring() {
  const { periods, period, results, key, features, releasedAt, message, tenantName } =
    useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="mr-page mr-public">
      <h1>{t("monitoring_report.public_title")}</h1>
      <p className="lead">{t("monitoring_report.public_intro", { tenant: tenantName })}</p>
      {message ? <Notice kind="warning">{message}</Notice> : null}
      {periods.length > 0 ? (
        <form method="get" action={`/${lang}/monitoring`} className="mr-form mr-period-form">
          <div className="field">
            <label htmlFor="mr-public-period">{t("monitoring_report.form_period")}</label>
            <select id="mr-public-period" name="period" defaultValue={period ?? periods.at(-1)}>
              {[...periods].reverse().map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="submit">{t("monitoring_report.public_show")}</button>
          </div>
        </form>
      ) : null}
      {results && period ? (
        <>
          <p className="mr-version">
            {t("monitoring_report.data_version", { version: results.dataVersion, date: releasedAt ?? "" })}
          </p>
          <nav className="mr-report-links" aria-label={t("monitoring_report.report_links")}>
            <ul>
              <li>
                <a href={`/${lang}/monitoring/report?period=${period}`}>
                  {t("monitoring_report.public_report_link", { period })}
                </a>
              </li>
              <li>
                <a href={`/${lang}/monitoring/report.pdf?period=${period}`} download>
                  {t("monitoring_report.public_pdf_link", { period })}
                </a>
              </li>
            </ul>
          </nav>
          {key ? (
            <section aria-labelledby="mr-map-h" className="mr-section">
              <h2 id="mr-map-h">
                {t("monitoring_report.map_heading", { indicator: indicatorName(key, t), period })}
              </h2>
              <KeyIndicatorMap results={results} indicator={key} features={features} />
            </section>
          ) : null}
          <section aria-labelledby="mr-table-h" className="mr-section">
            <h2 id="mr-table-h">{t("monitoring_report.public_table", { period })}</h2>
            <OverviewTable results={results} caption={t("monitoring_report.public_table", { period })} />
            {results.synthetic ? <p className="hint">{t("monitoring_report.synthetic_notice")}</p> : null}
            <Legend rule={results.rule} />
          </section>
        </>
      ) : null}
    </div>
  );
}
