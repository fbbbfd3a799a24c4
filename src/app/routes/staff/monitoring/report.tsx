import { data, Form } from "react-router";
import {
  buildReport,
  dateText,
  parseReportQuery,
  REPORT_AUDIENCES,
  type ReportModel,
  type ReportQuery,
} from "#app/modules/monitoring/report.ts";
import { toProblem } from "#app/server/errors.problem.ts";
import { isAppError } from "#app/server/errors.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { ReportDocument } from "../../../components/monitoring-report/report-document.tsx";
import {
  areaFeaturesFor,
  DistrictFigure,
  OverviewFigure,
} from "../../../components/monitoring-report/report-figures.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/report";

/**
 * The integrated report for the council: choose the year, the data version (Datenstand) and
 * the edition (internal: every indicator; public: what the public page shows), read it here,
 * print it, or download it as PDF.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const monitoring = ctx.services.monitoring;
  const releases = (await monitoring.releases(principal, ctx.tenant.id)).map((r) => ({
    number: r.number,
    period: r.period,
    date: dateText(r.createdAt, ctx.lang),
  }));
  const periods = await monitoring.publishedPeriods(principal, ctx.tenant.id);
  const params = new URL(request.url).searchParams;
  const base = { releases, periods, tenantName: ctx.tenant.name, title: ctx.t("monitoring_report.title") };
  const raw = {
    period: (params.get("period") ?? "").slice(0, 20),
    version: (params.get("version") ?? "").slice(0, 20),
    audience: (params.get("audience") ?? "").slice(0, 20),
  };
  if (releases.length === 0)
    return { ...base, raw, model: null, features: null, errors: undefined, message: null };
  let query: ReportQuery;
  try {
    query = parseReportQuery(params);
  } catch (e) {
    if (!isAppError(e)) throw e;
    const p = toProblem(e, ctx.t);
    const fields: Record<string, string> = {};
    for (const f of p.errors ?? []) fields[f.field] ??= f.message;
    return data(
      {
        ...base,
        raw,
        model: null,
        features: null,
        errors: { title: p.title, fields, code: e.code },
        message: null,
      },
      { status: e.status },
    );
  }
  const period = query.period ?? periods.at(-1)!;
  try {
    const model: ReportModel = await buildReport(monitoring, principal, ctx.tenant, {
      period,
      version: query.version,
      audience: query.audience ?? "internal",
    });
    const features = areaFeaturesFor(
      await ctx.services.areas.featureCollection(ctx.tenant.id),
      model.results.areas,
    );
    return { ...base, raw: { ...raw, period }, model, features, errors: undefined, message: null };
  } catch (e) {
    if (!isAppError(e) || e.status !== 404) throw e;
    return data(
      {
        ...base,
        raw,
        model: null,
        features: null,
        errors: undefined,
        message: ctx.t(`errors.${e.code}`, e.params),
      },
      { status: 404 },
    );
  }
}

export function meta({ loaderData }: Route.MetaArgs) {
  const period = loaderData?.model?.period;
  if (!loaderData) return [{ title: "Lotse" }];
  return [{ title: `${loaderData.title}${period ? ` ${period}` : ""} · ${loaderData.tenantName}` }];
}

export default function MonitoringReport({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { releases, periods, model, features, raw, errors, message } = loaderData;
  const audience = model?.audience ?? (raw.audience === "public" ? "public" : "internal");
  const pdf = model
    ? `/api/v1/monitoring/report.pdf?${new URLSearchParams({
        period: model.period,
        version: String(model.dataVersion),
        audience: model.audience,
      })}`
    : null;
  return (
    <div className="mr-page">
      <div className="mr-controls">
        <h1>{t("monitoring_report.title")}</h1>
        <p>{t("monitoring_report.staff_intro")}</p>
        {releases.length === 0 ? <Notice>{t("monitoring_report.no_releases")}</Notice> : null}
        <ErrorSummary errors={errors} />
        {message ? <Notice kind="warning">{message}</Notice> : null}
        {releases.length > 0 ? (
          <Form method="get" className="mr-form">
            <div className={errors?.fields.period ? "field field-invalid" : "field"}>
              <label htmlFor="mr-period">{t("monitoring_report.form_period")}</label>
              <select
                id="mr-period"
                name="period"
                defaultValue={raw.period || periods.at(-1)}
                aria-invalid={errors?.fields.period ? true : undefined}
                aria-describedby={errors?.fields.period ? "mr-period-error" : undefined}
              >
                {[...periods].reverse().map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              {errors?.fields.period ? (
                <p className="field-error" id="mr-period-error">
                  {errors.fields.period}
                </p>
              ) : null}
            </div>
            <div className={errors?.fields.version ? "field field-invalid" : "field"}>
              <label htmlFor="mr-version">{t("monitoring_report.form_version")}</label>
              <select
                id="mr-version"
                name="version"
                defaultValue={raw.version}
                aria-invalid={errors?.fields.version ? true : undefined}
                aria-describedby={errors?.fields.version ? "mr-version-error" : undefined}
              >
                <option value="">{t("monitoring_report.form_version_latest")}</option>
                {releases.map((r) => (
                  <option key={r.number} value={r.number}>
                    {t("monitoring_report.version_option", {
                      version: r.number,
                      period: r.period,
                      date: r.date,
                    })}
                  </option>
                ))}
              </select>
              {errors?.fields.version ? (
                <p className="field-error" id="mr-version-error">
                  {errors.fields.version}
                </p>
              ) : null}
            </div>
            <fieldset className="field mr-choices">
              <legend>{t("monitoring_report.audience_legend")}</legend>
              {REPORT_AUDIENCES.map((a) => (
                <div key={a} className="mr-choice">
                  <input
                    type="radio"
                    id={`mr-audience-${a}`}
                    name="audience"
                    value={a}
                    defaultChecked={audience === a}
                  />
                  <label htmlFor={`mr-audience-${a}`}>{t(`monitoring_report.audience_${a}`)}</label>
                </div>
              ))}
            </fieldset>
            <div className="form-actions">
              <button type="submit">{t("monitoring_report.form_submit")}</button>
            </div>
          </Form>
        ) : null}
        {pdf ? (
          <p className="mr-download">
            <a href={pdf} download className="button">
              {t("monitoring_report.download_pdf")}
            </a>{" "}
            <span className="hint">{t("monitoring_report.pdf_hint")}</span>
          </p>
        ) : null}
      </div>
      {model ? (
        <ReportDocument
          model={model}
          level={2}
          overviewFigure={<OverviewFigure model={model} features={features} />}
          districtFigure={(d) => <DistrictFigure model={model} district={d} />}
        />
      ) : null}
    </div>
  );
}
