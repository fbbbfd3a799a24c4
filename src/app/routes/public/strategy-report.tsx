import { data, Link } from "react-router";
import { ReportBody } from "../../components/strategy-report/body.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/strategy-report";

/**
 * Public: one year's implementation report in the reader's UI language (labels; the goals and
 * measures are the council's German text), without the names of the people responsible and
 * without links into staff pages. Plain HTML tables: no JavaScript needed (decision 087).
 */
export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  if (!/^\d{4}$/.test(params.year ?? "")) throw data(null, { status: 404 });
  const report = await ctx.services.strategy.publicReport(ctx.tenant.id, Number(params.year)).catch((e) => {
    const code = (e as { code?: string }).code;
    if (code === "not_found" || code === "validation_failed") throw data(null, { status: 404 });
    throw e;
  });
  return { report };
}

export default function PublicStrategyReport({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = loaderData.report;
  return (
    <>
      <p>
        <Link to={`/${lang}/strategy`}>{t("strategy.public_title")}</Link>
      </p>
      <h1>{t("strategy.report_title", { tenant: m.tenantName, year: m.year })}</h1>
      <p>{t("strategy.report_intro", { year: m.year })}</p>
      <ReportBody report={m} lang={lang} />
    </>
  );
}
