import { type SafeCount, type SmallCellRule, suppressTable } from "../statistics/small-cells.ts";
import type { InstanceCount } from "./analysis-repo.ts";
import type { CrossTab, Heading } from "./crosstab.ts";

type Counted = {
  counts: InstanceCount[];
  notSelected: InstanceCount[];
  bases: InstanceCount[];
  rows: Heading[];
  columns: Heading[];
  toColumn: (v: string | null) => string | null;
  multiple: boolean;
  rule: SmallCellRule;
};

/**
 * A question inside a repeat (decision 106): the table counts instances (household members,
 * courses), but the small-cell rule protects respondents. A part is hidden as primary when its
 * count is small or when it stands for fewer than minCount responses (five members of one
 * household are one household). Every response has one dimension value, so responses add up
 * across columns; across answers they do not (a household has members with different answers),
 * which is why column totals take the responses the database counted per column.
 */
export function suppressedRepeatCrossTab(
  c: Counted,
): Pick<CrossTab, "columns" | "cells" | "columnTotals" | "rowTotals" | "total"> {
  let columns = c.columns;
  const colIndex = new Map(columns.map((h, j) => [h.key, j]));
  const unknownCol = columns.length;
  const column = (dim: string) => colIndex.get(c.toColumn(dim || null) ?? "") ?? unknownCol;
  const rowIndex = new Map(c.rows.map((r, i) => [r.key, i]));
  const seen = [...c.counts, ...c.notSelected, ...c.bases];
  if (seen.some((x) => column(x.dim) === unknownCol))
    columns = [...columns, { key: "?", labelKey: "surveys.dimension_unknown" }];
  const width = columns.length;
  const place = (list: InstanceCount[]) => {
    const n = c.rows.map(() => new Array<number>(width).fill(0));
    const resp = c.rows.map(() => new Array<number>(width).fill(0));
    for (const x of list) {
      const i = rowIndex.get(x.answer);
      if (i === undefined) continue; // an answer no longer among the choices (older version)
      const j = column(x.dim);
      n[i]![j]! += x.n;
      resp[i]![j]! += x.responses;
    }
    return { n, resp };
  };
  const baseN = new Array<number>(width).fill(0);
  const baseResp = new Array<number>(width).fill(0);
  for (const b of c.bases) {
    const j = column(b.dim);
    baseN[j]! += b.n;
    baseResp[j]! += b.responses;
  }
  const few = (v: number) => v > 0 && v < c.rule.minCount;
  const baseFew = baseResp.map(few);
  const totalFew = few(baseResp.reduce((a, b) => a + b, 0));
  const sumRow = (r: number[]) => r.reduce((a, b) => a + b, 0);

  const placed = place(c.counts);
  if (!c.multiple) {
    const table = placed.n.length ? placed.n : [new Array<number>(width).fill(0)];
    const safe = suppressTable(table, c.rule, {
      cells: placed.resp.map((r) => r.map(few)),
      // each response has one column, so a row's responses are the sum over its columns
      rowTotals: placed.resp.map((r) => few(sumRow(r))),
      columnTotals: baseFew,
      total: totalFew,
    });
    return { columns, ...safe };
  }
  // Multiple choice: each choice is a "selected / not selected" table over the same instances.
  const not = place(c.notSelected);
  const hiddenBase = suppressTable([baseN], c.rule, { cells: [baseFew], total: totalFew });
  const hiddenCol = hiddenBase.cells[0]!.map((x) => x.suppressed !== null);
  let hiddenTotal = hiddenBase.total.suppressed !== null;
  const cells: SafeCount[][] = [];
  const rowTotals: SafeCount[] = [];
  placed.n.forEach((sel, i) => {
    const safe = suppressTable([sel, not.n[i]!], c.rule, {
      cells: [placed.resp[i]!.map(few), not.resp[i]!.map(few)],
      rowTotals: [few(sumRow(placed.resp[i]!)), few(sumRow(not.resp[i]!))],
      columnTotals: baseFew,
      total: totalFew,
    });
    cells.push(safe.cells[0]!);
    rowTotals.push(safe.rowTotals[0]!);
    safe.columnTotals.forEach((x, j) => {
      if (x.suppressed) hiddenCol[j] = true;
    });
    if (safe.total.suppressed) hiddenTotal = true;
  });
  return {
    columns,
    cells,
    rowTotals,
    columnTotals: baseN.map(
      (v, j): SafeCount =>
        hiddenCol[j]
          ? { value: null, suppressed: hiddenBase.cells[0]![j]!.suppressed ?? "secondary" }
          : { value: v, suppressed: null },
    ),
    total: hiddenTotal
      ? { value: null, suppressed: hiddenBase.total.suppressed ?? "secondary" }
      : { value: sumRow(baseN), suppressed: null },
  };
}
