import { type LinearQuantity, suppressLinear } from "./linear-audit.ts";

/**
 * The one small-cell rule for every aggregate that leaves the database (UI, API, exports,
 * reports). Case work, surveys and monitoring all call this module; nothing else decides
 * what is shown.
 *
 * Primary suppression: a count 1 … minCount-1 is hidden ("<5"). A rate is shown only when its
 * denominator ≥ minDenominator and its numerator ≥ minNumerator (the rule Destatis applies to
 * SGB-II rates).
 * Secondary suppression: in a table whose row and column totals are published, a row or column
 * must never hide exactly one cell, or subtraction from the total would reveal it. We hide the
 * smallest further cell (complementary suppression) until no line has exactly one hidden cell.
 */
export type SmallCellRule = {
  minCount: number;
  minDenominator: number;
  minNumerator: number;
  /** Zero is published by default: it reveals nothing about an individual. */
  suppressZero: boolean;
};

export const DEFAULT_SMALL_CELL_RULE: SmallCellRule = {
  minCount: 5,
  minDenominator: 100,
  minNumerator: 3,
  suppressZero: false,
};

/**
 * A tenant may tighten (or, within limits, loosen) the rule in its settings (`smallCells`),
 * e.g. minCount 10 where the municipality's statistics office asks for it. Whatever is missing
 * or out of range takes the default, so every caller still applies exactly one rule.
 */
export type SmallCellSettings = Partial<SmallCellRule>;
export const SMALL_CELL_LIMITS = {
  minCount: { min: 2, max: 100 },
  minDenominator: { min: 1, max: 100_000 },
  minNumerator: { min: 1, max: 100 },
} as const;

export function smallCellRuleFor(settings: SmallCellSettings | null | undefined): SmallCellRule {
  const s = settings ?? {};
  const pick = (k: keyof typeof SMALL_CELL_LIMITS): number => {
    const v = s[k];
    const { min, max } = SMALL_CELL_LIMITS[k];
    return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max
      ? v
      : DEFAULT_SMALL_CELL_RULE[k];
  };
  return {
    minCount: pick("minCount"),
    minDenominator: pick("minDenominator"),
    minNumerator: pick("minNumerator"),
    suppressZero: typeof s.suppressZero === "boolean" ? s.suppressZero : DEFAULT_SMALL_CELL_RULE.suppressZero,
  };
}

export type Suppression = "primary" | "secondary" | null;
export type SafeCount = { value: number | null; suppressed: Suppression };
export type SafeRate = { value: number | null; suppressed: Suppression };

export function isSmallCount(n: number, rule: SmallCellRule = DEFAULT_SMALL_CELL_RULE): boolean {
  if (n === 0) return rule.suppressZero;
  return n > 0 && n < rule.minCount;
}

export function safeCount(n: number, rule: SmallCellRule = DEFAULT_SMALL_CELL_RULE): SafeCount {
  return isSmallCount(n, rule) ? { value: null, suppressed: "primary" } : { value: n, suppressed: null };
}

/** numerator / denominator × factor, or hidden when either part is too small to publish. */
export function safeRate(
  numerator: number,
  denominator: number,
  factor = 100,
  rule: SmallCellRule = DEFAULT_SMALL_CELL_RULE,
): SafeRate {
  if (denominator <= 0) return { value: null, suppressed: null };
  if (denominator < rule.minDenominator || (numerator > 0 && numerator < rule.minNumerator)) {
    return { value: null, suppressed: "primary" };
  }
  return { value: (numerator / denominator) * factor, suppressed: null };
}

export type SafeTable = {
  cells: SafeCount[][];
  rowTotals: SafeCount[];
  columnTotals: SafeCount[];
  total: SafeCount;
};

/**
 * Parts to hide as primary whatever their count, e.g. a count of household members that stands
 * for fewer than minCount households (the survey module's repeats). Secondary suppression then
 * protects them as it protects small counts.
 */
export type ForcedPrimary = {
  cells?: boolean[][];
  rowTotals?: boolean[];
  columnTotals?: boolean[];
  total?: boolean;
};

/**
 * Suppresses a two-way table of counts with its margins. Works for one-way lists too
 * (a single row).
 */
export function suppressTable(
  counts: number[][],
  rule: SmallCellRule = DEFAULT_SMALL_CELL_RULE,
  forced: ForcedPrimary = {},
): SafeTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  for (const r of counts) {
    if (r.length !== cols) throw new Error("suppressTable: ragged table");
    for (const v of r)
      if (!Number.isInteger(v) || v < 0)
        throw new Error("suppressTable: counts must be non-negative integers");
  }
  const rowSum = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: cols }, (_, j) => counts.reduce((a, r) => a + r[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);

  const primary = (v: number, force: boolean | undefined): Suppression =>
    isSmallCount(v, rule) || (force && v > 0) ? "primary" : null;
  const hidden: Suppression[][] = counts.map((r, i) => r.map((v, j) => primary(v, forced.cells?.[i]?.[j])));
  const rowHidden: Suppression[] = rowSum.map((v, i) => primary(v, forced.rowTotals?.[i]));
  const colHidden: Suppression[] = colSum.map((v, j) => primary(v, forced.columnTotals?.[j]));
  const grandHidden: Suppression = primary(grand, forced.total);

  // A line (its cells plus its total) is safe when it hides 0 or ≥ 2 of its parts.
  // Lines: each row = cells of the row + row total; each column = cells + column total;
  // the margins themselves: row totals + grand total, column totals + grand total.
  type Ref = { get(): Suppression; set(s: Suppression): void; value: number };
  const cell = (i: number, j: number): Ref => ({
    get: () => hidden[i]![j]!,
    set: (s) => {
      hidden[i]![j] = s;
    },
    value: counts[i]![j]!,
  });
  const rowT = (i: number): Ref => ({
    get: () => rowHidden[i]!,
    set: (s) => {
      rowHidden[i] = s;
    },
    value: rowSum[i]!,
  });
  const colT = (j: number): Ref => ({
    get: () => colHidden[j]!,
    set: (s) => {
      colHidden[j] = s;
    },
    value: colSum[j]!,
  });
  let grandState: Suppression = grandHidden;
  const grandT: Ref = {
    get: () => grandState,
    set: (s) => {
      grandState = s;
    },
    value: grand,
  };

  const lines: Ref[][] = [];
  for (let i = 0; i < rows; i++) lines.push([...Array.from({ length: cols }, (_, j) => cell(i, j)), rowT(i)]);
  for (let j = 0; j < cols; j++) lines.push([...Array.from({ length: rows }, (_, i) => cell(i, j)), colT(j)]);
  lines.push([...Array.from({ length: rows }, (_, i) => rowT(i)), grandT]);
  lines.push([...Array.from({ length: cols }, (_, j) => colT(j)), grandT]);

  // Each pass hides at least one more part, so this ends after at most (rows+1)(cols+1) passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hiddenParts = line.filter((p) => p.get() !== null);
      if (hiddenParts.length !== 1) continue;
      // Prefer the smallest visible inner part (cells before totals), so little information is lost.
      const candidates = line.filter((p) => p.get() === null);
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => a.value - b.value);
      candidates[0]!.set("secondary");
      changed = true;
    }
  }

  // The line rule is not enough on its own (two hidden cycles joined by one hidden cell leave that
  // cell recoverable): hide further parts until no hidden one follows from the visible ones.
  const atom = (i: number, j: number) => i * cols + j;
  const parts: { q: LinearQuantity; ref: Ref }[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      parts.push({ q: { atoms: [atom(i, j)], value: counts[i]![j]!, priority: 0 }, ref: cell(i, j) });
  for (let i = 0; i < rows; i++)
    parts.push({
      q: { atoms: Array.from({ length: cols }, (_, j) => atom(i, j)), value: rowSum[i]!, priority: 1 },
      ref: rowT(i),
    });
  for (let j = 0; j < cols; j++)
    parts.push({
      q: { atoms: Array.from({ length: rows }, (_, i) => atom(i, j)), value: colSum[j]!, priority: 1 },
      ref: colT(j),
    });
  parts.push({
    q: { atoms: Array.from({ length: rows * cols }, (_, k) => k), value: grand, priority: 2 },
    ref: grandT,
  });
  const finalHidden = suppressLinear(
    parts.map((p) => p.q),
    parts.map((p) => p.ref.get() !== null),
  );
  parts.forEach((p, k) => {
    if (finalHidden[k] && p.ref.get() === null) p.ref.set("secondary");
  });

  const out = (v: number, s: Suppression): SafeCount =>
    s ? { value: null, suppressed: s } : { value: v, suppressed: null };
  return {
    cells: counts.map((r, i) => r.map((v, j) => out(v, hidden[i]![j]!))),
    rowTotals: rowSum.map((v, i) => out(v, rowHidden[i]!)),
    columnTotals: colSum.map((v, j) => out(v, colHidden[j]!)),
    total: out(grand, grandState),
  };
}

/** How a hidden count is written for readers, e.g. "<5". */
export function displayCount(
  c: SafeCount,
  rule: SmallCellRule = DEFAULT_SMALL_CELL_RULE,
  format: (n: number) => string = String,
): string {
  if (c.suppressed === "primary") return `<${rule.minCount}`;
  if (c.suppressed === "secondary") return "•";
  return format(c.value ?? 0);
}
