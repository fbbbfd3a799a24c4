import ExcelJS from "exceljs";
import type { Translate } from "../../i18n/translator.ts";
import { displayCount, type SafeCount } from "../statistics/small-cells.ts";
import { unitNoteOf } from "./contracts.ts";
import type { CrossTab, Heading } from "./crosstab.ts";
import { flatten, isAnswerable } from "./engine-tree.ts";
import type { ResponseRow } from "./responses.repo.ts";
import type { Answers, FormDefinition } from "./types.ts";

/** The shown (suppressed) cross-tab as rows of text, headings in the reader's language. */
export function crossTabLines(tab: CrossTab, t: Translate, lang: string): string[][] {
  const head = (h: Heading) => (h.labelKey ? t(h.labelKey) : (h.label ?? h.key));
  const fmt = (c: SafeCount) => displayCount(c, tab.rule, (n) => n.toLocaleString(lang));
  const title = tab.byQuestion ? `${tab.question.label} × ${tab.byQuestion.label}` : tab.question.label;
  const block = (first: string, part: Pick<CrossTab, "cells" | "rowTotals" | "columnTotals" | "total">) => [
    [first, ...tab.columns.map(head), t("surveys.total")],
    ...tab.rows.map((r, i) => [head(r), ...part.cells[i]!.map(fmt), fmt(part.rowTotals[i]!)]),
    [
      tab.multiple ? t("surveys.respondents") : t("surveys.total"),
      ...part.columnTotals.map(fmt),
      fmt(part.total),
    ],
  ];
  const lines: string[][] = block(title, tab);
  // two questions crossed per instance: the distinct responses behind each count, same shape
  if (tab.responses && tab.unit === "instances")
    lines.push([], ...block(t("surveys.responses_behind"), tab.responses));
  lines.push([]);
  lines.push([`<${tab.rule.minCount}`, t("surveys.legend_primary", { min: tab.rule.minCount })]);
  lines.push(["•", t("surveys.legend_secondary")]);
  const unitNote = unitNoteOf(tab);
  if (unitNote) lines.push(["", t(unitNote.key, unitNote.params)]);
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

/** One table of the raw export: the responses, or the instances of one repeat. */
export type RawTable = { name: string; parent: string | null; lines: string[][] };

export const RAW_MAIN_TABLE = "responses";

/**
 * Raw answers as one table for the responses and one per repeat (nested repeats included), one
 * row per instance: KoboToolbox's layout, so analysts' scripts fit. `_index` numbers the rows of
 * a table from 1; an instance's `_parent_index` is its parent's `_index` in `_parent_table_name`
 * (the responses table, or the enclosing repeat's); `response_id` links every row to its
 * response and `position` is the instance's number within its parent (ODK's `position(..)`).
 * The responses table holds the questions outside repeats; each repeat's table the questions
 * directly in it (groups inside included, nested repeats in their own table).
 */
export function rawTables(
  def: FormDefinition,
  rows: ResponseRow[],
  answersOf: (r: ResponseRow) => Answers,
): RawTable[] {
  const visits = flatten(def.nodes);
  const repeats = visits.filter((v) => v.node.type === "repeat");
  const columnsOf = (repeat: string | null) =>
    visits.filter((v) => v.inRepeat === repeat && isAnswerable(v.node.type)).map((v) => v.node.name);
  const main: RawTable = {
    name: RAW_MAIN_TABLE,
    parent: null,
    lines: rawAnswerLines(rows, columnsOf(null), answersOf).map((l, k) => [
      k === 0 ? "_index" : String(k),
      ...l,
    ]),
  };
  const tables = new Map<string, RawTable & { columns: string[]; count: number }>();
  for (const v of repeats) {
    const columns = columnsOf(v.node.name);
    tables.set(v.node.name, {
      name: v.node.name,
      parent: v.inRepeat ?? RAW_MAIN_TABLE,
      columns,
      count: 0,
      lines: [["_index", "_parent_table_name", "_parent_index", "response_id", "position", ...columns]],
    });
  }
  const childrenOf = (parent: string | null) =>
    repeats.filter((v) => v.inRepeat === parent).map((v) => v.node.name);
  const walk = (answers: Answers, table: string | null, parentIndex: number, responseId: string) => {
    for (const name of childrenOf(table)) {
      const t = tables.get(name)!;
      const list = answers[name];
      if (!Array.isArray(list)) continue;
      list.forEach((instance, k) => {
        if (!instance || typeof instance !== "object" || Array.isArray(instance)) return;
        const a = instance as Answers;
        t.count += 1;
        t.lines.push([
          String(t.count),
          t.parent!,
          String(parentIndex),
          responseId,
          String(k + 1),
          ...t.columns.map((c) => answerText(a[c])),
        ]);
        walk(a, name, t.count, responseId);
      });
    }
  };
  rows.forEach((r, k) => {
    walk(answersOf(r), null, k + 1, r.id);
  });
  return [main, ...[...tables.values()].map(({ name, parent, lines }) => ({ name, parent, lines }))];
}

/** The raw tables as one workbook, a sheet per table (names cut to Excel's 31 characters, kept unique). */
export async function rawXlsx(tables: RawTable[]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const t of tables) {
    let name = t.name.slice(0, 31);
    for (let k = 2; used.has(name.toLowerCase()); k++)
      name = `${t.name.slice(0, 31 - String(k).length - 1)}_${k}`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name);
    for (const line of t.lines) ws.addRow(line);
    ws.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
