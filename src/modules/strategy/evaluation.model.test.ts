import { describe, expect, it } from "vitest";
import { expectedAt, lightOf, rollUpLights } from "./evaluation.model.ts";

const ind = { baseline: 10, baselinePeriod: "2024", targets: [{ period: "2028", value: 30 }] };

describe("traffic light", () => {
  it("expects the value on the line from the baseline to the next target, the target itself, or the last one", () => {
    expect(expectedAt(ind, "2026")).toBe(20);
    expect(expectedAt(ind, "2028")).toBe(30);
    expect(expectedAt(ind, "2030")).toBe(30);
    expect(expectedAt({ ...ind, targets: [] }, "2026")).toBeNull();
  });

  it("is green from 90 % of the planned way, amber from 50 %, red below, none without a value", () => {
    // Expected 20 in 2026: the way from 10 is 10.
    expect(lightOf(ind, { period: "2026", value: 19 })).toEqual({
      light: "green",
      expected: 20,
      achievement: 0.9,
    });
    expect(lightOf(ind, { period: "2026", value: 15 }).light).toBe("amber");
    expect(lightOf(ind, { period: "2026", value: 14 }).light).toBe("red");
    expect(lightOf(ind, { period: "2026", value: null }).light).toBe("none");
    expect(lightOf(ind, null).light).toBe("none");
  });

  it("knows falling targets from the baseline, and without a baseline higher is better", () => {
    const falling = { baseline: 40, baselinePeriod: "2024", targets: [{ period: "2026", value: 20 }] };
    expect(lightOf(falling, { period: "2026", value: 22 }).light).toBe("green");
    expect(lightOf(falling, { period: "2026", value: 38 }).light).toBe("red");
    const bare = { baseline: null, baselinePeriod: null, targets: [{ period: "2026", value: 10 }] };
    expect(lightOf(bare, { period: "2026", value: 6 })).toMatchObject({ light: "amber", achievement: 0.6 });
  });
});

describe("roll-up of lights", () => {
  it("takes the worst light of the subtree, counts each, and leaves out dropped nodes", () => {
    const nodes = [
      { id: "root", parentId: null, status: "running" },
      { id: "a", parentId: "root", status: "running" },
      { id: "b", parentId: "root", status: "running" },
      { id: "gone", parentId: "root", status: "dropped" },
      { id: "a1", parentId: "a", status: "running" },
    ];
    const own = new Map([
      ["a1", ["green", "amber"] as const],
      ["b", ["green", "none"] as const],
      ["gone", ["red"] as const],
    ]);
    const r = rollUpLights(nodes, own);
    expect(r.get("root")).toEqual({ light: "amber", counts: { red: 0, amber: 1, green: 2 } });
    expect(r.get("b")).toEqual({ light: "green", counts: { red: 0, amber: 0, green: 1 } });
    expect(r.get("gone")?.light).toBe("red");
    expect(r.get("a")?.light).toBe("amber");
  });
});
