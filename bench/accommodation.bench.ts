// Site selection (issue 21): 500 candidate sites in 100 quarters with 10 criteria, through the
// same pure functions the accommodation service uses (no database: sites are planning data read
// once per run). Greedy selection's score stands beside the MILP optimum from the same run.
// `--quick` (BENCH_SCALE) runs at a tenth of the size.
import { normaliseMinMax, prepare, weightedSum } from "../src/modules/accommodation/mcda.ts";
import { buildRows, distanceMeters, highs, solveMilp } from "../src/modules/accommodation/milp.ts";
import type {
  SelectionConstraints,
  SelectionCriterion,
  SelectionSite,
} from "../src/modules/accommodation/model.ts";
import { runSelection } from "../src/modules/accommodation/selection.ts";
import { fmt, int, loadNote, scaled } from "./harness.ts";
import type { Bench } from "./types.ts";

const SITES = scaled(500, 20);
const QUARTERS = scaled(100, 4);
const CRITERIA = 10;

/** Deterministic PRNG (mulberry32), so every run judges the same sites. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Best score first; take a site if it keeps every rule; stop at the site limit. */
function greedy(
  sites: SelectionSite[],
  scores: number[],
  c: SelectionConstraints,
): { score: number; places: number } {
  const order = sites.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const used = new Set(c.occupiedAreaIds);
  const taken: SelectionSite[] = [];
  let score = 0;
  for (const i of order) {
    const s = sites[i]!;
    if (c.maxSites !== null && taken.length >= c.maxSites) break;
    if (s.capacity > c.maxCapacity || (c.onePerArea && used.has(s.areaId))) continue;
    if (c.minDistanceMeters && taken.some((t) => distanceMeters(t, s) < c.minDistanceMeters!)) continue;
    taken.push(s);
    used.add(s.areaId);
    score += scores[i]!;
  }
  return { score, places: taken.reduce((a, s) => a + s.capacity, 0) };
}

const bench: Bench = {
  title: "site selection",
  async run(log) {
    const rand = rng(20261205);
    const criteria: SelectionCriterion[] = Array.from({ length: CRITERIA }, (_, j) => ({
      id: `c${j}`,
      name: `c${j}`,
      direction: j % 3 === 0 ? "min" : "max",
      missing: "impute_median",
    }));
    const sites: SelectionSite[] = Array.from({ length: SITES }, (_, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      areaId: `q${i % QUARTERS}`,
      capacity: 20 + Math.floor(rand() * 36),
      lon: 7.55 + rand() * 0.3,
      lat: 51.45 + rand() * 0.2,
      values: Object.fromEntries(
        criteria.map((c) => [c.id, rand() < 0.03 ? null : Math.round(rand() * 1000)]),
      ),
    }));
    const weights = Object.fromEntries(criteria.map((c, j) => [c.id, 1 + (j % 4)]));
    const constraints: SelectionConstraints = {
      onePerArea: true,
      occupiedAreaIds: ["q0", "q1", "q2"],
      burden: null,
      maxCapacity: 48,
      demand: Math.round(QUARTERS * 0.3 * 38),
      minDistanceMeters: 300,
      forced: [],
      excluded: [],
      maxSites: Math.round(QUARTERS * 0.4),
    };
    log(
      `${int(SITES)} sites in ${int(QUARTERS)} quarters, ${CRITERIA} criteria; at most ${constraints.maxSites} sites; ${loadNote()}`,
    );

    // Baseline: scoring the same rows (missing data, min-max, weighted sum), no optimisation.
    const baseline = await time(() => {
      const p = prepare(sites, criteria);
      return weightedSum(
        normaliseMinMax(
          p.matrix,
          criteria.map((c) => c.direction),
        ),
        criteria.map((c) => weights[c.id]!),
      );
    });
    const scores = baseline.value;
    const rows = buildRows(sites, constraints);
    await highs(); // load the WebAssembly once, outside the timings
    const solve = await time(() => solveMilp({ scores, rows }, { timeLimitSeconds: 20 }));
    const full = await time(() =>
      runSelection({ sites, criteria, weights, constraints, timeLimitSeconds: 20 }),
    );
    const g = greedy(sites, scores, constraints);
    const optimum = solve.value.status === "infeasible" ? Number.NaN : solve.value.objective;
    log(
      `MILP ${solve.value.status} in ${fmt(solve.ms, 0)} ms; full run with robustness (${full.value.robustnessRuns} re-solves) ${fmt(full.ms, 0)} ms`,
    );
    return [
      {
        metric: "scoring only (baseline)",
        value: `${fmt(baseline.ms, 1)} ms`,
        note: `${int(SITES)} sites × ${CRITERIA} criteria`,
      },
      {
        metric: "optimal selection (one MILP)",
        value: `${fmt(solve.ms, 0)} ms`,
        note: `${solve.value.status}; ${rows.length} rows; target ≤ 2 s`,
      },
      {
        metric: "selection with ±20 % robustness",
        value: `${fmt(full.ms, 0)} ms`,
        note: `${full.value.robustnessRuns} re-solves`,
      },
      { metric: "optimum score", value: fmt(optimum, 3), note: "MILP" },
      {
        metric: "greedy score",
        value: fmt(g.score, 3),
        note: `same run; ${g.places >= constraints.demand ? "meets" : "misses"} the demand of ${constraints.demand} places (${g.places})`,
      },
    ];
  },
};
export default bench;
