import type { MonitoringCell, PeriodResults, SeriesResults } from "./types.ts";

const EMPTY: MonitoringCell = { value: null, suppressed: null, missing: "no_data", synthetic: false };

/**
 * The time series of the given indicators from one computation per period (the newest period's
 * areas); an indicator missing from the newest release is left out of the map.
 */
export function seriesByIndicator(
  periods: string[],
  all: PeriodResults[],
  codes: readonly string[],
): Map<string, SeriesResults> {
  const out = new Map<string, SeriesResults>();
  const last = all.at(-1);
  if (!last) return out;
  for (const code of new Set(codes)) {
    const indicator = last.indicators.find((i) => i.indicator.code === code)?.indicator;
    if (!indicator) continue;
    const of = (r: PeriodResults) => r.indicators.find((i) => i.indicator.code === code);
    const byArea: Record<string, MonitoringCell[]> = {};
    for (const a of last.areas) byArea[a.id] = all.map((r) => of(r)?.byArea[a.id] ?? EMPTY);
    out.set(code, {
      indicator,
      periods,
      dataVersion: Math.max(...all.map((r) => r.dataVersion)),
      areas: last.areas,
      byArea,
      city: all.map((r) => of(r)?.city ?? EMPTY),
      rule: last.rule,
    });
  }
  return out;
}
