import { data, Link } from "react-router";
import { ReportBody } from "../../../components/strategy-report/body.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/report";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const year = Number(params.year);
  if (!/^\d{4}$/.test(params.year ?? "")) throw data(null, { status: 404 });
  const report = await ctx.services.strategy.reportData(principal, ctx.tenant.id, year).catch((e) => {
    if ((e as { code?: string }).code === "validation_failed") throw data(null, { status: 404 });
    throw e;
  });
  return { report, lang: ctx.lang };
}

/** The implementation report of a year as HTML: the same model as the PDF, every figure a table. */
export default function StrategyReport({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { report: m, lang } = loaderData;
  return (
    <>
      <p>
        <Link to="/staff/strategy/reports">{t("strategy.reports_title")}</Link>
      </p>
      <h1>{t("strategy.report_title", { tenant: m.tenantName, year: m.year })}</h1>
      <p>{t("strategy.report_intro", { year: m.year })}</p>
      <ReportBody report={m} lang={lang} nodeHref={(id) => `/staff/strategy/${id}`} />
    </>
  );
}
