import { describe, expect, it } from "vitest";
import { deriveWeights, type Summary } from "./dialogue-model.ts";

const shown = (name: string, q1: number, median: number, q3: number, n = 9): Summary => ({
  name,
  n: { value: n, suppressed: null },
  q1,
  median,
  q3,
});
const criteria = [{ id: "a" }, { id: "b" }, { id: "c" }];

describe("weights from a dialogue's answers (decision 114)", () => {
  it("takes the median rating; a criterion not asked weighs 0", () => {
    const d = deriveWeights(criteria, { a: "qa", b: "qb" }, "rating", [
      shown("qa", 3, 4, 5),
      shown("qb", 1, 2, 2),
    ]);
    expect(d.status).toBe("ok");
    expect(d.weights).toEqual({ a: 4, b: 2, c: 0 });
    expect(d.rows.map((r) => r.share)).toEqual([0.666667, 0.333333, 0]);
    expect(d.rows[2]).toMatchObject({ question: null, weight: 0 });
  });

  it("turns ranks into k + 1 − rank points, the quartiles swapping ends", () => {
    // Three criteria ranked: median ranks 1, 2 and 3 → points 3, 2, 1.
    const d = deriveWeights(criteria, { a: "ra", b: "rb", c: "rc" }, "rank", [
      shown("ra", 1, 1, 2),
      shown("rb", 1, 2, 3),
      shown("rc", 2, 3, 3),
    ]);
    expect(d.weights).toEqual({ a: 3, b: 2, c: 1 });
    expect(d.rows[0]).toMatchObject({ q1: 2, median: 3, q3: 3 });
    expect(d.rows[2]).toMatchObject({ q1: 1, median: 1, q3: 2 });
  });

  it("gives no weights when a count is hidden, an answer is missing, nothing is asked or all are 0", () => {
    const hidden: Summary = {
      name: "qa",
      n: { value: null, suppressed: "primary" },
      q1: null,
      median: null,
      q3: null,
    };
    expect(deriveWeights(criteria, { a: "qa" }, "rating", [hidden])).toMatchObject({
      status: "suppressed",
      weights: null,
    });
    const none: Summary = { name: "qa", n: { value: 0, suppressed: null }, q1: null, median: null, q3: null };
    expect(deriveWeights(criteria, { a: "qa" }, "rating", [none]).status).toBe("no_answers");
    expect(deriveWeights(criteria, {}, "rating", []).status).toBe("unmapped");
    // A scale from −2 to 2 whose median is negative counts as 0, never as a negative weight.
    expect(deriveWeights(criteria, { a: "qa" }, "rating", [shown("qa", -2, -1, 0)])).toMatchObject({
      status: "sum_zero",
      weights: null,
    });
  });
});
