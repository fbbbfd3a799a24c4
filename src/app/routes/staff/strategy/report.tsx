import { data, Link } from "react-router";
import { formatCents } from "#app/modules/strategy/model.ts";
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
  const num = (n: number | null) =>
    n === null ? "–" : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  const count = (c: { value: number | null }) => (c.value === null ? `<${m.minCount}` : num(c.value));
  return (
    <>
      <p>
        <Link to="/staff/strategy/reports">{t("strategy.reports_title")}</Link>
      </p>
      <h1>{t("strategy.report_title", { tenant: m.tenantName, year: m.year })}</h1>
      <p>{t("strategy.report_intro", { year: m.year })}</p>
      <h2>{t("strategy.report_tree")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("strategy.report_tree")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("strategy.report_node")}</th>
              <th scope="col">{t("strategy.field_status")}</th>
              <th scope="col">{t("strategy.report_progress")}</th>
              <th scope="col">{t("strategy.report_responsible")}</th>
            </tr>
          </thead>
          <tbody>
            {m.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row" style={{ paddingInlineStart: `${(n.depth - 1) * 1.25}rem` }}>
                  {t(`strategy.kind_${n.kind}`)}: <Link to={`/staff/strategy/${n.id}`}>{n.title}</Link>
                </th>
                <td>{t(`strategy.status_${n.status}`)}</td>
                <td>{n.progress.value === null ? "–" : `${num(n.progress.value)} %`}</td>
                <td>{n.responsible ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("strategy.report_indicators")}</h2>
      {m.indicators.length === 0 ? (
        <p>{t("strategy.report_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.report_indicators")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.report_indicator")}</th>
                <th scope="col">{t("strategy.report_baseline")}</th>
                <th scope="col">{t("strategy.report_target", { year: m.year })}</th>
                <th scope="col">{t("strategy.report_actual")}</th>
                <th scope="col">{t("strategy.report_source")}</th>
              </tr>
            </thead>
            <tbody>
              {m.indicators.map((i) => (
                <tr key={`${i.goal}|${i.name}`}>
                  <th scope="row">
                    {i.goal}: {i.name}
                  </th>
                  <td>{num(i.baseline)}</td>
                  <td>{num(i.target)}</td>
                  <td>
                    {num(i.actual)}
                    {i.actualPeriod ? ` (${i.actualPeriod})` : ""}
                  </td>
                  <td>{i.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("strategy.report_measures")}</h2>
      {m.measures.length === 0 ? (
        <p>{t("strategy.report_none")}</p>
      ) : (
        <ul>
          {m.measures.map((x) => (
            <li key={x.title}>
              <strong>{x.title}</strong> · {t(`strategy.status_${x.status}`)}
              {x.budgetPlannedCents !== null
                ? ` · ${t("strategy.report_budget")}: ${formatCents(x.budgetSpentCents ?? 0)} / ${formatCents(x.budgetPlannedCents)} €`
                : ""}
              {x.milestones.length > 0 ? (
                <ul>
                  {x.milestones.map((s) => (
                    <li key={`${s.due}|${s.title}`}>
                      {s.due} {s.title} {s.done ? `(${t("strategy.report_done")})` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("strategy.report_gaps")}</h2>
      <p>
        {m.gapAxis
          ? t("strategy.report_gaps_intro", { axis: m.gapAxis, min: m.minCount })
          : t("strategy.gaps_no_mapping")}
      </p>
      {m.gaps.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.report_gaps")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.gaps_area")}</th>
                <th scope="col">{t("strategy.report_term")}</th>
                <th scope="col">{t("strategy.report_need")}</th>
                <th scope="col">{t("strategy.report_supply")}</th>
              </tr>
            </thead>
            <tbody>
              {m.gaps.map((g) => (
                <tr key={`${g.areaId}|${g.termId}`}>
                  <th scope="row">{g.area}</th>
                  <td>{g.term}</td>
                  <td>{count(g.need)}</td>
                  <td>
                    {count(g.offers)} / {num(g.hours)} h
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t("strategy.report_sources")}</h2>
      <ul>
        {m.sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </>
  );
}
