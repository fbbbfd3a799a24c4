import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRows, distanceMeters, solveMilp } from "./milp.ts";
import type { SelectionConstraints, SelectionSite } from "./model.ts";
import { runSelection } from "./selection.ts";

const NONE: SelectionConstraints = {
  onePerArea: false,
  occupiedAreaIds: [],
  burden: null,
  maxCapacity: 48,
  demand: 0,
  minDistanceMeters: null,
  forced: [],
  excluded: [],
  maxSites: null,
};

/** Every subset, checked against the rows directly: the best feasible score, or null. */
function bruteForce(scores: number[], sites: SelectionSite[], c: SelectionConstraints): number | null {
  const rows = buildRows(sites, c);
  let best: number | null = null;
  for (let mask = 0; mask < 1 << sites.length; mask++) {
    const x = (i: number) => ((mask >> i) & 1 ? 1 : 0);
    const ok = rows.every((r) => {
      const lhs = r.terms.reduce((a, [i, k]) => a + k * x(i), 0);
      return r.op === "<=" ? lhs <= r.rhs + 1e-9 : lhs >= r.rhs - 1e-9;
    });
    if (!ok) continue;
    const v = scores.reduce((a, s, i) => a + s * x(i), 0);
    if (best === null || v > best) best = v;
  }
  return best;
}

/** Checks a chosen set against the council's rules themselves (not the rows). */
function violations(chosen: SelectionSite[], c: SelectionConstraints): string[] {
  const out: string[] = [];
  const areas = chosen.map((s) => s.areaId);
  if (
    c.onePerArea &&
    (new Set(areas).size < areas.length || areas.some((a) => c.occupiedAreaIds.includes(a)))
  )
    out.push("one_per_area");
  if (chosen.some((s) => s.capacity > c.maxCapacity)) out.push("capacity");
  if (c.demand > 0 && chosen.reduce((a, s) => a + s.capacity, 0) < c.demand) out.push("demand");
  if (c.burden && chosen.some((s) => (s.values[c.burden!.criterionId] ?? 0) > c.burden!.limit))
    out.push("burden");
  if (c.maxSites !== null && chosen.length > c.maxSites) out.push("max_sites");
  if (c.forced.some((id) => !chosen.some((s) => s.id === id))) out.push("forced");
  if (chosen.some((s) => c.excluded.includes(s.id))) out.push("excluded");
  for (let i = 0; i < chosen.length; i++)
    for (let j = i + 1; j < chosen.length; j++)
      if (c.minDistanceMeters && distanceMeters(chosen[i]!, chosen[j]!) < c.minDistanceMeters)
        out.push("min_distance");
  return out;
}

const instance = fc
  .record({
    n: fc.integer({ min: 1, max: 8 }),
    areas: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(
      fc.record({
        area: fc.nat(3),
        cap: fc.integer({ min: 10, max: 60 }),
        a: fc.nat(100),
        b: fc.nat(100),
        lon: fc.nat(40),
        lat: fc.nat(40),
      }),
      { minLength: 8, maxLength: 8 },
    ),
    onePerArea: fc.boolean(),
    occupied: fc.boolean(),
    demand: fc.integer({ min: 0, max: 200 }),
    minDistance: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: null }),
    maxSites: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    burdenMax: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    forced: fc.nat(9),
    excluded: fc.nat(9),
    wa: fc.integer({ min: 0, max: 5 }),
    wb: fc.integer({ min: 1, max: 5 }),
  })
  .map((r) => {
    const sites: SelectionSite[] = r.seed.slice(0, r.n).map((s, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      areaId: `q${s.area % r.areas}`,
      capacity: s.cap,
      lon: 7.6 + s.lon * 0.001,
      lat: 51.5 + s.lat * 0.001,
      values: { a: s.a, b: s.b },
    }));
    const constraints: SelectionConstraints = {
      onePerArea: r.onePerArea,
      occupiedAreaIds: r.occupied ? ["q0"] : [],
      burden: r.burdenMax === null ? null : { criterionId: "b", limit: r.burdenMax, direction: "min" },
      maxCapacity: 48,
      demand: r.demand,
      minDistanceMeters: r.minDistance,
      forced: r.forced < r.n ? [`s${r.forced}`] : [],
      excluded: r.excluded < r.n ? [`s${r.excluded}`] : [],
      maxSites: r.maxSites,
    };
    return { sites, constraints, weights: { a: r.wa, b: r.wb } };
  });

const criteria = [
  { id: "a", name: "a", direction: "max" as const, missing: "block" as const },
  { id: "b", name: "b", direction: "min" as const, missing: "block" as const },
];

describe("optimal site selection", () => {
  it("equals brute force on small instances and never breaks a rule", async () => {
    await fc.assert(
      fc.asyncProperty(instance, async ({ sites, constraints, weights }) => {
        const result = await runSelection({ sites, criteria, weights, constraints });
        const scores = result.scores.map((s) => s.weightedScore);
        const best = bruteForce(scores, sites, constraints);
        if (best === null) {
          expect(result.status).toBe("infeasible");
          expect(result.conflicts.length).toBeGreaterThan(0);
          return;
        }
        expect(result.status).toBe("optimal");
        expect(result.objective!).toBeCloseTo(best, 6);
        const chosen = sites.filter((s) => result.chosen.includes(s.id));
        expect(violations(chosen, constraints)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("names the rules that conflict when no set is feasible", async () => {
    const sites: SelectionSite[] = [0, 1, 2].map((i) => ({
      id: `s${i}`,
      name: `s${i}`,
      areaId: "q",
      capacity: 40,
      lon: 7.6 + i * 0.05,
      lat: 51.5,
      values: { a: i, b: 1 },
    }));
    // Three sites in one quarter: one per quarter gives at most 40 places, the demand is 100.
    const result = await runSelection({
      sites,
      criteria,
      weights: { a: 1, b: 1 },
      constraints: { ...NONE, onePerArea: true, demand: 100, maxSites: 3 },
    });
    expect(result.status).toBe("infeasible");
    expect(result.conflicts.sort()).toEqual(["demand", "one_per_area"]);
  });

  it("solves a small model to optimality with gap 0", async () => {
    const outcome = await solveMilp(
      {
        scores: [1, 2, 3],
        rows: [
          {
            group: "max_sites",
            terms: [
              [0, 1],
              [1, 1],
              [2, 1],
            ],
            op: "<=",
            rhs: 2,
          },
        ],
      },
      { timeLimitSeconds: 5 },
    );
    expect(outcome).toMatchObject({ status: "optimal", chosen: [1, 2], objective: 5, gap: 0 });
  });

  it("reports which sites stay chosen when the weights move by ±20 %", async () => {
    const sites: SelectionSite[] = [
      {
        id: "strong",
        name: "strong",
        areaId: "q1",
        capacity: 30,
        lon: 7.6,
        lat: 51.5,
        values: { a: 100, b: 0 },
      },
      {
        id: "close",
        name: "close",
        areaId: "q2",
        capacity: 30,
        lon: 7.7,
        lat: 51.5,
        values: { a: 50, b: 45 },
      },
      {
        id: "other",
        name: "other",
        areaId: "q2",
        capacity: 30,
        lon: 7.8,
        lat: 51.5,
        values: { a: 45, b: 50 },
      },
    ];
    const result = await runSelection({
      sites,
      criteria: criteria.map((c) => ({ ...c, direction: "max" as const })),
      weights: { a: 1, b: 1 },
      constraints: { ...NONE, onePerArea: true },
    });
    expect(result.robustnessRuns).toBe(4);
    expect(result.robustness.strong).toBe(4);
    expect(result.robustness.close! + result.robustness.other!).toBe(4);
    expect(result.robustness.close).toBeLessThan(4);
  });
});
