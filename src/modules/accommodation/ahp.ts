/**
 * Pairwise comparison of the site-selection criteria (AHP, issue 21 "pairwise comparison",
 * decision 130). Pure. Each pair of criteria is judged once on Saaty's 1–9 scale; the weights are
 * the principal eigenvector of the reciprocal matrix (power iteration), λmax gives the consistency
 * index CI = (λmax − n) ÷ (n − 1) and the ratio CR = CI ÷ RI with Saaty's random index. A CR above
 * 0.1 means the judgements contradict each other too much to be adopted; the pair whose judgement
 * departs most from what the weights imply (largest |ln(a_ij · w_j ÷ w_i)|) is named, with the
 * judgement the other comparisons suggest for it.
 */
import type { PairwiseJudgement } from "./model.ts";

/** Saaty's random consistency index by matrix size (index = n; 1 and 2 are always consistent). */
export const RANDOM_INDEX = [
  0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];
/** Saaty's table ends at 15: more criteria cannot be judged for consistency. */
export const AHP_MAX_CRITERIA = RANDOM_INDEX.length - 1;
export const CONSISTENCY_LIMIT = 0.1;

/** The ratio a judgement states: how many times as important `a` is as `b`. */
export const ratioOf = (j: Pick<PairwiseJudgement, "favours" | "intensity">) =>
  j.favours === "a" ? j.intensity : 1 / j.intensity;

/** The judgement on the 1–9 scale nearest to a ratio (what the weights would have `a` vs `b` be). */
export function nearestJudgement(ratio: number): Pick<PairwiseJudgement, "favours" | "intensity"> {
  const favours = ratio >= 1 ? "a" : "b";
  const r = favours === "a" ? ratio : 1 / ratio;
  return { favours, intensity: Math.min(9, Math.max(1, Math.round(r))) };
}

/** The reciprocal matrix over `ids` (order kept); every pair must be judged once. */
export function pairwiseMatrix(ids: readonly string[], judgements: readonly PairwiseJudgement[]): number[][] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const m = ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : Number.NaN)));
  for (const j of judgements) {
    const a = index.get(j.a);
    const b = index.get(j.b);
    if (a === undefined || b === undefined || a === b) throw new Error("judgement outside the criteria");
    m[a]![b] = ratioOf(j);
    m[b]![a] = 1 / ratioOf(j);
  }
  if (m.some((row) => row.some(Number.isNaN))) throw new Error("a pair is not judged");
  return m;
}

const multiply = (m: number[][], w: number[]) => m.map((row) => row.reduce((s, x, j) => s + x * w[j]!, 0));

/** Principal eigenvector (sum 1) and eigenvalue of a positive matrix, by power iteration (Perron). */
export function principalEigen(m: number[][]): { vector: number[]; lambdaMax: number } {
  const n = m.length;
  let w = Array.from({ length: n }, () => 1 / n);
  for (let step = 0; step < 10_000; step++) {
    const v = multiply(m, w);
    const sum = v.reduce((s, x) => s + x, 0);
    const next = v.map((x) => x / sum);
    const moved = Math.max(...next.map((x, i) => Math.abs(x - w[i]!)));
    w = next;
    if (moved < 1e-13) break;
  }
  const mw = multiply(m, w);
  const lambdaMax = mw.reduce((s, x, i) => s + x / w[i]!, 0) / n;
  return { vector: w, lambdaMax };
}

/** What the other judgements say of i against j: the geometric mean of a_ik · a_kj over every third k. */
function indirect(m: number[][], i: number, j: number): number {
  const logs = m.flatMap((_, k) => (k === i || k === j ? [] : [Math.log(m[i]![k]! * m[k]![j]!)]));
  return logs.length ? Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length) : m[i]![j]!;
}

export type AhpResult = {
  /** Weight per criterion id, summing to 1 (6 decimals). */
  weights: Record<string, number>;
  lambdaMax: number;
  consistencyIndex: number;
  /** CI ÷ RI; 0 for two criteria (always consistent). */
  consistencyRatio: number;
  consistent: boolean;
  /**
   * The pair judged least in line with the weights, and the judgement the other comparisons imply
   * for it (through every third criterion); null when the judgements are consistent throughout.
   */
  worst: { a: string; b: string; implied: Pick<PairwiseJudgement, "favours" | "intensity"> } | null;
};

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function ahp(ids: readonly string[], judgements: readonly PairwiseJudgement[]): AhpResult {
  const n = ids.length;
  const m = pairwiseMatrix(ids, judgements);
  const { vector, lambdaMax } = principalEigen(m);
  // λmax ≥ n for a positive reciprocal matrix; rounding can put it a hair below.
  const consistencyIndex = n > 2 ? Math.max(0, (lambdaMax - n) / (n - 1)) : 0;
  const consistencyRatio = n > 2 ? consistencyIndex / RANDOM_INDEX[n]! : 0;
  let worst: AhpResult["worst"] = null;
  let most = 1e-9;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const departure = Math.abs(Math.log((m[i]![j]! * vector[j]!) / vector[i]!));
      if (departure > most) {
        most = departure;
        worst = { a: ids[i]!, b: ids[j]!, implied: nearestJudgement(indirect(m, i, j)) };
      }
    }
  return {
    weights: Object.fromEntries(ids.map((id, i) => [id, round(vector[i]!, 6)])),
    lambdaMax: round(lambdaMax, 6),
    consistencyIndex: round(consistencyIndex, 6),
    consistencyRatio: round(consistencyRatio, 6),
    consistent: consistencyRatio <= CONSISTENCY_LIMIT,
    worst,
  };
}
