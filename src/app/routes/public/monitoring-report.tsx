import { data, useLoaderData } from "react-router";
import {
  buildReport,
  latestPeriod,
  parseReportQuery,
  type ReportModel,
} from "#app/modules/monitoring/report.ts";
import { isAppError } from "#app/server/errors.ts";
import { Notice } from "../../components/form/index.ts";
import { ReportDocument } from "../../components/monitoring-report/report-document.tsx";
import {
  areaFeaturesFor,
  DistrictFigure,
  OverviewFigure,
} from "../../components/monitoring-report/report-figures.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/monitoring-report";

/**
 * The public edition of the integrated report (public indicators only, the small-cell rule
 * applied by the engine), server-rendered, no JavaScript. ?period=YYYY, default the latest;
 * ?version=n reproduces an older data version.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const monitoring = ctx.services.monitoring;
  const base = { tenantName: ctx.tenant.name, title: ctx.t("monitoring_report.title") };
  try {
    const query = parseReportQuery(new URL(request.url).searchParams);
    const period = query.period ?? (await latestPeriod(monitoring, null, ctx.tenant.id));
    if (!period)
      return data(
        { ...base, model: null, features: null, message: ctx.t("monitoring_report.public_none") },
        { status: 404 },
      );
    const model: ReportModel = await buildReport(monitoring, null, ctx.tenant, {
      period,
      version: query.version,
      audience: "public",
    });
    const features = areaFeaturesFor(
      await ctx.services.areas.featureCollection(ctx.tenant.id),
      model.results.areas,
    );
    return { ...base, model, features, message: null };
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    const message =
      e.code === "validation_failed"
        ? ctx.t("monitoring_report.bad_query")
        : ctx.t(`errors.${e.code}`, e.params);
    return data({ ...base, model: null, features: null, message }, { status: e.status });
  }
}

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Lotse" }];
  const period = loaderData.model?.period;
  return [{ title: `${loaderData.title}${period ? ` ${period}` : ""} · ${loaderData.tenantName}` }];
}

export default function PublicMonitoringReport() {
  const { model, features, message } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (!model)
    return (
      <div className="mr-page">
        <h1>{t("monitoring_report.title")}</h1>
        <Notice kind="warning">{message}</Notice>
        <p>
          <a href={`/${lang}/monitoring`}>{t("monitoring_report.back_to_monitoring")}</a>
        </p>
      </div>
    );
  const pdf = `/${lang}/monitoring/report.pdf?${new URLSearchParams({
    period: model.period,
    version: String(model.dataVersion),
  })}`;
  return (
    <div className="mr-page">
      <p className="mr-download">
        <a href={`/${lang}/monitoring?period=${model.period}`}>{t("monitoring_report.back_to_monitoring")}</a>
        {" · "}
        <a href={pdf} download>
          {t("monitoring_report.public_pdf_link", { period: model.period })}
        </a>
      </p>
      <ReportDocument
        model={model}
        level={1}
        overviewFigure={<OverviewFigure model={model} features={features} />}
        districtFigure={(d) => <DistrictFigure model={model} district={d} />}
      />
    </div>
  );
}
