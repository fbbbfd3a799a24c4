import { describe, expect, it } from "vitest";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import { suppressedCrossTab } from "./crosstab.ts";

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
