import { describe, expect, it } from "vitest";
import {
  depthOf,
  parseEuroToCents,
  type RollUpInput,
  rollUp,
  subtreeHeight,
  unitMismatches,
  wouldCycle,
} from "./model.ts";

const node = (id: string, parentId: string | null, o: Partial<RollUpInput> = {}): RollUpInput => ({
  id,
  parentId,
  weight: 1,
  status: "running",
  progress: null,
  ...o,
});

describe("rollUp", () => {
  it("weights children and names the source of every number", () => {
    const p = rollUp([
      node("root", null),
      node("a", "root", { weight: 3, progress: 100 }),
      node("b", "root", { weight: 1, progress: 20 }),
      node("c", "root", { weight: 5, status: "dropped", progress: 0 }),
    ]);
    expect(p.get("root")).toEqual({ value: 80, source: { kind: "children", count: 2, weightSum: 4 } });
    expect(p.get("a")).toEqual({ value: 100, source: { kind: "own" } });
  });

  it("takes a leaf's status default when it has no own figure, and rolls up over levels", () => {
    const p = rollUp([
      node("root", null),
      node("goal", "root"),
      node("m1", "goal", { status: "done" }),
      node("m2", "goal", { status: "planned" }),
    ]);
    expect(p.get("m1")).toEqual({ value: 100, source: { kind: "status", status: "done" } });
    expect(p.get("goal")?.value).toBe(50);
    expect(p.get("root")?.value).toBe(50);
  });

  it("reports a weight sum of 0 instead of dividing by it", () => {
    const p = rollUp([node("root", null), node("a", "root", { weight: 0, progress: 50 })]);
    expect(p.get("root")).toEqual({ value: null, source: { kind: "error", code: "weight_sum_zero" } });
  });

  it("a running leaf without a figure has no progress (and says so)", () => {
    expect(rollUp([node("x", null)]).get("x")?.source).toEqual({ kind: "error", code: "no_progress" });
  });
});

describe("wouldCycle and depth", () => {
  const tree = [
    { id: "a", parentId: null },
    { id: "b", parentId: "a" },
    { id: "c", parentId: "b" },
    { id: "d", parentId: null },
  ];
  it("refuses a move under the node itself or a descendant", () => {
    expect(wouldCycle(tree, "a", "c")).toBe(true);
    expect(wouldCycle(tree, "a", "a")).toBe(true);
    expect(wouldCycle(tree, "b", "d")).toBe(false);
    expect(wouldCycle(tree, "c", null)).toBe(false);
  });
  it("measures depth below a parent and the height of a subtree", () => {
    expect(depthOf(tree, null)).toBe(1);
    expect(depthOf(tree, "c")).toBe(4);
    expect(subtreeHeight(tree, "a")).toBe(3);
    expect(subtreeHeight(tree, "d")).toBe(1);
  });
});

describe("units and money", () => {
  it("finds targets in another unit than the indicator's", () => {
    expect(unitMismatches("percent", [{ unit: "percent" }, { unit: "count" }, {}])).toEqual([1]);
  });
  it("reads euro amounts as Germans type them, into cents", () => {
    expect(parseEuroToCents("1.234,56")).toBe(123456);
    expect(parseEuroToCents("5.000")).toBe(500000);
    expect(parseEuroToCents("12,5 €")).toBe(1250);
    expect(parseEuroToCents("12")).toBe(1200);
    expect(parseEuroToCents("1,234.56")).toBeNull();
    expect(parseEuroToCents("zwölf")).toBeNull();
    expect(parseEuroToCents("")).toBeNull();
  });
});
