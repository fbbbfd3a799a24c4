import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SMALL_CELL_RULE,
  displayCount,
  safeCount,
  safeRate,
  smallCellRuleFor,
  suppressTable,
} from "./small-cells.ts";

describe("small-cell rule", () => {
  it("hides counts from 1 to 4 and shows 0 and 5+", () => {
    expect(safeCount(0).value).toBe(0);
    for (const n of [1, 2, 3, 4]) expect(safeCount(n)).toEqual({ value: null, suppressed: "primary" });
    expect(safeCount(5).value).toBe(5);
    expect(displayCount(safeCount(3))).toBe("<5");
  });

  it("shows a rate only with denominator ≥ 100 and numerator ≥ 3", () => {
    expect(safeRate(10, 99).suppressed).toBe("primary");
    expect(safeRate(2, 1000).suppressed).toBe("primary");
    expect(safeRate(3, 100).value).toBeCloseTo(3);
    expect(safeRate(0, 500).value).toBe(0);
  });

  it("adds a secondary suppression so the hidden cell cannot be recovered from the row total", () => {
    const t = suppressTable([[3, 10, 20]]);
    expect(t.cells[0]![0]!.suppressed).toBe("primary");
    expect(t.cells[0]![1]!.suppressed).toBe("secondary");
    expect(t.cells[0]![2]!.value).toBe(20);
    expect(t.rowTotals[0]!.value).toBe(33);
  });

  it("never leaves a line of a published table with exactly one hidden part (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((rows) =>
          fc.integer({ min: 1, max: 6 }).chain((cols) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: cols, maxLength: cols }), {
              minLength: rows,
              maxLength: rows,
            }),
          ),
        ),
        (counts) => {
          const t = suppressTable(counts, DEFAULT_SMALL_CELL_RULE);
          const h = (c: { suppressed: unknown }) => (c.suppressed ? 1 : 0);
          const lines: number[] = [];
          t.cells.forEach((row, i) => {
            lines.push(row.reduce((a, c) => a + h(c), 0) + h(t.rowTotals[i]!));
          });
          t.columnTotals.forEach((ct, j) => {
            lines.push(t.cells.reduce((a, row) => a + h(row[j]!), 0) + h(ct));
          });
          lines.push(t.rowTotals.reduce((a, c) => a + h(c), 0) + h(t.total));
          lines.push(t.columnTotals.reduce((a, c) => a + h(c), 0) + h(t.total));
          for (const n of lines) expect(n === 0 || n >= 2).toBe(true);
          // Every primary-small value is hidden.
          counts.forEach((row, i) => {
            row.forEach((v, j) => {
              if (v > 0 && v < 5) expect(t.cells[i]![j]!.value).toBeNull();
            });
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes a tenant's settings, and falls back to the default for anything missing or out of range", () => {
    expect(smallCellRuleFor(undefined)).toEqual(DEFAULT_SMALL_CELL_RULE);
    const ten = smallCellRuleFor({ minCount: 10 });
    expect(ten).toEqual({ ...DEFAULT_SMALL_CELL_RULE, minCount: 10 });
    expect(safeCount(7, ten).suppressed).toBe("primary");
    expect(displayCount(safeCount(7, ten), ten)).toBe("<10");
    expect(smallCellRuleFor({ minCount: 1, minDenominator: 2.5, suppressZero: true })).toEqual({
      ...DEFAULT_SMALL_CELL_RULE,
      suppressZero: true,
    });
  });
});
