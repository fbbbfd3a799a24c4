import { ckmeans } from "simple-statistics";

/**
 * Class breaks for choropleth maps. Each method returns the lower bounds of classes 2…k over the
 * values shown (hidden, missing and sparse areas are left out by the caller), so class i holds
 * the values v with breaks[i-1] ≤ v < breaks[i].
 * - quantile: about the same number of areas per class;
 * - equal_interval: classes of equal width between the smallest and largest value;
 * - natural_breaks: Jenks-style optimal grouping (ckmeans: minimal variance within classes).
 */
export const CLASS_METHODS = ["quantile", "equal_interval", "natural_breaks"] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

export const isClassMethod = (v: unknown): v is ClassMethod =>
  typeof v === "string" && (CLASS_METHODS as readonly string[]).includes(v);

export function classBreaks(values: readonly number[], method: ClassMethod, classes = 4): number[] {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  const distinct = [...new Set(xs)];
  const k = Math.min(Math.max(1, Math.floor(classes)), distinct.length);
  if (k < 2) return [];
  let breaks: number[];
  if (method === "quantile") {
    breaks = [];
    for (let i = 1; i < k; i++) breaks.push(xs[Math.floor((i * xs.length) / k)]!);
  } else if (method === "equal_interval") {
    const min = xs[0]!;
    const width = (xs.at(-1)! - min) / k;
    breaks = Array.from({ length: k - 1 }, (_, i) => min + (i + 1) * width);
  } else {
    breaks = ckmeans(xs, k)
      .slice(1)
      .map((cluster) => cluster[0]!);
  }
  // Strictly increasing, and above the minimum (an empty first class helps nobody).
  return [...new Set(breaks)].filter((b) => b > xs[0]!).sort((a, b) => a - b);
}

/** The class (0 … breaks.length) of a value. */
export const classIndex = (v: number, breaks: readonly number[]) => breaks.filter((b) => v >= b).length;
