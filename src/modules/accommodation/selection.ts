/**
 * One site selection run (decision 053): missing data → normalisation → weighted scores →
 * MILP → (if infeasible) the conflicting rule groups → robustness under ±20 % weights →
 * TOPSIS and weighted-sum rankings for comparison.
 */
import { offload } from "../../server/offload/pool.ts";
import { normaliseMinMax, prepare, ranks, scaleWeights, topsis, weightedSum } from "./mcda.ts";
import { buildRows, explainInfeasible, type Milp, solveMilp, worseThanLimit } from "./milp.ts";
import {
  SELECTION_LIMITS,
  type SelectionConstraints,
  type SelectionCriterion,
  type SelectionResult,
  type SelectionSite,
} from "./model.ts";

export type SelectionInput = {
  sites: SelectionSite[];
  criteria: SelectionCriterion[];
  /** Weight per criterion id; missing = 0. */
  weights: Record<string, number>;
  constraints: SelectionConstraints;
  timeLimitSeconds?: number;
};

function emptyResult(status: SelectionResult["status"]): SelectionResult {
  return {
    status,
    chosen: [],
    objective: null,
    gap: null,
    scores: [],
    excluded: [],
    blocked: [],
    conflicts: [],
    robustness: {},
    robustnessRuns: 0,
    ranges: {},
  };
}

export async function runSelection(input: SelectionInput): Promise<SelectionResult> {
  const timeLimitSeconds = input.timeLimitSeconds ?? SELECTION_LIMITS.timeLimitSeconds.default;
  const criteria = input.criteria;
  const weights = criteria.map((c) => input.weights[c.id] ?? 0);
  scaleWeights(weights); // the service refuses a zero sum before; this guards direct callers
  const prepared = prepare(input.sites, criteria);
  const base = emptyResult("blocked");
  base.excluded = prepared.excluded.map((e) => ({ ...e, reason: "missing_value" as const }));
  if (prepared.blocked.length) return { ...base, blocked: prepared.blocked };

  const directions = criteria.map((c) => c.direction);
  const sites = prepared.sites;
  const normalised = sites.length ? normaliseMinMax(prepared.matrix, directions) : [];
  const scoreWith = (w: number[]) => (sites.length ? weightedSum(normalised, w) : []);
  const weighted = scoreWith(weights);
  const closeness = sites.length ? topsis(prepared.matrix, weights, directions) : [];
  const wRanks = ranks(weighted);
  const tRanks = ranks(closeness);
  const scores = sites.map((s, i) => ({
    siteId: s.id,
    normalised: Object.fromEntries(criteria.map((c, j) => [c.id, normalised[i]![j]!])),
    imputed: prepared.imputed.get(s.id) ?? [],
    values: Object.fromEntries(criteria.map((c, j) => [c.id, prepared.matrix[i]![j]!])),
    weightedScore: weighted[i]!,
    topsis: closeness[i]!,
    weightedRank: wRanks[i]!,
    topsisRank: tRanks[i]!,
  }));
  if (sites.length)
    base.ranges = Object.fromEntries(
      criteria.map((c, j) => {
        const col = prepared.matrix.map((r) => r[j]!);
        return [c.id, { min: Math.min(...col), max: Math.max(...col) }];
      }),
    );
  const c = input.constraints;
  for (const s of sites) {
    if (c.burden && worseThanLimit(s, c.burden))
      base.excluded.push({ siteId: s.id, reason: "burden", criterionId: c.burden.criterionId });
    else if (s.capacity > c.maxCapacity) base.excluded.push({ siteId: s.id, reason: "capacity" });
  }

  const rows = buildRows(sites, c);
  const milp: Milp = { scores: weighted, rows };
  const outcome = await solveMilp(milp, { timeLimitSeconds });
  if (outcome.status === "infeasible")
    return {
      ...base,
      status: "infeasible",
      scores,
      conflicts: await explainInfeasible(milp, timeLimitSeconds),
    };

  // Robustness: move each weight by ±20 % (one at a time) and count how often each site stays in.
  const robustness: Record<string, number> = Object.fromEntries(sites.map((s) => [s.id, 0]));
  let runs = 0;
  for (let j = 0; j < criteria.length; j++) {
    if (weights[j] === 0) continue;
    for (const f of [1 - SELECTION_LIMITS.robustnessShare, 1 + SELECTION_LIMITS.robustnessShare]) {
      const moved = weights.map((w, k) => (k === j ? w * f : w));
      const r = await solveMilp({ scores: scoreWith(moved), rows }, { timeLimitSeconds });
      if (r.status === "infeasible") continue;
      runs++;
      for (const i of r.chosen) robustness[sites[i]!.id]! += 1;
    }
  }
  return {
    ...base,
    status: outcome.status,
    chosen: outcome.chosen.map((i) => sites[i]!.id),
    objective: outcome.objective,
    gap: outcome.gap,
    scores,
    robustness,
    robustnessRuns: runs,
  };
}

/**
 * runSelection on a worker thread (server/offload): HiGHS solves synchronously, and a run with
 * its robustness re-solves takes seconds at 500 sites; the event loop must stay free.
 */
export function runSelectionOffThread(input: SelectionInput): Promise<SelectionResult> {
  return offload<SelectionResult>("src/modules/accommodation/selection.ts", "runSelection", [input]);
}
