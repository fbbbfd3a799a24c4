/**
 * XLSForm `range` questions: their `parameters` ("start=1 end=10 step=1", separated by spaces,
 * commas or semicolons; pyxform's defaults 1, 10, 1) and whether an answer lies on the scale.
 */
export type RangeSpec = { start: number; end: number; step: number };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The range a question's parameters describe, or null when they are not numbers (or step is 0). */
export function rangeOf(parameters: string | undefined): RangeSpec | null {
  const spec: RangeSpec = { start: 1, end: 10, step: 1 };
  for (const pair of (parameters ?? "").replace(/\s*=\s*/g, "=").split(/[\s,;]+/)) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    if (at <= 0) return null;
    const key = pair.slice(0, at).toLowerCase();
    const value = pair.slice(at + 1);
    if (key !== "start" && key !== "end" && key !== "step") continue; // e.g. tick_interval
    if (!NUMBER.test(value)) return null;
    spec[key] = Number(value);
  }
  return spec.step === 0 ? null : spec;
}

/** On the scale: between start and end (either way round) and a whole number of steps from start. */
export function inRange(value: number, spec: RangeSpec | null): boolean {
  if (!spec) return false;
  const lo = Math.min(spec.start, spec.end);
  const hi = Math.max(spec.start, spec.end);
  if (value < lo || value > hi) return false;
  const steps = (value - spec.start) / spec.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}
