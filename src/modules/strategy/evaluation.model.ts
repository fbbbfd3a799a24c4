/**
 * The evaluation's rules (issue 16, 5; decision 071), pure and browser-safe: the traffic light
 * of an indicator against its target, its roll-up through the goal tree, and the evaluation
 * records' vocabulary.
 */

export const LIGHTS = ["red", "amber", "green", "none"] as const;
export type Light = (typeof LIGHTS)[number];
/** Lights an evaluator may give; "none" is only computed (nothing to judge). */
export const RATINGS = ["red", "amber", "green"] as const;
export type Rating = (typeof RATINGS)[number];
export const EVALUATION_KINDS = ["internal", "external"] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/**
 * Achievement = (actual − baseline) ÷ (expected − baseline): the share of the planned way the
 * indicator has gone. Green from 0.9, amber from 0.5, red below.
 */
export const LIGHT_RULE = { green: 0.9, amber: 0.5 } as const;

export type LightInput = {
  baseline: number | null;
  baselinePeriod: string | null;
  targets: readonly { period: string; value: number }[];
};
export type LightResult = {
  light: Light;
  /** The value planned for the measured period (a target, or on the line towards the next one). */
  expected: number | null;
  achievement: number | null;
};

const year = (p: string | null): number | null => (p && /^\d{4}$/.test(p) ? Number(p) : null);

/**
 * The value planned for `period`: its own target; before the first target, on the straight line
 * from the baseline to the next target (by year); after the last target, the last target.
 */
export function expectedAt(ind: LightInput, period: string | null): number | null {
  const targets = [...ind.targets].sort((a, b) => a.period.localeCompare(b.period));
  if (targets.length === 0) return null;
  const exact = targets.find((t) => t.period === period);
  if (exact) return exact.value;
  const y = year(period);
  if (y === null) return targets[targets.length - 1]!.value;
  const next = targets.find((t) => (year(t.period) ?? 0) > y);
  if (!next) return targets[targets.length - 1]!.value;
  const prev = [...targets].reverse().find((t) => (year(t.period) ?? 0) < y);
  const from = prev
    ? { y: year(prev.period)!, v: prev.value }
    : ind.baseline !== null && year(ind.baselinePeriod) !== null
      ? { y: year(ind.baselinePeriod)!, v: ind.baseline }
      : null;
  const ny = year(next.period)!;
  if (!from || from.y >= ny || y <= from.y) return next.value;
  return from.v + ((next.value - from.v) * (y - from.y)) / (ny - from.y);
}

/**
 * The traffic light of a measured value (decision 071). Without a value or a target: "none".
 * With a baseline that differs from the expected value the direction is known (falling targets
 * work too); without one, or when the level is only to be held, higher is better and the
 * achievement is actual ÷ expected.
 */
export function lightOf(
  ind: LightInput,
  actual: { period: string | null; value: number | null } | null,
): LightResult {
  if (!actual || actual.value === null) return { light: "none", expected: null, achievement: null };
  const expected = expectedAt(ind, actual.period);
  if (expected === null) return { light: "none", expected: null, achievement: null };
  let achievement: number;
  if (ind.baseline !== null && expected !== ind.baseline)
    achievement = (actual.value - ind.baseline) / (expected - ind.baseline);
  else if (expected === 0) achievement = actual.value >= 0 ? 1 : 0;
  else achievement = actual.value / expected;
  const light: Light =
    achievement >= LIGHT_RULE.green ? "green" : achievement >= LIGHT_RULE.amber ? "amber" : "red";
  return { light, expected, achievement: Math.round(achievement * 100) / 100 };
}

export type LightCounts = { red: number; amber: number; green: number };
export type RolledLight = { light: Light; counts: LightCounts };

const WORST: Light[] = ["red", "amber", "green"];

/**
 * Roll-up through the tree: a node's light is the worst light among its own indicators and its
 * subtree (dropped nodes left out), with the counts per light so the badge explains itself.
 */
export function rollUpLights(
  nodes: readonly { id: string; parentId: string | null; status: string }[],
  own: ReadonlyMap<string, readonly Light[]>,
): Map<string, RolledLight> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null || n.status === "dropped") continue;
    children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  }
  const out = new Map<string, RolledLight>();
  const visit = (id: string, seen: Set<string>): LightCounts => {
    const done = out.get(id);
    if (done) return done.counts;
    const counts: LightCounts = { red: 0, amber: 0, green: 0 };
    for (const l of own.get(id) ?? []) if (l !== "none") counts[l]++;
    for (const c of children.get(id) ?? []) {
      if (seen.has(c)) continue;
      const sub = visit(c, new Set([...seen, c]));
      counts.red += sub.red;
      counts.amber += sub.amber;
      counts.green += sub.green;
    }
    out.set(id, { light: WORST.find((l) => counts[l as keyof LightCounts] > 0) ?? "none", counts });
    return counts;
  };
  for (const n of nodes) visit(n.id, new Set([n.id]));
  return out;
}
