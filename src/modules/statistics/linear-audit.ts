/**
 * Can a hidden figure be worked out from the published ones? (decision 016)
 *
 * Every published figure is a sum of unknown "atoms" (the finest counts). A reader who sees
 * some figures can add and subtract them; a hidden figure is recovered exactly when its vector
 * of atoms lies in the span of the visible figures' vectors. Checking "no line hides exactly
 * one cell" is not enough: two hidden cycles joined by one hidden cell leave that cell
 * recoverable although every line hides two or more.
 *
 * Systems here are small (a table of districts × a few breakdowns per indicator), so dense
 * Gaussian elimination with a tolerance is exact enough: the coefficients are 0 and ±1.
 */

export type LinearQuantity = {
  /** Atom indices this figure sums (a coefficient of 1 each; repeated indices add up). */
  atoms: readonly number[];
  /** Atoms subtracted (for differences, e.g. a change to the previous period). */
  minus?: readonly number[];
  value: number;
  /** Which figures to hide first when more must go: lower first (cells 0, totals 1). */
  priority?: number;
};

const EPS = 1e-9;

function vectorOf(q: LinearQuantity, size: number): Float64Array {
  const v = new Float64Array(size);
  for (const a of q.atoms) v[a]! += 1;
  for (const a of q.minus ?? []) v[a]! -= 1;
  return v;
}

type BasisRow = { v: Float64Array; pivot: number; combo: Map<number, number> };

function atomCount(quantities: readonly LinearQuantity[]): number {
  let n = 0;
  for (const q of quantities) {
    for (const a of q.atoms) n = Math.max(n, a + 1);
    for (const a of q.minus ?? []) n = Math.max(n, a + 1);
  }
  return n;
}

/** Reduces v by the basis; returns the combination of visible figures used and the residual. */
function reduce(basis: readonly BasisRow[], v: Float64Array): Map<number, number> {
  const combo = new Map<number, number>();
  for (const b of basis) {
    const f = v[b.pivot]!;
    if (Math.abs(f) < EPS) continue;
    const k = f / b.v[b.pivot]!;
    for (let i = 0; i < v.length; i++) v[i]! -= k * b.v[i]!;
    for (const [q, c] of b.combo) combo.set(q, (combo.get(q) ?? 0) + k * c);
  }
  return combo;
}

function buildBasis(
  quantities: readonly LinearQuantity[],
  hidden: readonly boolean[],
  size: number,
): BasisRow[] {
  const basis: BasisRow[] = [];
  quantities.forEach((q, i) => {
    if (hidden[i]) return;
    const v = vectorOf(q, size);
    const combo = reduce(basis, v);
    let pivot = -1;
    for (let j = 0; j < size; j++)
      if (Math.abs(v[j]!) > EPS) {
        pivot = j;
        break;
      }
    if (pivot < 0) return; // a combination of figures already in the basis
    // v = q_i − Σ k·(earlier rows): record it in terms of visible figures.
    const own = new Map<number, number>([[i, 1]]);
    for (const [j, c] of combo) own.set(j, (own.get(j) ?? 0) - c);
    basis.push({ v, pivot, combo: own });
  });
  return basis;
}

const isZero = (v: Float64Array) => v.every((x) => Math.abs(x) < EPS);

/**
 * The hidden figures that the visible ones determine exactly, each with the visible figures
 * a reader would combine to get it.
 */
export function recoverable(
  quantities: readonly LinearQuantity[],
  hidden: readonly boolean[],
): { index: number; uses: number[] }[] {
  const size = atomCount(quantities);
  const basis = buildBasis(quantities, hidden, size);
  const out: { index: number; uses: number[] }[] = [];
  quantities.forEach((q, i) => {
    if (!hidden[i]) return;
    const v = vectorOf(q, size);
    if (isZero(v)) return; // an empty sum reveals nothing about anyone
    const combo = reduce(basis, v);
    if (!isZero(v)) return;
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
    const candidates = leaks[0]!.uses.filter((j) => !hidden[j]);
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
