/**
 * The site selection as a mixed-integer linear programme (decision 053), solved by HiGHS (npm
 * `highs`, WebAssembly). One binary x_i per eligible site; maximise Σ score_i·x_i subject to the
 * council's rules, each rule a named group of rows so an infeasible model can be explained by
 * which groups conflict.
 */
import loadHighs, { type Highs } from "highs";
import type { ConstraintGroup, SelectionConstraints, SelectionSite } from "./model.ts";

export type Row = {
  group: ConstraintGroup;
  terms: [index: number, coef: number][];
  op: "<=" | ">=";
  rhs: number;
};
export type Milp = { scores: number[]; rows: Row[] };
export type MilpOutcome =
  | { status: "optimal" | "time_limit"; chosen: number[]; objective: number; gap: number }
  | { status: "infeasible" };

let loaded: Promise<Highs> | undefined;
/** HiGHS is loaded once per process (the WebAssembly module is ~3 MB). */
export const highs = (): Promise<Highs> => {
  loaded ??= loadHighs();
  return loaded;
};

/** Great-circle distance in metres (haversine; enough for sites within one town). */
export function distanceMeters(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Is the site's burden value worse than the limit? A site without the value is not left out. */
export function worseThanLimit(site: SelectionSite, burden: SelectionConstraints["burden"]): boolean {
  const v = burden ? site.values[burden.criterionId] : null;
  if (!burden || typeof v !== "number") return false;
  return burden.direction === "max" ? v < burden.limit : v > burden.limit;
}

/** The rows of every rule group for the eligible sites (burden values read from the raw site). */
export function buildRows(sites: SelectionSite[], c: SelectionConstraints): Row[] {
  const rows: Row[] = [];
  const index = new Map(sites.map((s, i) => [s.id, i]));
  const off = (group: ConstraintGroup, i: number) => rows.push({ group, terms: [[i, 1]], op: "<=", rhs: 0 });
  if (c.onePerArea) {
    const occupied = new Set(c.occupiedAreaIds);
    const byArea = new Map<string, number[]>();
    sites.forEach((s, i) => {
      byArea.set(s.areaId, [...(byArea.get(s.areaId) ?? []), i]);
    });
    for (const [areaId, ids] of byArea) {
      const rhs = occupied.has(areaId) ? 0 : 1;
      if (ids.length > rhs)
        rows.push({ group: "one_per_area", terms: ids.map((i) => [i, 1]), op: "<=", rhs });
    }
  }
  if (c.burden) {
    sites.forEach((s, i) => {
      if (worseThanLimit(s, c.burden)) off("burden", i);
    });
  }
  sites.forEach((s, i) => {
    if (s.capacity > c.maxCapacity) off("capacity", i);
  });
  if (c.demand > 0)
    rows.push({ group: "demand", terms: sites.map((s, i) => [i, s.capacity]), op: ">=", rhs: c.demand });
  if (c.minDistanceMeters && c.minDistanceMeters > 0)
    for (let i = 0; i < sites.length; i++)
      for (let j = i + 1; j < sites.length; j++)
        if (distanceMeters(sites[i]!, sites[j]!) < c.minDistanceMeters)
          rows.push({
            group: "min_distance",
            terms: [
              [i, 1],
              [j, 1],
            ],
            op: "<=",
            rhs: 1,
          });
  for (const id of c.forced) {
    const i = index.get(id);
    if (i !== undefined) rows.push({ group: "forced", terms: [[i, 1]], op: ">=", rhs: 1 });
  }
  for (const id of c.excluded) {
    const i = index.get(id);
    if (i !== undefined) off("excluded", i);
  }
  if (c.maxSites !== null)
    rows.push({ group: "max_sites", terms: sites.map((_, i) => [i, 1]), op: "<=", rhs: c.maxSites });
  return rows;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(12));

/** CPLEX LP text for the model with the given groups switched off. */
export function toLp(m: Milp, without: ReadonlySet<ConstraintGroup> = new Set()): string {
  const n = m.scores.length;
  const vars = Array.from({ length: n }, (_, i) => `x${i}`);
  const obj = m.scores.map((s, i) => `${s >= 0 ? "+" : "-"} ${num(Math.abs(s))} x${i}`).join(" ");
  const rows = m.rows
    .filter((r) => !without.has(r.group))
    .map(
      (r, k) =>
        ` r${k}: ${r.terms.map(([i, c]) => `${c >= 0 ? "+" : "-"} ${num(Math.abs(c))} x${i}`).join(" ")} ${r.op} ${num(r.rhs)}`,
    );
  // A model without rows still needs a "Subject To" section: an always-true row keeps it valid.
  if (!rows.length) rows.push(` r0: ${vars.length ? `${vars[0]} >= 0` : ""}`);
  return [
    "Maximize",
    ` obj: ${obj || "0 x0"}`,
    "Subject To",
    ...rows,
    "Binaries",
    ` ${vars.join(" ")}`,
    "End",
  ].join("\n");
}

const FEASIBLE = 2; // HiGHS kSolutionStatusFeasible

/** Solves once. A time limit returns the best set found with its relative gap. */
export async function solveMilp(
  m: Milp,
  opts: { timeLimitSeconds: number; without?: ReadonlySet<ConstraintGroup> },
): Promise<MilpOutcome> {
  if (!m.scores.length)
    return m.rows.some((r) => !opts.without?.has(r.group) && r.op === ">=" && r.rhs > 0)
      ? { status: "infeasible" }
      : { status: "optimal", chosen: [], objective: 0, gap: 0 };
  const h = await highs();
  return h.withModel({ format: "lp", data: toLp(m, opts.without) }, (model) => {
    model.options.set({ output_flag: false, time_limit: opts.timeLimitSeconds, mip_rel_gap: 1e-9 });
    model.run();
    const status = model.getModelStatus();
    const hasSolution = model.info.get("primal_solution_status") === FEASIBLE;
    if (
      status === h.constants.modelStatus.optimal ||
      (status === h.constants.modelStatus.timeLimit && hasSolution)
    ) {
      const values = model.getSolution().colValue;
      const chosen = [...values.keys()].filter((i) => values[i]! > 0.5);
      const optimal = status === h.constants.modelStatus.optimal;
      const gap = optimal ? 0 : Number(model.info.get("mip_gap"));
      return {
        status: optimal ? "optimal" : "time_limit",
        chosen,
        objective: chosen.reduce((a, i) => a + m.scores[i]!, 0),
        gap: Number.isFinite(gap) ? gap : 1,
      } as const;
    }
    return { status: "infeasible" } as const;
  });
}

/**
 * A smallest set of rule groups that cannot all hold (deletion filter over groups): drop each
 * group in turn; if the rest is still infeasible the group is not needed for the conflict.
 */
export async function explainInfeasible(m: Milp, timeLimitSeconds: number): Promise<ConstraintGroup[]> {
  const present = [...new Set(m.rows.map((r) => r.group))];
  let needed = [...present];
  for (const g of present) {
    const trial = needed.filter((x) => x !== g);
    const off = new Set(present.filter((x) => !trial.includes(x)));
    const r = await solveMilp(m, { timeLimitSeconds, without: off });
    if (r.status === "infeasible") needed = trial;
  }
  return needed;
}
