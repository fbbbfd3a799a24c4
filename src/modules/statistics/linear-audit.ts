/**
 * Can a hidden figure be worked out from the published ones? (decision 016)
 *
 * Every published figure is a sum of unknown "atoms" (the finest counts). A reader who sees
 * some figures can add and subtract them; a hidden figure is recovered exactly when its vector
 * of atoms lies in the span of the visible figures' vectors. Checking "no line hides exactly
 * one cell" is not enough: two hidden cycles joined by one hidden cell leave that cell
 * recoverable although every line hides two or more.
 *
 * Gaussian elimination on sparse rows with a tolerance is exact enough here: the coefficients
 * are 0 and ±1 and the systems are a few hundred figures (districts × indicators of a period).
 */

export type LinearQuantity = {
  /** Atom indices this figure sums (a coefficient of 1 each; repeated indices add up). */
  atoms: readonly number[];
  /** Atoms subtracted (for differences, e.g. a change to the previous period). */
  minus?: readonly number[];
  value: number;
  /** Which figures to hide first when more must go: lower first (cells 0, totals 1). */
  priority?: number;
  /** A relation every reader knows (e.g. total = Σ options): visible, and never hidden. */
  fixed?: boolean;
};

const EPS = 1e-9;

/** Sparse vectors: figures touch few atoms (one area's cells), so elimination stays cheap. */
type Vec = Map<number, number>;

function vectorOf(q: LinearQuantity): Vec {
  const v: Vec = new Map();
  for (const a of q.atoms) v.set(a, (v.get(a) ?? 0) + 1);
  for (const a of q.minus ?? []) v.set(a, (v.get(a) ?? 0) - 1);
  for (const [k, x] of v) if (Math.abs(x) < EPS) v.delete(k);
  return v;
}

type BasisRow = { v: Vec; pivot: number; combo: Map<number, number> };

/** Reduces v in place by the basis; returns the combination of visible figures used. */
function reduce(basis: readonly BasisRow[], v: Vec): Map<number, number> {
  const combo = new Map<number, number>();
  for (const b of basis) {
    const f = v.get(b.pivot);
    if (f === undefined) continue;
    const k = f / b.v.get(b.pivot)!;
    for (const [i, x] of b.v) {
      const y = (v.get(i) ?? 0) - k * x;
      if (Math.abs(y) < EPS) v.delete(i);
      else v.set(i, y);
    }
    for (const [q, c] of b.combo) combo.set(q, (combo.get(q) ?? 0) + k * c);
  }
  return combo;
}

function buildBasis(quantities: readonly LinearQuantity[], hidden: readonly boolean[]): BasisRow[] {
  const basis: BasisRow[] = [];
  quantities.forEach((q, i) => {
    if (hidden[i]) return;
    const v = vectorOf(q);
    const combo = reduce(basis, v);
    if (v.size === 0) return; // a combination of figures already in the basis
    const pivot = Math.min(...v.keys());
    // v = q_i − Σ k·(earlier rows): record it in terms of visible figures.
    const own = new Map<number, number>([[i, 1]]);
    for (const [j, c] of combo) own.set(j, (own.get(j) ?? 0) - c);
    basis.push({ v, pivot, combo: own });
  });
  return basis;
}

/**
 * The hidden figures that the visible ones determine exactly, each with the visible figures
 * a reader would combine to get it.
 */
export function recoverable(
  quantities: readonly LinearQuantity[],
  hidden: readonly boolean[],
): { index: number; uses: number[] }[] {
  const basis = buildBasis(quantities, hidden);
  const out: { index: number; uses: number[] }[] = [];
  quantities.forEach((q, i) => {
    if (!hidden[i]) return;
    const v = vectorOf(q);
    if (v.size === 0) return; // an empty sum reveals nothing about anyone
    const combo = reduce(basis, v);
    if (v.size > 0) return;
    const uses = [...combo].filter(([, c]) => Math.abs(c) > EPS).map(([j]) => j);
    out.push({ index: i, uses });
  });
  return out;
}

/**
 * Complementary (secondary) suppression: starting from the primary hidden figures, hides
 * further figures until no hidden one is recoverable. Each round hides, among the visible
 * figures a reader would use, the one with the lowest priority and then the smallest value,
 * so little information is lost. Returns the final hidden flags.
 */
export function suppressLinear(
  quantities: readonly LinearQuantity[],
  primary: readonly boolean[],
): boolean[] {
  const hidden = quantities.map((_, i) => primary[i] === true);
  // Each round hides one more figure, so this ends after at most quantities.length rounds.
  for (let round = 0; round <= quantities.length; round++) {
    const leaks = recoverable(quantities, hidden);
    if (leaks.length === 0) return hidden;
    const candidates = leaks[0]!.uses.filter((j) => !hidden[j] && !quantities[j]!.fixed);
    if (candidates.length === 0) {
      // Cannot happen for a consistent system; hide everything rather than leak.
      return quantities.map(() => true);
    }
    candidates.sort(
      (a, b) =>
        (quantities[a]!.priority ?? 0) - (quantities[b]!.priority ?? 0) ||
        quantities[a]!.value - quantities[b]!.value ||
        a - b,
    );
    hidden[candidates[0]!] = true;
  }
  return quantities.map(() => true);
}
