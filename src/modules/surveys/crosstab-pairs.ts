import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import {
  type SafeCount,
  type SafeTable,
  type SmallCellRule,
  suppressTable,
} from "../statistics/small-cells.ts";
import { analysisRepo, type PairCount } from "./analysis-repo.ts";
import { answerHeadings, type CrossTab, type Heading } from "./crosstab.ts";
import { labelFor, type QuestionInfo } from "./engine.ts";
import { flatten } from "./engine-tree.ts";
import type { FormDefinition } from "./types.ts";

/** Single answers only: a multiple choice has no one answer per instance to cross with. */
const SINGLE_TYPES = new Set(["select_one", "yes_no"]);

type Question = Pick<QuestionInfo, "name" | "type" | "node" | "repeats" | "inRepeat">;

/**
 * Where two questions meet (decision 128): the deeper one's repeats are walked, the other is read
 * at its own depth. That needs one's repeats to enclose the other's (the same repeat, a repeat
 * and its nested one, or no repeat at all); two sibling repeats have no instance in common.
 */
export function pairPath(row: Question, column: Question): string[] {
  if (row.name === column.name) throw AppError.validation([{ field: "byQuestion", code: "invalid_choice" }]);
  for (const [field, q] of [
    ["question", row],
    ["byQuestion", column],
  ] as const)
    if (!SINGLE_TYPES.has(q.type))
      throw AppError.validation([{ field, code: "survey_crosstab_multiple", params: { question: q.name } }]);
  const [short, long] =
    row.repeats.length <= column.repeats.length
      ? [row.repeats, column.repeats]
      : [column.repeats, row.repeats];
  if (short.some((r, k) => long[k] !== r))
    throw AppError.validation([{ field: "byQuestion", code: "survey_crosstab_repeats_apart" }]);
  return [...long];
}

/**
 * The question × question table as it may leave. Cells count instances of the deeper question's
 * repeat (responses when neither is in a repeat); a part is hidden as primary when its count is
 * small or when fewer than minCount responses stand behind it, and secondary suppression protects
 * those. Instances of one response fall into several cells, so the margins' responses are the
 * database's distinct counts, not sums. The distinct responses are shown beside a count only
 * where the count itself is shown.
 */
export function suppressedPairTable(
  counts: PairCount[],
  rows: Heading[],
  columns: Heading[],
  rule: SmallCellRule,
): Pick<CrossTab, "cells" | "rowTotals" | "columnTotals" | "total"> & { responses: SafeTable } {
  const rowIndex = new Map(rows.map((h, i) => [h.key, i]));
  const colIndex = new Map(columns.map((h, j) => [h.key, j]));
  const grid = () => rows.map(() => new Array<number>(columns.length).fill(0));
  const n = grid();
  const resp = grid();
  const rowResp = new Array<number>(rows.length).fill(0);
  const colResp = new Array<number>(columns.length).fill(0);
  let totalResp = 0;
  for (const c of counts) {
    const i = c.row === null ? undefined : rowIndex.get(c.row);
    const j = c.column === null ? undefined : colIndex.get(c.column);
    if (i !== undefined && j !== undefined) {
      n[i]![j] = c.n;
      resp[i]![j] = c.responses;
    } else if (i !== undefined && c.column === null) rowResp[i] = c.responses;
    else if (j !== undefined && c.row === null) colResp[j] = c.responses;
    else if (c.row === null && c.column === null) totalResp = c.responses;
  }
  const few = (v: number) => v > 0 && v < rule.minCount;
  const table = n.length ? n : [new Array<number>(columns.length).fill(0)];
  const safe = suppressTable(table, rule, {
    cells: resp.map((r) => r.map(few)),
    rowTotals: rowResp.map(few),
    columnTotals: colResp.map(few),
    total: few(totalResp),
  });
  const beside = (shown: SafeCount, v: number): SafeCount =>
    shown.suppressed ? { value: null, suppressed: shown.suppressed } : { value: v, suppressed: null };
  return {
    ...safe,
    responses: {
      cells: safe.cells.map((r, i) => r.map((c, j) => beside(c, resp[i]?.[j] ?? 0))),
      rowTotals: safe.rowTotals.map((c, i) => beside(c, rowResp[i] ?? 0)),
      columnTotals: safe.columnTotals.map((c, j) => beside(c, colResp[j]!)),
      total: beside(safe.total, totalResp),
    },
  };
}

/** A question × question cross-tab of a form's current version (decision 128). */
export async function pairCrossTab(
  db: DbOrTx,
  tenantId: string,
  a: {
    formId: string;
    def: FormDefinition;
    row: Question;
    column: Question;
    waveIds: string[] | null;
    rule: SmallCellRule;
    lang: string;
  },
): Promise<Omit<CrossTab, "formId" | "question" | "dimension" | "rule">> {
  const path = pairPath(a.row, a.column);
  const rows = answerHeadings(a.def, { type: a.row.type, listName: a.row.node.listName }, a.lang);
  const columns = answerHeadings(a.def, { type: a.column.type, listName: a.column.node.listName }, a.lang);
  const counts = await analysisRepo.pairCounts(db, tenantId, {
    formId: a.formId,
    path,
    row: { name: a.row.name, depth: a.row.repeats.length, keys: rows.map((h) => h.key) },
    column: { name: a.column.name, depth: a.column.repeats.length, keys: columns.map((h) => h.key) },
    waveIds: a.waveIds,
  });
  const repeatOf = (name: string | null) => {
    if (!name) return null;
    const node = findNode(a.def, name);
    return { name, label: labelFor(node?.label, a.lang, a.def) || name };
  };
  return {
    byQuestion: {
      name: a.column.name,
      label: labelFor(a.column.node.label, a.lang, a.def) || a.column.name,
      repeat: repeatOf(a.column.inRepeat),
    },
    unit: path.length > 0 ? "instances" : "responses",
    repeat: repeatOf(path.at(-1) ?? null),
    multiple: false,
    rows,
    columns,
    ...suppressedPairTable(counts, rows, columns, a.rule),
  };
}

const findNode = (def: FormDefinition, name: string) =>
  flatten(def.nodes).find((v) => v.node.type === "repeat" && v.node.name === name)?.node;
