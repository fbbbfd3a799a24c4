import { describe, expect, it } from "vitest";
import {
  AHP_MAX_CRITERIA,
  ahp,
  CONSISTENCY_LIMIT,
  nearestJudgement,
  pairwiseMatrix,
  RANDOM_INDEX,
} from "./ahp.ts";
import { median, normaliseMinMax, prepare, ranks, scaleWeights, topsis, weightedSum } from "./mcda.ts";
import type { SelectionCriterion, SelectionSite } from "./model.ts";

describe("TOPSIS", () => {
  // The widely published five-phone example (price is a cost; storage, camera and looks are
  // benefits; equal weights): performance scores 0.534277, 0.308368, 0.691632, 0.534737, 0.401046, ranks 3 5 1 2 4.
  it("reproduces the published worked example", () => {
    const matrix = [
      [250, 16, 12, 5],
      [200, 16, 8, 3],
      [300, 32, 16, 4],
      [275, 32, 8, 4],
      [225, 16, 16, 2],
    ];
    const scores = topsis(matrix, [1, 1, 1, 1], ["min", "max", "max", "max"]);
    const expected = [0.534277, 0.308368, 0.691632, 0.534737, 0.401046];
    for (const [i, s] of scores.entries()) expect(s).toBeCloseTo(expected[i]!, 6);
    expect(ranks(scores)).toEqual([3, 5, 1, 2, 4]);
  });
});

describe("normalisation and weights", () => {
  it("maps best to 1 and worst to 0 in either direction", () => {
    expect(
      normaliseMinMax(
        [
          [10, 10],
          [20, 30],
          [30, 20],
        ],
        ["max", "min"],
      ),
    ).toEqual([
      [0, 1],
      [0.5, 0],
      [1, 0.5],
    ]);
  });
  it("scores a column without spread as 1", () => {
    expect(normaliseMinMax([[4], [4]], ["max"])).toEqual([[1], [1]]);
  });
  it("refuses weights that sum to 0", () => {
    expect(() => scaleWeights([0, 0])).toThrow(RangeError);
    expect(
      weightedSum(
        [
          [1, 0],
          [0, 1],
        ],
        [3, 1],
      ),
    ).toEqual([0.75, 0.25]);
  });
});

describe("missing data", () => {
  const criteria: SelectionCriterion[] = [
    { id: "a", name: "a", direction: "max", missing: "impute_median" },
    { id: "b", name: "b", direction: "max", missing: "exclude" },
  ];
  const site = (id: string, a: number | null, b: number | null): SelectionSite => ({
    id,
    name: id,
    areaId: "q",
    capacity: 10,
    lon: 7,
    lat: 51,
    values: { a, b },
  });
  it("imputes the median, excludes, or blocks as each criterion says", () => {
    const p = prepare(
      [site("s1", 1, 1), site("s2", null, 2), site("s3", 5, null), site("s4", 3, 4)],
      criteria,
    );
    expect(p.sites.map((s) => s.id)).toEqual(["s1", "s2", "s4"]);
    expect(p.matrix[1]).toEqual([2, 2]);
    expect(p.imputed.get("s2")).toEqual(["a"]);
    expect(p.excluded).toEqual([{ siteId: "s3", criterionId: "b" }]);
    const blocked = prepare([site("s1", null, 1)], [{ ...criteria[0]!, missing: "block" }]);
    expect(blocked.blocked).toEqual([{ criterionId: "a", siteIds: ["s1"] }]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe("AHP pairwise weights (decision 130)", () => {
  const j = (a: string, b: string, favours: "a" | "b", intensity: number) => ({ a, b, favours, intensity });

  it("gives the principal eigenvector, λmax and CR of a 3×3 example (checked against numpy.linalg.eig)", () => {
    // A over B 1/3, A over C 1/2, B over C 3.
    const r = ahp(["A", "B", "C"], [j("A", "B", "b", 3), j("A", "C", "b", 2), j("B", "C", "a", 3)]);
    expect(r.weights.A).toBeCloseTo(0.157056, 5);
    expect(r.weights.B).toBeCloseTo(0.593634, 5);
    expect(r.weights.C).toBeCloseTo(0.249311, 5);
    expect(r.lambdaMax).toBeCloseTo(3.053622, 5);
    expect(r.consistencyRatio).toBeCloseTo(0.053622 / 2 / 0.58, 5);
    expect(r.consistent).toBe(true);
  });

  it("for three criteria equals the rows' geometric means, and a consistent matrix returns its weights with CR 0", () => {
    const js = [j("A", "B", "a", 5), j("A", "C", "b", 2), j("B", "C", "b", 7)];
    const r = ahp(["A", "B", "C"], js);
    const m = pairwiseMatrix(["A", "B", "C"], js);
    const gm = m.map((row) => Math.cbrt(row[0]! * row[1]! * row[2]!));
    const sum = gm.reduce((s, x) => s + x, 0);
    for (const [i, id] of ["A", "B", "C"].entries()) expect(r.weights[id]).toBeCloseTo(gm[i]! / sum, 5);
    // Weights 8 : 4 : 2 : 1 judged exactly.
    const ids = ["w", "x", "y", "z"];
    const exact = ahp(ids, [
      j("w", "x", "a", 2),
      j("w", "y", "a", 4),
      j("w", "z", "a", 8),
      j("x", "y", "a", 2),
      j("x", "z", "a", 4),
      j("y", "z", "a", 2),
    ]);
    expect(Object.values(exact.weights)).toEqual([0.533333, 0.266667, 0.133333, 0.066667]);
    expect(exact.consistencyRatio).toBeCloseTo(0, 6);
    expect(exact.worst).toBeNull();
    // Two criteria are always consistent.
    expect(ahp(["x", "y"], [j("x", "y", "b", 9)])).toMatchObject({ consistencyRatio: 0, consistent: true });
  });

  it("refuses contradictory judgements with CR above 0.1 and names the pair that departs most", () => {
    // 8 : 4 : 2 : 1 again, but y against z turned round to "z is 9 times as important".
    const ids = ["w", "x", "y", "z"];
    const r = ahp(ids, [
      j("w", "x", "a", 2),
      j("w", "y", "a", 4),
      j("w", "z", "a", 8),
      j("x", "y", "a", 2),
      j("x", "z", "a", 4),
      j("y", "z", "b", 9),
    ]);
    expect(r.consistencyRatio).toBeGreaterThan(CONSISTENCY_LIMIT);
    expect(r.consistent).toBe(false);
    expect(r.worst).toMatchObject({ a: "y", b: "z" });
    // Through w and through x the others say y is twice as important as z.
    expect(r.worst!.implied).toEqual({ favours: "a", intensity: 2 });
    expect(r.lambdaMax).toBeGreaterThan(4);
    // A cycle (a > b > c > a) is as inconsistent as it gets.
    expect(
      ahp(["a", "b", "c"], [j("a", "b", "a", 9), j("b", "c", "a", 9), j("a", "c", "b", 9)]).consistent,
    ).toBe(false);
    expect(() => ahp(ids, [j("w", "x", "a", 2)])).toThrow();
    expect(RANDOM_INDEX[AHP_MAX_CRITERIA]).toBe(1.59);
    expect(nearestJudgement(1 / 3.4)).toEqual({ favours: "b", intensity: 3 });
    expect(nearestJudgement(40)).toEqual({ favours: "a", intensity: 9 });
  });
});
