import { describe, expect, it } from "vitest";
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
