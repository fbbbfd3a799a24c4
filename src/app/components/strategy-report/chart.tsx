import { useId } from "react";
import { type ChartPoint, chartGeometry } from "#app/modules/strategy/chart.model.ts";
import type { ReportModel } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";

type Indicator = ReportModel["indicators"][number];

const path = (points: ChartPoint[]) => points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");

/**
 * One indicator against its targets (decision 098): a server-rendered SVG with an accessible
 * name, and the same numbers in the table beside it. Lines differ by pattern and marker, not by
 * colour alone (target dashed with squares, actual solid with circles, baseline dotted).
 */
export function IndicatorChart(props: { indicator: Indicator; lang: string }) {
  const t = useT();
  const id = useId();
  const i = props.indicator;
  const g = chartGeometry(i);
  const num = (n: number | null) =>
    n === null ? "–" : new Intl.NumberFormat(props.lang, { maximumFractionDigits: 1 }).format(n);
  const name = t("strategy.chart_name", { goal: i.goal, indicator: i.name });
  const legend = [
    { key: "target", label: t("strategy.chart_target"), dash: "6 4" },
    { key: "actual", label: t("strategy.chart_actual"), dash: undefined },
    ...(i.baseline !== null ? [{ key: "baseline", label: t("strategy.chart_baseline"), dash: "2 3" }] : []),
  ];
  return (
    <div className="strategy-chart">
      <h3>
        {i.goal}: {i.name}
      </h3>
      {g ? (
        <svg
          role="img"
          aria-labelledby={`${id}-t`}
          viewBox={`0 0 ${g.width} ${g.height + 20}`}
          width={g.width}
          height={g.height + 20}
          className="strategy-chart-svg"
        >
          <title id={`${id}-t`}>{name}</title>
          <g stroke="currentColor" strokeOpacity="0.3" fontSize="10">
            {g.yTicks.map((y) => (
              <g key={y.value}>
                <line x1={g.plot.left} x2={g.plot.right} y1={y.y} y2={y.y} />
                <text x={g.plot.left - 6} y={y.y + 3} textAnchor="end" stroke="none" fill="currentColor">
                  {num(y.value)}
                </text>
              </g>
            ))}
            {g.xTicks.map((x) => (
              <text
                key={x.label}
                x={x.x}
                y={g.plot.bottom + 14}
                textAnchor="middle"
                stroke="none"
                fill="currentColor"
              >
                {x.label}
              </text>
            ))}
          </g>
          {g.baselineY !== null ? (
            <line
              x1={g.plot.left}
              x2={g.plot.right}
              y1={g.baselineY}
              y2={g.baselineY}
              stroke="currentColor"
              strokeDasharray="2 3"
            />
          ) : null}
          <path d={path(g.target)} fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="6 4" />
          {g.target.map((p) => (
            <rect key={`t${p.period}`} x={p.x - 3} y={p.y - 3} width="6" height="6" fill="currentColor" />
          ))}
          <path d={path(g.actual)} fill="none" stroke="currentColor" strokeWidth="2.5" />
          {g.actual.map((p) => (
            <circle key={`a${p.period}`} cx={p.x} cy={p.y} r="4" fill="currentColor" />
          ))}
          <g fontSize="10" fill="currentColor">
            {legend.map((l, k) => (
              <g key={l.key} transform={`translate(${g.plot.left + k * 130},${g.height + 12})`}>
                <line
                  x1="0"
                  x2="24"
                  y1="-3"
                  y2="-3"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeDasharray={l.dash}
                />
                <text x="30" y="0">
                  {l.label}
                </text>
              </g>
            ))}
          </g>
        </svg>
      ) : (
        <p>{t("strategy.chart_no_values")}</p>
      )}
      <div className="table-wrap">
        <table>
          <caption>{name}</caption>
          <thead>
            <tr>
              <th scope="col">{t("strategy.chart_period")}</th>
              <th scope="col">{t("strategy.chart_target")}</th>
              <th scope="col">{t("strategy.chart_actual")}</th>
            </tr>
          </thead>
          <tbody>
            {i.baseline !== null ? (
              <tr>
                <th scope="row">
                  {t("strategy.chart_baseline")}
                  {i.baselinePeriod ? ` (${i.baselinePeriod})` : ""}
                </th>
                <td>–</td>
                <td>{num(i.baseline)}</td>
              </tr>
            ) : null}
            {i.series.map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                <td>{num(p.target)}</td>
                <td>{num(p.actual)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
