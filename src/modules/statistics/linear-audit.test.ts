import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LinearQuantity, recoverable, suppressLinear } from "./linear-audit.ts";
import { DEFAULT_SMALL_CELL_RULE, suppressTable } from "./small-cells.ts";

/**
 * An independent check with exact rational arithmetic (BigInt fractions): a hidden figure is
 * recoverable iff appending its vector to the visible ones does not raise the rank.
 */
function exactRank(rows: bigint[][]): number {
  const m = rows.map((r) => r.map((x) => ({ n: x, d: 1n })));
  const gcd = (a: bigint, b: bigint): bigint => {
    let x = a < 0n ? -a : a;
    let y = b < 0n ? -b : b;
    while (y) [x, y] = [y, x % y];
    return x || 1n;
  };
  const norm = (f: { n: bigint; d: bigint }) => {
    const g = gcd(f.n, f.d);
    const s = f.d < 0n ? -1n : 1n;
    return { n: (s * f.n) / g, d: (s * f.d) / g };
  };
  let rank = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rank < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rank && r[c]!.n !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const piv = m[rank]![c]!;
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i]![c]!.n === 0n) continue;
      const f = norm({ n: m[i]![c]!.n * piv.d, d: m[i]![c]!.d * piv.n });
      m[i] = m[i]!.map((x, j) => {
        const y = m[rank]![j]!;
        return norm({ n: x.n * f.d * y.d - f.n * y.n * x.d, d: x.d * f.d * y.d });
      });
    }
    rank++;
  }
  return rank;
}

function exactlyRecoverable(quantities: LinearQuantity[], hidden: boolean[]): number[] {
  const size = Math.max(0, ...quantities.flatMap((q) => [...q.atoms, ...(q.minus ?? [])].map((a) => a + 1)));
  const vec = (q: LinearQuantity) => {
    const v = Array.from({ length: size }, () => 0n);
    for (const a of q.atoms) v[a]! += 1n;
    for (const a of q.minus ?? []) v[a]! -= 1n;
    return v;
  };
  const visible = quantities.filter((_, i) => !hidden[i]).map(vec);
  const base = visible.length ? exactRank(visible) : 0;
  const out: number[] = [];
  quantities.forEach((q, i) => {
    if (!hidden[i]) return;
    const v = vec(q);
    if (v.every((x) => x === 0n)) return;
    if (exactRank([...visible, v]) === base) out.push(i);
  });
  return out;
}

/** A table with margins as linear figures: cells, row totals, column totals, grand total. */
function tableQuantities(t: SafeTableLike): { quantities: LinearQuantity[]; hidden: boolean[] } {
  const rows = t.counts.length;
  const cols = t.counts[0]!.length;
  const q: LinearQuantity[] = [];
  const hidden: boolean[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      q.push({ atoms: [i * cols + j], value: t.counts[i]![j]! });
      hidden.push(t.safe.cells[i]![j]!.value === null);
    }
  for (let i = 0; i < rows; i++) {
    q.push({ atoms: Array.from({ length: cols }, (_, j) => i * cols + j), value: 0 });
    hidden.push(t.safe.rowTotals[i]!.value === null);
  }
  for (let j = 0; j < cols; j++) {
    q.push({ atoms: Array.from({ length: rows }, (_, i) => i * cols + j), value: 0 });
    hidden.push(t.safe.columnTotals[j]!.value === null);
  }
  q.push({ atoms: Array.from({ length: rows * cols }, (_, k) => k), value: 0 });
  hidden.push(t.safe.total.value === null);
  return { quantities: q, hidden };
}
type SafeTableLike = { counts: number[][]; safe: ReturnType<typeof suppressTable> };

describe("linear audit", () => {
  it("finds a cell recoverable by subtraction across lines (the bridge case)", () => {
    // Two hidden 2×2 blocks joined by one hidden cell (1,2): every row and column hides two or
    // more cells, yet x12 = row1 − (col0 + col1 − row0).
    const counts = [
      [2, 3, 50, 60],
      [4, 1, 2, 70],
      [80, 90, 3, 4],
      [55, 65, 1, 2],
    ];
    const small = new Set(["0,0", "0,1", "1,0", "1,1", "1,2", "2,2", "2,3", "3,2", "3,3"]);
    const cols = 4;
    const q: LinearQuantity[] = [];
    const hidden: boolean[] = [];
    counts.forEach((r, i) => {
      r.forEach((v, j) => {
        q.push({ atoms: [i * cols + j], value: v });
        hidden.push(small.has(`${i},${j}`));
      });
    });
    counts.forEach((r, i) => {
      q.push({ atoms: r.map((_, j) => i * cols + j), value: r.reduce((a, b) => a + b, 0) });
      hidden.push(false);
    });
    for (let j = 0; j < cols; j++) {
      q.push({ atoms: counts.map((_, i) => i * cols + j), value: counts.reduce((a, r) => a + r[j]!, 0) });
      hidden.push(false);
    }
    const leaks = recoverable(q, hidden);
    expect(leaks.map((l) => l.index)).toEqual([1 * cols + 2]);
    expect(exactlyRecoverable(q, hidden)).toEqual([1 * cols + 2]);
    const fixed = suppressLinear(q, hidden);
    expect(exactlyRecoverable(q, fixed)).toEqual([]);
    // The primary cells stay hidden.
    hidden.forEach((h, i) => {
      if (h) expect(fixed[i]).toBe(true);
    });

    // And the table function, which first applies the line rule, leaks nothing either.
    const safe = suppressTable(counts, DEFAULT_SMALL_CELL_RULE);
    const t = tableQuantities({ counts, safe });
    expect(exactlyRecoverable(t.quantities, t.hidden)).toEqual([]);
    expect(safe.cells[1]![2]!.value).toBeNull();
  });

  it("sees differences (a change to the previous year) as combinations too", () => {
    // Published: this year 10 (hidden), last year 7 (visible), change +3 (visible) → recoverable.
    const q: LinearQuantity[] = [
      { atoms: [0], value: 10 },
      { atoms: [1], value: 7 },
      { atoms: [0], minus: [1], value: 3 },
    ];
    expect(recoverable(q, [true, false, false]).map((l) => l.index)).toEqual([0]);
    expect(exactlyRecoverable(q, suppressLinear(q, [true, false, false]))).toEqual([]);
  });

  it("no hidden cell of a suppressed table can be recovered by any linear combination (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: 1, max: 5 }).chain((cols) =>
            fc.array(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 400 })), {
                minLength: cols,
                maxLength: cols,
              }),
              { minLength: rows, maxLength: rows },
            ),
          ),
        ),
        (counts) => {
          const safe = suppressTable(counts, DEFAULT_SMALL_CELL_RULE);
          const t = tableQuantities({ counts, safe });
          expect(exactlyRecoverable(t.quantities, t.hidden)).toEqual([]);
          // Every primary small cell is hidden.
          counts.forEach((r, i) => {
            r.forEach((v, j) => {
              if (v > 0 && v < 5) expect(safe.cells[i]![j]!.value).toBeNull();
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("no hidden figure of a general system stays recoverable after suppressLinear (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((atoms) =>
          fc.array(
            fc.record({
              atoms: fc.uniqueArray(fc.integer({ min: 0, max: atoms - 1 }), {
                minLength: 1,
                maxLength: atoms,
              }),
              value: fc.integer({ min: 0, max: 100 }),
              hidden: fc.boolean(),
            }),
            { minLength: 1, maxLength: 10 },
          ),
        ),
        (items) => {
          const q = items.map((x) => ({ atoms: x.atoms, value: x.value }));
          const result = suppressLinear(
            q,
            items.map((x) => x.hidden),
          );
          expect(exactlyRecoverable(q, result)).toEqual([]);
          items.forEach((x, i) => {
            if (x.hidden) expect(result[i]).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
