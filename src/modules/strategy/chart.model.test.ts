import { describe, expect, it } from "vitest";
import { chartGeometry, niceStep } from "./chart.model.ts";

describe("indicator chart geometry", () => {
  it("steps by 1, 2 or 5 × 10^n", () => {
    expect(niceStep(100)).toBe(50);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0)).toBe(1);
  });

  it("places baseline, targets and actuals on one scale, periods left to right", () => {
    const g = chartGeometry({
      baseline: 10,
      baselinePeriod: "2024",
      series: [
        { period: "2026", target: 40, actual: null },
        { period: "2025", target: 20, actual: 15 },
      ],
    })!;
    expect(g.xTicks.map((t) => t.label)).toEqual(["2024", "2025", "2026"]);
    expect(g.target.map((p) => p.period)).toEqual(["2025", "2026"]);
    expect(g.actual).toHaveLength(1);
    // Higher values sit higher (smaller y); the baseline lies between 0 and the first target.
    expect(g.target[1]!.y).toBeLessThan(g.target[0]!.y);
    expect(g.baselineY).toBeGreaterThan(g.target[0]!.y);
    expect(g.yTicks[0]!.value).toBe(0);
    expect(g.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(40);
  });

  it("draws nothing without a number", () => {
    expect(
      chartGeometry({
        baseline: null,
        baselinePeriod: null,
        series: [{ period: "2025", target: null, actual: null }],
      }),
    ).toBeNull();
  });
});
