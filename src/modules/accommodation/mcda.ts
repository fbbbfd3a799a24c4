/**
 * Multi-criteria scoring without optimisation (decision 053): missing-data handling, min-max
 * normalisation, the weighted sum and TOPSIS. Pure functions; the solver builds on them.
 */
import type { CriterionDirection, SelectionCriterion, SelectionSite } from "./model.ts";

export type Prepared = {
  sites: SelectionSite[];
  /** Row i, column j: the value of criterion j at site i, after imputation. */
  matrix: number[][];
  imputed: Map<string, string[]>;
  excluded: { siteId: string; criterionId: string }[];
  blocked: { criterionId: string; siteIds: string[] }[];
};

const has = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Applies each criterion's missing-data rule: `block` stops the selection and names the sites,
 * `exclude` drops the site, `impute_median` fills in the median of the sites that have a value.
 */
export function prepare(sites: SelectionSite[], criteria: SelectionCriterion[]): Prepared {
  const blocked: Prepared["blocked"] = [];
  const excluded: Prepared["excluded"] = [];
  const dropped = new Set<string>();
  for (const c of criteria) {
    const without = sites.filter((s) => !has(s.values[c.id])).map((s) => s.id);
    if (!without.length) continue;
    if (c.missing === "block") blocked.push({ criterionId: c.id, siteIds: without });
    else if (c.missing === "exclude")
      for (const id of without)
        if (!dropped.has(id)) {
          dropped.add(id);
          excluded.push({ siteId: id, criterionId: c.id });
        }
  }
  const kept = sites.filter((s) => !dropped.has(s.id));
  const imputed = new Map<string, string[]>();
  const medians = criteria.map((c) => {
    const present = kept.map((s) => s.values[c.id]).filter(has);
    return present.length ? median(present) : 0;
  });
  const matrix = kept.map((s) =>
    criteria.map((c, j) => {
      const v = s.values[c.id];
      if (has(v)) return v;
      imputed.set(s.id, [...(imputed.get(s.id) ?? []), c.id]);
      return medians[j]!;
    }),
  );
  return { sites: kept, matrix, imputed, excluded, blocked };
}

/** Min-max per column: 1 = best, 0 = worst; a column without spread scores 1 everywhere. */
export function normaliseMinMax(matrix: number[][], directions: CriterionDirection[]): number[][] {
  const cols = directions.length;
  const lo = Array.from({ length: cols }, (_, j) => Math.min(...matrix.map((r) => r[j]!)));
  const hi = Array.from({ length: cols }, (_, j) => Math.max(...matrix.map((r) => r[j]!)));
  return matrix.map((row) =>
    row.map((v, j) => {
      const span = hi[j]! - lo[j]!;
      if (span === 0) return 1;
      return directions[j] === "max" ? (v - lo[j]!) / span : (hi[j]! - v) / span;
    }),
  );
}

/** Weights scaled to sum 1; throws on a sum of 0 or a negative weight (the service checks first). */
export function scaleWeights(weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || weights.some((w) => w < 0))
    throw new RangeError("weights must be ≥ 0 with a positive sum");
  return weights.map((w) => w / sum);
}

export function weightedSum(normalised: number[][], weights: number[]): number[] {
  const w = scaleWeights(weights);
  return normalised.map((row) => row.reduce((acc, v, j) => acc + v * w[j]!, 0));
}

/**
 * TOPSIS (Hwang and Yoon): vector normalisation, weighted, distances to the ideal and the
 * anti-ideal point; returns the relative closeness per row (higher = better).
 */
export function topsis(matrix: number[][], weights: number[], directions: CriterionDirection[]): number[] {
  const w = scaleWeights(weights);
  const cols = directions.length;
  const norms = Array.from({ length: cols }, (_, j) => Math.sqrt(matrix.reduce((a, r) => a + r[j]! ** 2, 0)));
  const v = matrix.map((row) => row.map((x, j) => (norms[j] ? (x / norms[j]!) * w[j]! : 0)));
  const best = Array.from({ length: cols }, (_, j) => {
    const col = v.map((r) => r[j]!);
    return directions[j] === "max" ? Math.max(...col) : Math.min(...col);
  });
  const worst = Array.from({ length: cols }, (_, j) => {
    const col = v.map((r) => r[j]!);
    return directions[j] === "max" ? Math.min(...col) : Math.max(...col);
  });
  return v.map((row) => {
    const dBest = Math.sqrt(row.reduce((a, x, j) => a + (x - best[j]!) ** 2, 0));
    const dWorst = Math.sqrt(row.reduce((a, x, j) => a + (x - worst[j]!) ** 2, 0));
    return dBest + dWorst === 0 ? 1 : dWorst / (dBest + dWorst);
  });
}

/** 1-based ranks, highest score first; ties share the better rank. */
export function ranks(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s + 1e-12).length);
}
