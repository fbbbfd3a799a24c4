import type { Translate } from "../../i18n/translator.ts";
import {
  displayCount,
  type SmallCellRule,
  type Suppression,
  suppressTable,
} from "../statistics/small-cells.ts";
import type { OverviewTableId } from "./overview.contracts.ts";
import type { CountRow } from "./overview.repo.ts";

/** The overview tables: raw counts in, suppressed cells out (and the CSV of one table). */

export type OverviewCell = { value: number | null; suppressed: Suppression; display: string };
/** A row or column: data names (offices, staff, areas, phases) as `name`, catalog keys as `labelKey`. */
export type OverviewLine = { key: string; name?: string; labelKey?: string };
export type OverviewTable = {
  id: OverviewTableId;
  titleKey: string;
  rowHeaderKey: string;
  /** A list with one count column: no row totals are shown. */
  oneWay: boolean;
  rows: OverviewLine[];
  columns: OverviewLine[];
  cells: OverviewCell[][];
  rowTotals: OverviewCell[];
  columnTotals: OverviewCell[];
  total: OverviewCell;
};
export type Overview = {
  /** "tenant": all of the tenant's cases; "offices": the offices the viewer's grants cover. */
  scope: "tenant" | "offices";
  officeCount: number;
  minCount: number;
  year: number | null;
  today: string;
  tables: OverviewTable[];
};

/** The row or column of counts without an office or area. */
export const NONE = "none";

/** Builds a table from raw counts and suppresses it; the raw counts stay in here. */
export function buildTable(
  id: OverviewTableId,
  opts: { titleKey: string; rowHeaderKey: string; oneWay?: boolean },
  rows: OverviewLine[],
  columns: OverviewLine[],
  data: CountRow[],
  rule: SmallCellRule,
): OverviewTable {
  const ri = new Map(rows.map((r, i) => [r.key, i]));
  const ci = new Map(columns.map((c, i) => [c.key, i]));
  const counts = rows.map(() => columns.map(() => 0));
  for (const d of data) {
    const i = ri.get(d.row ?? NONE);
    const j = opts.oneWay ? 0 : ci.get(d.col ?? NONE);
    if (i === undefined || j === undefined) continue;
    counts[i]![j]! += Number(d.n);
  }
  const cell = (c: { value: number | null; suppressed: Suppression }): OverviewCell => ({
    ...c,
    display: displayCount(c, rule),
  });
  if (rows.length === 0) {
    return {
      id,
      ...opts,
      oneWay: !!opts.oneWay,
      rows,
      columns,
      cells: [],
      rowTotals: [],
      columnTotals: columns.map(() => cell({ value: 0, suppressed: null })),
      total: cell({ value: 0, suppressed: null }),
    };
  }
  const safe = suppressTable(counts, rule);
  return {
    id,
    titleKey: opts.titleKey,
    rowHeaderKey: opts.rowHeaderKey,
    oneWay: !!opts.oneWay,
    rows,
    columns,
    cells: safe.cells.map((r) => r.map(cell)),
    rowTotals: safe.rowTotals.map(cell),
    columnTotals: safe.columnTotals.map(cell),
    total: cell(safe.total),
  };
}

/** The table as CSV (RFC 4180, `;` is not used: commas and quotes), labels in the reader's language. */
export function overviewCsv(table: OverviewTable, t: Translate): string {
  const label = (l: OverviewLine) => l.name ?? (l.labelKey ? t(l.labelKey) : l.key);
  const q = (s: string) => {
    // Spreadsheet formula injection: a leading =, +, - or @ is neutralised.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines: string[][] = [];
  const total = t("case_overview.total");
  lines.push([t(table.rowHeaderKey), ...table.columns.map(label), ...(table.oneWay ? [] : [total])]);
  table.rows.forEach((r, i) => {
    lines.push([
      label(r),
      ...table.cells[i]!.map((c) => c.display),
      ...(table.oneWay ? [] : [table.rowTotals[i]!.display]),
    ]);
  });
  lines.push([
    total,
    ...table.columnTotals.map((c) => c.display),
    ...(table.oneWay ? [] : [table.total.display]),
  ]);
  return `${lines.map((l) => l.map(q).join(",")).join("\r\n")}\r\n`;
}
