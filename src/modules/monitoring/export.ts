import type { Translate } from "../../i18n/translator.ts";
import { csvDocument } from "../../server/csv.ts";
import { ageLimitsLine, cellText, indicatorName, unitText } from "./report.ts";
import type { PeriodResults } from "./types.ts";

/**
 * The districts × indicators table of one period as CSV (UTF-8 with BOM, ";" as Excel in
 * Germany expects): exactly the cells the views show — suppressed ones as their symbols, never
 * a value — with unit, age limits, source, the data version and the legend.
 */
export function resultsCsv(results: PeriodResults, t: Translate, lang: string): string {
  const lines: string[][] = [];
  lines.push([
    t("monitoring.col_indicator"),
    t("monitoring_data.field_unit"),
    ...results.areas.map((a) => a.name),
    t("monitoring.city"),
    t("monitoring_data.col_source"),
  ]);
  for (const r of results.indicators) {
    const notes = [r.indicator.source ?? "", ageLimitsLine(r.indicator, t) ?? ""].filter(Boolean).join(" · ");
    lines.push([
      indicatorName(r.indicator, t),
      unitText(r.indicator, t),
      ...results.areas.map((a) => {
        const c = r.byArea[a.id];
        return c ? cellText(c, r.indicator, lang, results.rule) : "–";
      }),
      cellText(r.city, r.indicator, lang, results.rule),
      notes,
    ]);
  }
  lines.push([]);
  lines.push([
    t("monitoring.data_version", { version: results.dataVersion, date: results.releasedAt.slice(0, 10) }),
  ]);
  lines.push([
    `<${results.rule.minCount}`,
    t("monitoring_report.legend_primary", {
      min: results.rule.minCount,
      denominator: results.rule.minDenominator,
      numerator: results.rule.minNumerator,
    }),
  ]);
  lines.push(["•", t("monitoring_report.legend_secondary")]);
  lines.push(["–", t("monitoring_report.legend_no_data")]);
  lines.push(["÷0", t("monitoring_report.legend_zero_denominator")]);
  lines.push(["*", t("monitoring_report.legend_synthetic")]);
  return csvDocument(lines);
}
