import { data, Link } from "react-router";
import {
  ageLimitsLine,
  cellText,
  definitionText,
  indicatorName,
  unitText,
} from "#app/modules/monitoring/report.ts";
import type { IndicatorResult, MonitoringArea, MonitoringCell } from "#app/modules/monitoring/types.ts";
import type { SmallCellRule } from "#app/modules/statistics/small-cells.ts";
import { isAppError } from "#app/server/errors.ts";
import { Legend } from "../../../components/monitoring-report/report-document.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/indicator";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/** One indicator over time for every area and the city: a line chart and the same figures as a table. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  try {
    const series = await ctx.services.monitoring.series(principal, ctx.tenant.id, { indicator: params.code });
    // The ranking of the latest year, with the change since the year before.
    const latest = await ctx.services.monitoring.results(principal, ctx.tenant.id, {
      period: series.periods.at(-1)!,
    });
    const current = latest.indicators.find((i) => i.indicator.code === params.code) ?? null;
    return {
      title: indicatorName(series.indicator, ctx.t),
      series,
      latest: { period: latest.period, areas: latest.areas, current },
    };
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw data(null, { status: 404 });
    throw e;
  }
}

/** Colour-blind-safe categorical colours (Okabe–Ito), plus a dash pattern per line. */
const LINE_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", ""];

function LineChart({
  lines,
  periods,
  title,
}: {
  lines: { label: string; cells: MonitoringCell[] }[];
  periods: string[];
  title: string;
}) {
  // The server's and the browser's default locales differ: a number formatted without the page's
  // language does not hydrate (React #418).
  const lang = useLang();
  const w = 640;
  const h = 260;
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  const values = lines.flatMap((l) => l.cells.flatMap((c) => (c.value === null ? [] : [c.value])));
  if (values.length === 0 || periods.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => pad.l + (i * (w - pad.l - pad.r)) / (periods.length - 1);
  const y = (v: number) => pad.t + ((max - v) * (h - pad.t - pad.b)) / span;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title} className="mv-line-chart" direction="ltr">
      <line x1={pad.l} y1={h - pad.b} x2={w - pad.r} y2={h - pad.b} stroke="#555" />
      <line x1={pad.l} y1={pad.t} x2={pad.l} y2={h - pad.b} stroke="#555" />
      <text x={4} y={pad.t + 10} fontSize="11">
        {max.toLocaleString(lang)}
      </text>
      <text x={4} y={h - pad.b} fontSize="11">
        {min.toLocaleString(lang)}
      </text>
      {periods.map((p, i) => (
        <text key={p} x={x(i)} y={h - 8} fontSize="11" textAnchor="middle">
          {p}
        </text>
      ))}
      {lines.map((l, k) => {
        // Gaps stay gaps: a hidden value is never interpolated.
        const segments: string[] = [];
        let current = "";
        l.cells.forEach((c, i) => {
          if (c.value === null) {
            if (current) segments.push(current);
            current = "";
          } else current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(c.value).toFixed(1)}`;
        });
        if (current) segments.push(current);
        return (
          <path
            key={l.label}
            d={segments.join("")}
            fill="none"
            stroke={LINE_COLORS[k % LINE_COLORS.length]}
            strokeWidth={k === lines.length - 1 ? 3 : 2}
            strokeDasharray={DASHES[k % DASHES.length]}
          >
            <title>{l.label}</title>
          </path>
        );
      })}
    </svg>
  );
}

/** Areas in rank order (1 = best by the indicator's reading) with the change since last year. */
function RankingTable({
  period,
  areas,
  result,
  rule,
}: {
  period: string;
  areas: MonitoringArea[];
  result: IndicatorResult;
  rule: SmallCellRule;
}) {
  const t = useT();
  const lang = useLang();
  const ordered = [...areas].sort(
    (a, b) => (result.rank[a.id] ?? Number.MAX_SAFE_INTEGER) - (result.rank[b.id] ?? Number.MAX_SAFE_INTEGER),
  );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard
    <section className="table-scroll" aria-labelledby="mv-ranking" tabIndex={0}>
      <table className="mr-table">
        <caption id="mv-ranking">{t("monitoring.ranking_caption", { period })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("monitoring.col_rank")}</th>
            <th scope="col">{t("monitoring.col_area")}</th>
            <th scope="col">{t("monitoring.col_value")}</th>
            <th scope="col">{t("monitoring.col_change")}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((a) => (
            <tr key={a.id}>
              <td className="num">{result.rank[a.id] ?? "–"}</td>
              <th scope="row">{a.name}</th>
              <td className="num">
                {result.byArea[a.id] ? cellText(result.byArea[a.id]!, result.indicator, lang, rule) : "–"}
              </td>
              <td className="num">
                {result.change[a.id]
                  ? cellText(result.change[a.id]!, result.indicator, lang, rule, { signed: true })
                  : "–"}
              </td>
            </tr>
          ))}
          <tr>
            <td />
            <th scope="row">{t("monitoring.city")}</th>
            <td className="num">{cellText(result.city, result.indicator, lang, rule)}</td>
            <td className="num">
              {cellText(result.cityChange, result.indicator, lang, rule, { signed: true })}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export default function IndicatorSeries({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { series } = loaderData;
  const def = series.indicator;
  const unit = unitText(def, t);
  const lines = [
    ...series.areas.map((a) => ({ label: a.name, cells: series.byArea[a.id] ?? [] })),
    { label: t("monitoring.city"), cells: series.city },
  ];
  const ages = ageLimitsLine(def, t);
  return (
    <>
      <p>
        <Link to="/staff/monitoring">{t("monitoring.back")}</Link>
      </p>
      <h1>
        {loaderData.title}
        {unit ? ` (${unit})` : ""}
      </h1>
      <p>{definitionText(def, t, lang)}</p>
      {ages ? <p>{ages}</p> : null}
      {def.source ? <p>{t("monitoring.source", { source: def.source })}</p> : null}
      {def.notes ? <p>{def.notes}</p> : null}
      <figure className="mv-figure">
        <figcaption>{t("monitoring.series_caption", { indicator: loaderData.title })}</figcaption>
        <LineChart
          lines={lines}
          periods={series.periods}
          title={t("monitoring.series_caption", { indicator: loaderData.title })}
        />
        <ul className="mv-chart-key">
          {lines.map((l, k) => (
            <li key={l.label}>
              <svg width="28" height="10" aria-hidden="true">
                <line
                  x1="0"
                  y1="5"
                  x2="28"
                  y2="5"
                  stroke={LINE_COLORS[k % LINE_COLORS.length]}
                  strokeWidth="3"
                  strokeDasharray={DASHES[k % DASHES.length]}
                />
              </svg>{" "}
              {l.label}
            </li>
          ))}
        </ul>
      </figure>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby="mv-series" tabIndex={0}>
        <table className="mr-table">
          <caption id="mv-series">{t("monitoring.series_table", { indicator: loaderData.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("monitoring.col_area")}</th>
              {series.periods.map((p) => (
                <th scope="col" key={p}>
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                {l.cells.map((c, i) => (
                  <td className="num" key={series.periods[i]}>
                    {cellText(c, def, lang, series.rule)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {loaderData.latest.current ? (
        <RankingTable
          period={loaderData.latest.period}
          areas={loaderData.latest.areas}
          result={loaderData.latest.current}
          rule={series.rule}
        />
      ) : null}
      <Legend rule={series.rule} />
    </>
  );
}
