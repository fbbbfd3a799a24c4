import { describe, expect, it } from "vitest";
import { classBreaks, classIndex } from "./classify.ts";

describe("class breaks", () => {
  const values = [1, 2, 3, 4, 10, 11, 12, 30, 31, 32];

  it("quantile puts about the same number of areas in each class", () => {
    const b = classBreaks(values, "quantile", 2);
    expect(b).toEqual([11]);
    expect(values.filter((v) => classIndex(v, b) === 0)).toHaveLength(5);
  });

  it("equal interval splits the range into equal widths", () => {
    expect(classBreaks(values, "equal_interval", 4)).toEqual([8.75, 16.5, 24.25]);
  });

  it("natural breaks finds the gaps in the data", () => {
    expect(classBreaks(values, "natural_breaks", 3)).toEqual([10, 30]);
  });

  it("copes with fewer distinct values than classes, one value, or none", () => {
    expect(classBreaks([5, 5, 5], "natural_breaks", 4)).toEqual([]);
    expect(classBreaks([5, 7], "quantile", 4)).toEqual([7]);
    expect(classBreaks([], "equal_interval", 4)).toEqual([]);
    expect(classBreaks([2, 2, 9], "equal_interval", 5)).toEqual([5.5]);
  });
});
