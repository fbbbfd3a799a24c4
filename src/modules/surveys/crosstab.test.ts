import { describe, expect, it } from "vitest";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import { suppressedCrossTab } from "./crosstab.ts";
import { pairPath, suppressedPairTable } from "./crosstab-pairs.ts";
import { suppressedRepeatCrossTab } from "./crosstab-repeat.ts";

const rows = [{ key: "yes" }, { key: "no" }];
const columns = [{ key: "f" }, { key: "m" }];
const same = (v: string | null) => v;

describe("cross-tab before it leaves", () => {
  it("places counts in rows and columns; values without a column go to 'unknown', answers no longer offered are left out", () => {
    const t = suppressedCrossTab({
      counts: [
        { answer: "yes", dim: "f", n: 30 },
        { answer: "no", dim: "f", n: 20 },
        { answer: "yes", dim: "m", n: 25 },
        { answer: "no", dim: "m", n: 40 },
        { answer: "yes", dim: "", n: 12 },
        { answer: "maybe", dim: "m", n: 9 },
      ],
      bases: [],
      rows,
      columns,
      toColumn: same,
      multiple: false,
      rule: DEFAULT_SMALL_CELL_RULE,
    });
    expect(t.columns.map((c) => c.key)).toEqual(["f", "m", "?"]);
    expect(t.cells.map((r) => r.map((c) => c.value))).toEqual([
      [30, 25, 12],
      [20, 40, 0],
    ]);
    expect(t.total).toEqual({ value: 127, suppressed: null });
  });

  it("a small count is hidden together with enough others that it cannot be worked out", () => {
    const t = suppressedCrossTab({
      counts: [
        { answer: "yes", dim: "f", n: 3 },
        { answer: "no", dim: "f", n: 40 },
        { answer: "yes", dim: "m", n: 30 },
        { answer: "no", dim: "m", n: 40 },
      ],
      bases: [],
      rows,
      columns,
      toColumn: same,
      multiple: false,
      rule: DEFAULT_SMALL_CELL_RULE,
    });
    expect(t.cells[0]![0]).toEqual({ value: null, suppressed: "primary" });
    const hidden = t.cells.flat().filter((c) => c.suppressed).length;
    expect(hidden).toBeGreaterThanOrEqual(2);
  });

  it("multiple choice: each column's base is its respondents; a small count in an option's row is not given away", () => {
    const t = suppressedCrossTab({
      counts: [
        { answer: "yes", dim: "f", n: 20 },
        { answer: "no", dim: "f", n: 25 },
        { answer: "yes", dim: "m", n: 2 },
        { answer: "no", dim: "m", n: 30 },
      ],
      bases: [
        { dim: "f", n: 40 },
        { dim: "m", n: 31 },
      ],
      rows,
      columns,
      toColumn: same,
      multiple: true,
      rule: DEFAULT_SMALL_CELL_RULE,
    });
    // Options are not exclusive: the bases are the respondents, not the sum of the rows.
    expect(t.columnTotals.map((c) => c.value)).toEqual([40, 31]);
    expect(t.cells[0]![1]!.suppressed).toBe("primary");
    // With the row total shown, the 2 would follow from the other cell of its row: that one is hidden too.
    expect(t.rowTotals[0]!.value).toBe(22);
    expect(t.cells[0]![0]!.value).toBeNull();
  });
});

describe("cross-tab of a question inside a repeat (decision 106)", () => {
  const choices = [{ key: "german" }, { key: "sport" }];
  it("multiple choice: a count of instances from fewer than five responses is hidden, and what would reveal it", () => {
    const t = suppressedRepeatCrossTab({
      // f: 12 members of 8 households chose German, 6 members of 2 households sport
      counts: [
        { answer: "german", dim: "f", n: 12, responses: 8 },
        { answer: "sport", dim: "f", n: 6, responses: 2 },
        { answer: "german", dim: "m", n: 10, responses: 6 },
        { answer: "sport", dim: "m", n: 9, responses: 6 },
      ],
      notSelected: [
        { answer: "german", dim: "f", n: 8, responses: 6 },
        { answer: "sport", dim: "f", n: 14, responses: 8 },
        { answer: "german", dim: "m", n: 10, responses: 7 },
        { answer: "sport", dim: "m", n: 11, responses: 7 },
      ],
      bases: [
        { answer: "", dim: "f", n: 20, responses: 9 },
        { answer: "", dim: "m", n: 20, responses: 8 },
      ],
      rows: choices,
      columns,
      toColumn: same,
      multiple: true,
      rule: DEFAULT_SMALL_CELL_RULE,
    });
    expect(t.cells[0]!.map((c) => c.value)).toEqual([12, 10]);
    expect(t.cells[1]![0]).toEqual({ value: null, suppressed: "primary" });
    // with f's 20 members shown, m's sport count would give f's away through the row total
    expect(t.cells[1]![1]!.value === null || t.rowTotals[1]!.value === null).toBe(true);
    expect(t.columnTotals.map((c) => c.value)).toEqual([20, 20]);
  });

  it("single choice: bases of few responses hide the column total", () => {
    const t = suppressedRepeatCrossTab({
      counts: [
        { answer: "yes", dim: "f", n: 9, responses: 3 },
        { answer: "no", dim: "f", n: 6, responses: 3 },
        { answer: "yes", dim: "m", n: 30, responses: 20 },
        { answer: "no", dim: "m", n: 25, responses: 18 },
      ],
      notSelected: [],
      bases: [
        { answer: "", dim: "f", n: 15, responses: 4 },
        { answer: "", dim: "m", n: 55, responses: 30 },
      ],
      rows,
      columns,
      toColumn: same,
      multiple: false,
      rule: DEFAULT_SMALL_CELL_RULE,
    });
    expect(t.cells.map((r) => r[0]!.suppressed)).toEqual(["primary", "primary"]);
    expect(t.columnTotals[0]).toEqual({ value: null, suppressed: "primary" });
    expect(t.cells.map((r) => r[1]!.value === null).some(Boolean)).toBe(true);
  });
});

describe("two questions crossed (decision 128)", () => {
  const q = (name: string, repeats: string[], type: "select_one" | "select_multiple" = "select_one") => ({
    name,
    type,
    node: { type, name },
    repeats,
    inRepeat: repeats.at(-1) ?? null,
  });
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return null;
    } catch (e) {
      return (e as { fields?: { code: string }[] }).fields?.[0]?.code ?? "thrown";
    }
  };

  it("walks the deeper question's repeats when one encloses the other, and refuses sibling repeats and multiple choice", () => {
    expect(pairPath(q("sex", ["members"]), q("relation", ["members"]))).toEqual(["members"]);
    expect(pairPath(q("district", []), q("course", ["members", "courses"]))).toEqual(["members", "courses"]);
    expect(pairPath(q("a", []), q("b", []))).toEqual([]);
    expect(codeOf(() => pairPath(q("sex", ["members"]), q("crop", ["plots"])))).toBe(
      "survey_crosstab_repeats_apart",
    );
    expect(codeOf(() => pairPath(q("sex", ["members"]), q("langs", ["members"], "select_multiple")))).toBe(
      "survey_crosstab_multiple",
    );
    expect(codeOf(() => pairPath(q("sex", []), q("sex", [])))).toBe("invalid_choice");
  });

  it("hides a count of many instances from one response, and its responses with it", () => {
    const t = suppressedPairTable(
      [
        { row: "yes", column: "f", n: 30, responses: 12 },
        { row: "yes", column: "m", n: 8, responses: 1 },
        { row: "no", column: "f", n: 20, responses: 9 },
        { row: "no", column: "m", n: 40, responses: 15 },
        { row: "yes", column: null, n: 38, responses: 12 },
        { row: "no", column: null, n: 60, responses: 18 },
        { row: null, column: "f", n: 50, responses: 16 },
        { row: null, column: "m", n: 48, responses: 15 },
        { row: null, column: null, n: 98, responses: 20 },
      ],
      rows,
      columns,
      DEFAULT_SMALL_CELL_RULE,
    );
    expect(t.cells[0]![1]).toEqual({ value: null, suppressed: "primary" });
    expect(t.responses.cells[0]![1]).toEqual({ value: null, suppressed: "primary" });
    // the margins' responses are the database's distinct counts, not sums of the cells
    expect(t.responses.total).toEqual({ value: 20, suppressed: null });
    // secondary suppression: the hidden 8 cannot be worked out from what is shown
    const hidden = t.cells.flat().filter((c) => c.suppressed === "secondary").length;
    expect(hidden + [...t.rowTotals, ...t.columnTotals].filter((c) => c.suppressed).length).toBeGreaterThan(
      0,
    );
    expect(t.responses.cells.map((r) => r.map((c) => c.suppressed))).toEqual(
      t.cells.map((r) => r.map((c) => c.suppressed)),
    );
  });
});
