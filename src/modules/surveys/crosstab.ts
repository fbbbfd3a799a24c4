import {
  type SafeCount,
  type SafeTable,
  type SmallCellRule,
  suppressTable,
} from "../statistics/small-cells.ts";
import type { AnswerCount } from "./analysis-repo.ts";
import type { Heading } from "./contracts.ts";
import { labelFor } from "./engine.ts";
import type { Dimension } from "./model.ts";
import type { FormDefinition, QuestionType } from "./types.ts";

/** Question types that can be counted (categorical answers). */
export const ANALYSABLE_TYPES: readonly QuestionType[] = ["select_one", "select_multiple", "yes_no"];

export type { Heading };

export type CrossTab = {
  formId: string;
  question: { name: string; type: QuestionType; label: string };
  /**
   * The repeat holding the question (decision 106): then every count is of its instances (one
   * per household member, say), not of responses. Null for a question outside repeats.
   */
  repeat: { name: string; label: string } | null;
  dimension: Dimension;
  /**
   * Columns from a second question instead of a dimension (decision 128): then `repeat` is the
   * repeat whose instances are counted, the deeper of the two questions'.
   */
  byQuestion: { name: string; label: string; repeat: { name: string; label: string } | null } | null;
  /** What a count counts: responses, or instances of `repeat`. */
  unit: "responses" | "instances";
  /** Beside each shown count, the distinct responses behind it; only for two questions crossed. */
  responses: SafeTable | null;
  multiple: boolean;
  rows: Heading[];
  columns: Heading[];
  cells: SafeCount[][];
  /** Single choice: answers per column; multiple choice: respondents per column (the base). */
  columnTotals: SafeCount[];
  rowTotals: SafeCount[];
  total: SafeCount;
  rule: SmallCellRule;
};

/** The rows of a cross-tab: the question's answers in the form's order. */
export function answerHeadings(
  def: FormDefinition,
  q: { type: QuestionType; listName?: string | undefined },
  lang: string,
): Heading[] {
  if (q.type === "yes_no")
    return [
      { key: "yes", labelKey: "surveys.yes" },
      { key: "no", labelKey: "surveys.no" },
    ];
  return (def.choices[q.listName ?? ""] ?? []).map((c) => ({
    key: c.name,
    label: labelFor(c.label, lang, def),
  }));
}

type Counted = {
  /** Answer × dimension counts from the database; bases (respondents per column) for multiple choice. */
  counts: AnswerCount[];
  bases: { dim: string; n: number }[];
  rows: Heading[];
  columns: Heading[];
  /** A stored dimension value → its column key (areas fold into their district). */
  toColumn: (v: string | null) => string | null;
  multiple: boolean;
  rule: SmallCellRule;
};

/**
 * The table as it may leave: raw counts placed in rows and columns (values without a column go
 * to "unknown"), then the small-cell rule with secondary suppression.
 */
export function suppressedCrossTab(
  c: Counted,
): Pick<CrossTab, "columns" | "cells" | "columnTotals" | "rowTotals" | "total"> {
  let columns = c.columns;
  const colIndex = new Map(columns.map((h, j) => [h.key, j]));
  const unknownCol = columns.length;
  const rowIndex = new Map(c.rows.map((r, i) => [r.key, i]));
  const matrix = c.rows.map(() => new Array<number>(columns.length + 1).fill(0));
  const column = (dim: string) => colIndex.get(c.toColumn(dim || null) ?? "") ?? unknownCol;
  let anyUnknown = false;
  for (const n of c.counts) {
    const i = rowIndex.get(n.answer);
    if (i === undefined) continue; // an answer no longer among the choices (older version)
    const j = column(n.dim);
    if (j === unknownCol) anyUnknown = true;
    matrix[i]![j]! += n.n;
  }
  if (anyUnknown) columns = [...columns, { key: "?", labelKey: "surveys.dimension_unknown" }];
  const width = columns.length;
  const table = matrix.map((r) => r.slice(0, width));
  if (!c.multiple) {
    const safe = suppressTable(table.length ? table : [new Array(width).fill(0)], c.rule);
    return { columns, ...safe };
  }
  const base = new Array<number>(width).fill(0);
  for (const b of c.bases) {
    const j = column(b.dim);
    if (j < width) base[j]! += b.n;
  }
  return { columns, ...multipleChoice(table, base, c.rule) };
}

/**
 * Multiple choice: each option is its own "selected / not selected" table over the same
 * respondents, so totals stay additive; a base hidden in any option's table is hidden.
 */
function multipleChoice(table: number[][], base: number[], rule: SmallCellRule) {
  const baseSafe = suppressTable([base], rule);
  const hiddenBase = baseSafe.cells[0]!.map((c) => c.suppressed !== null);
  let hiddenTotal = baseSafe.total.suppressed !== null;
  const cells: SafeCount[][] = [];
  const rowTotals: SafeCount[] = [];
  for (const r of table) {
    const safe = suppressTable([r, r.map((v, j) => Math.max(0, base[j]! - v))], rule);
    cells.push(safe.cells[0]!);
    rowTotals.push(safe.rowTotals[0]!);
    safe.columnTotals.forEach((c, j) => {
      if (c.suppressed) hiddenBase[j] = true;
    });
    if (safe.total.suppressed) hiddenTotal = true;
  }
  const baseTotal = base.reduce((a, b) => a + b, 0);
  return {
    cells,
    rowTotals,
    columnTotals: base.map(
      (v, j): SafeCount =>
        hiddenBase[j]
          ? { value: null, suppressed: baseSafe.cells[0]![j]!.suppressed ?? "secondary" }
          : { value: v, suppressed: null },
    ),
    total: (hiddenTotal
      ? { value: null, suppressed: baseSafe.total.suppressed ?? "secondary" }
      : { value: baseTotal, suppressed: null }) as SafeCount,
  };
}
