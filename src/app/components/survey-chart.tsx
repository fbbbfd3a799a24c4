import type { CrossTabView, Heading } from "#app/modules/surveys/contracts.ts";
import { useT } from "../i18n.tsx";
import { isolate } from "./offers/format.ts";

const COLOURS = [
  "#0b5cad",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#b91c1c",
  "#0e7490",
  "#a16207",
  "#4d7c0f",
  "#be185d",
  "#475569",
];

/**
 * Shares of each answer within each column as horizontal stacked bars. Hidden cells are left
 * out (the bar then does not reach 100 %); the table beside it carries every figure.
 */
export function SurveyChart({ tab, head }: { tab: CrossTabView; head: (h: Heading) => string }) {
  const t = useT();
  const barH = 22;
  const gap = 10;
  const labelW = 150;
  const width = 640;
  const cols = tab.columns
    .map((c, j) => ({ c, j, base: tab.columnTotals[j]! }))
    .filter((x) => x.base.value && x.base.value > 0);
  const height = cols.length * (barH + gap) + 40;
  return (
    <figure className="survey-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("surveys.chart_label")} width="100%">
        {cols.map(({ c, j, base }, k) => {
          let x = labelW;
          const y = k * (barH + gap);
          return (
            <g key={c.key}>
              <text x={labelW - 6} y={y + barH * 0.7} textAnchor="end" fontSize="12">
                {isolate(head(c).slice(0, 22))}
              </text>
              {tab.rows.map((r, i) => {
                const v = tab.cells[i]![j]!.value;
                if (v === null || !base.value) return null;
                const w = ((width - labelW - 10) * v) / base.value;
                // Multiple choice: shares do not add up to 100 %, so one thin bar per answer.
                const h = tab.multiple ? barH / tab.rows.length : barH;
                const rect = (
                  <rect
                    key={r.key}
                    x={x}
                    y={tab.multiple ? y + i * h : y}
                    width={Math.max(0, w)}
                    height={h}
                    fill={COLOURS[i % COLOURS.length]}
                  />
                );
                if (!tab.multiple) x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {tab.rows.map((r, i) => (
            <li key={r.key}>
              <span
                className="swatch"
                style={{ background: COLOURS[i % COLOURS.length] }}
                aria-hidden="true"
              />{" "}
              <bdi>{head(r)}</bdi>
            </li>
          ))}
        </ul>
        <span className="hint">{t("surveys.chart_note")}</span>
      </figcaption>
    </figure>
  );
}
