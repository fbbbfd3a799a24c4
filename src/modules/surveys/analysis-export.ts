import ExcelJS from "exceljs";
import type { Translate } from "../../i18n/translator.ts";
import { displayCount, type SafeCount } from "../statistics/small-cells.ts";
import type { CrossTab, Heading } from "./crosstab.ts";
import type { ResponseRow } from "./responses.repo.ts";
import type { Answers } from "./types.ts";

/** The shown (suppressed) cross-tab as rows of text, headings in the reader's language. */
export function crossTabLines(tab: CrossTab, t: Translate, lang: string): string[][] {
  const head = (h: Heading) => (h.labelKey ? t(h.labelKey) : (h.label ?? h.key));
  const fmt = (c: SafeCount) => displayCount(c, tab.rule, (n) => n.toLocaleString(lang));
  const lines: string[][] = [];
  lines.push([tab.question.label, ...tab.columns.map(head), t("surveys.total")]);
  tab.rows.forEach((r, i) => {
    lines.push([head(r), ...tab.cells[i]!.map(fmt), fmt(tab.rowTotals[i]!)]);
  });
  lines.push([
    tab.multiple ? t("surveys.respondents") : t("surveys.total"),
    ...tab.columnTotals.map(fmt),
    fmt(tab.total),
  ]);
  lines.push([]);
  lines.push([`<${tab.rule.minCount}`, t("surveys.legend_primary", { min: tab.rule.minCount })]);
  lines.push(["•", t("surveys.legend_secondary")]);
  return lines;
}

export async function crossTabXlsx(
  tab: CrossTab,
  t: Translate,
  lang: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("surveys.sheet_results").slice(0, 31));
  for (const line of crossTabLines(tab, t, lang)) ws.addRow(line);
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const RAW_HEADER = [
  "response_id",
  "form_version",
  "channel",
  "submitted_at",
  "sex",
  "age_band",
  "area_id",
  "accommodation",
  "phase",
];

/**
 * Raw answers as lines of text (no names): the response id, version, channel, date and the
 * analysis dimensions, then one column per question outside repeats and one per top-level repeat
 * (its instances as JSON, nested repeats inside, as the API shows them).
 */
export function rawAnswerLines(
  rows: ResponseRow[],
  questionNames: string[],
  answersOf: (r: ResponseRow) => Answers,
): string[][] {
  const lines = [[...RAW_HEADER, ...questionNames]];
  for (const r of rows) {
    const a = answersOf(r);
    lines.push([
      r.id,
      String(r.formVersion),
      r.channel,
      r.submittedAt.toISOString(),
      r.sex ?? "",
      r.ageBand ?? "",
      r.areaId ?? "",
      r.accommodationKind ?? "",
      r.phaseKey ?? "",
      ...questionNames.map((n) => answerText(a[n])),
    ]);
  }
  return lines;
}

function answerText(v: Answers[string] | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (v.length === 0) return "";
  if (typeof v[0] === "string") return (v as string[]).join(" ");
  return JSON.stringify(v);
}
