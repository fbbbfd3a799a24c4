/**
 * The indicator chart of the implementation report (decision 098): baseline, target per period
 * and actual as two lines over the periods, with a dotted baseline. One pure geometry for the
 * HTML (SVG) and the PDF (vector drawing), so both show the same picture; the numbers always
 * stand in a table beside it. Browser-safe.
 */
export type ChartInput = {
  baseline: number | null;
  baselinePeriod: string | null;
  series: { period: string; target: number | null; actual: number | null }[];
};
export type ChartPoint = { x: number; y: number; value: number; period: string };
export type ChartGeometry = {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
  target: ChartPoint[];
  actual: ChartPoint[];
  /** The baseline's y, drawn across the plot; null without a baseline. */
  baselineY: number | null;
};

export const CHART_SIZE = { width: 480, height: 200 } as const;
const MARGIN = { left: 48, right: 12, top: 12, bottom: 28 };

/** The smallest "nice" step (1, 2, 5 × 10^n) giving at most `ticks` intervals up to `span`. */
export function niceStep(span: number, ticks = 4): number {
  if (!(span > 0)) return 1;
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** The chart's geometry, or null when there is not a single number to draw. */
export function chartGeometry(
  input: ChartInput,
  size: { width: number; height: number } = CHART_SIZE,
): ChartGeometry | null {
  const periods = [
    ...new Set([
      ...(input.baselinePeriod && input.baseline !== null ? [input.baselinePeriod] : []),
      ...input.series.filter((p) => p.target !== null || p.actual !== null).map((p) => p.period),
    ]),
  ].sort();
  const values = [
    ...(input.baseline !== null ? [input.baseline] : []),
    ...input.series.flatMap((p) => [p.target, p.actual].filter((v): v is number => v !== null)),
  ];
  if (values.length === 0 || periods.length === 0) return null;
  const step = niceStep(Math.max(...values, 0) - Math.min(...values, 0));
  const lo = Math.floor(Math.min(...values, 0) / step) * step;
  const hi = Math.max(Math.ceil(Math.max(...values, 0) / step) * step, lo + step);
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: size.width - MARGIN.right,
    bottom: size.height - MARGIN.bottom,
  };
  const xOf = (period: string) => {
    const i = periods.indexOf(period);
    return periods.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + ((plot.right - plot.left) * i) / (periods.length - 1);
  };
  const yOf = (v: number) => plot.bottom - ((plot.bottom - plot.top) * (v - lo)) / (hi - lo);
  const line = (pick: "target" | "actual"): ChartPoint[] =>
    input.series
      .filter((p) => p[pick] !== null)
      .map((p) => ({
        x: xOf(p.period),
        y: yOf(p[pick] as number),
        value: p[pick] as number,
        period: p.period,
      }))
      .sort((a, b) => a.x - b.x);
  const yTicks: { y: number; value: number }[] = [];
  for (let v = lo; v <= hi + step / 2; v += step)
    yTicks.push({ y: yOf(v), value: Number(v.toPrecision(12)) });
  return {
    width: size.width,
    height: size.height,
    plot,
    xTicks: periods.map((p) => ({ x: xOf(p), label: p })),
    yTicks,
    target: line("target"),
    actual: line("actual"),
    baselineY: input.baseline === null ? null : yOf(input.baseline),
  };
}
