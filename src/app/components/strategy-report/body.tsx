import { Link } from "react-router";
import { formatCents } from "#app/modules/strategy/model.ts";
import type { ReportModel } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";
import { LightText } from "../strategy-light.tsx";
import { IndicatorChart } from "./chart.tsx";

/**
 * The implementation report's body (tree with progress and lights, indicators against the year's
 * target, measures, gaps, sources): the same model as the PDF, every figure a table. Staff pages
 * link the nodes; the public edition (decision 087) does not.
 */
export function ReportBody(props: { report: ReportModel; lang: string; nodeHref?: (id: string) => string }) {
  const t = useT();
  const { report: m, lang } = props;
  const num = (n: number | null) =>
    n === null ? "–" : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  const count = (c: { value: number | null }) => (c.value === null ? `<${m.minCount}` : num(c.value));
  return (
    <>
      <h2>{t("strategy.report_tree")}</h2>
      <p className="hint">{t("strategy.light_rule")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("strategy.report_tree")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("strategy.report_node")}</th>
              <th scope="col">{t("strategy.field_status")}</th>
              <th scope="col">{t("strategy.report_progress")}</th>
              <th scope="col">{t("strategy.report_light")}</th>
              <th scope="col">{t("strategy.report_responsible")}</th>
            </tr>
          </thead>
          <tbody>
            {m.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row" style={{ paddingInlineStart: `${(n.depth - 1) * 1.25}rem` }}>
                  {t(`strategy.kind_${n.kind}`)}:{" "}
                  <bdi>{props.nodeHref ? <Link to={props.nodeHref(n.id)}>{n.title}</Link> : n.title}</bdi>
                </th>
                <td>{t(`strategy.status_${n.status}`)}</td>
                <td>{n.progress.value === null ? "–" : `${num(n.progress.value)} %`}</td>
                <td>
                  <LightText light={n.light.light} counts={n.light.counts} />
                </td>
                <td>{n.responsible ? <bdi>{n.responsible}</bdi> : "–"}</td>
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
                <th scope="col">{t("strategy.report_light")}</th>
                <th scope="col">{t("strategy.report_source")}</th>
              </tr>
            </thead>
            <tbody>
              {m.indicators.map((i) => (
                <tr key={`${i.goal}|${i.name}`}>
                  <th scope="row">
                    <bdi>{i.goal}</bdi>: <bdi>{i.name}</bdi>
                  </th>
                  <td>{num(i.baseline)}</td>
                  <td>{num(i.target)}</td>
                  <td>
                    {num(i.actual)}
                    {i.actualPeriod ? ` (${i.actualPeriod})` : ""}
                  </td>
                  <td>
                    <LightText light={i.light} />
                  </td>
                  <td>{i.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {m.indicators.length > 0 ? (
        <>
          <h2>{t("strategy.chart_heading")}</h2>
          <p className="hint">{t("strategy.chart_intro")}</p>
          {m.indicators.map((i) => (
            <IndicatorChart key={`${i.goal}|${i.name}`} indicator={i} lang={lang} />
          ))}
        </>
      ) : null}
      <h2>{t("strategy.report_measures")}</h2>
      {m.measures.length === 0 ? (
        <p>{t("strategy.report_none")}</p>
      ) : (
        <ul>
          {m.measures.map((x) => (
            <li key={x.title}>
              <strong>
                <bdi>{x.title}</bdi>
              </strong>{" "}
              · {t(`strategy.status_${x.status}`)}
              {x.budgetPlannedCents !== null
                ? ` · ${t("strategy.report_budget")}: ${formatCents(x.budgetSpentCents ?? 0)} / ${formatCents(x.budgetPlannedCents)} €`
                : ""}
              {x.milestones.length > 0 ? (
                <ul>
                  {x.milestones.map((s) => (
                    <li key={`${s.due}|${s.title}`}>
                      {s.due} <bdi>{s.title}</bdi> {s.done ? `(${t("strategy.report_done")})` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("strategy.report_narratives")}</h2>
      {m.round === null ? (
        <p>{t("strategy.report_no_round")}</p>
      ) : m.narratives.length === 0 ? (
        <p>{t("strategy.report_none")}</p>
      ) : (
        m.narratives.map((x) => (
          <section key={x.nodeId}>
            <h3>
              <bdi>{x.title}</bdi>
            </h3>
            {x.text.split(/\n{2,}/).map((para, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text have no other identity
              <p key={k} dir="auto">
                {para}
              </p>
            ))}
          </section>
        ))
      )}
      {m.missingNarratives.length > 0 ? (
        <>
          <p>{t("strategy.report_missing", { count: m.missingNarratives.length })}</p>
          <ul>
            {m.missingNarratives.map((x) => (
              <li key={x}>
                <bdi>{x}</bdi>
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
                  <th scope="row">
                    <bdi>{g.area}</bdi>
                  </th>
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
