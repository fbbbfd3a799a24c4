import type { DynamicsClass, IndexResults, PeriodResults, StatusClass } from "./types.ts";

/**
 * Status and dynamics index after Berlin's Monitoring Soziale Stadtentwicklung: for each index
 * indicator, the z-score of every area's value across the areas (signed so that higher is
 * better), averaged per area; the dynamics index does the same with the change since the
 * previous period. Hidden values are left out, never imputed; an area needs at least half of
 * the indicators for an index value.
 */

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function zScores(values: ReadonlyMap<string, number>): Map<string, number> {
  const xs = [...values.values()];
  const out = new Map<string, number>();
  if (xs.length < 2) return out;
  const m = mean(xs);
  const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  if (sd === 0) {
    for (const id of values.keys()) out.set(id, 0);
    return out;
  }
  for (const [id, x] of values) out.set(id, (x - m) / sd);
  return out;
}

export function statusClassOf(z: number): StatusClass {
  if (z > 1) return "high";
  if (z >= -1) return "medium";
  if (z >= -1.5) return "low";
  return "very_low";
}

export function dynamicsClassOf(z: number): DynamicsClass {
  if (z > 0.5) return "positive";
  if (z < -0.5) return "negative";
  return "stable";
}

export function indexFromResults(results: PeriodResults): IndexResults {
  const used = results.indicators.filter(
    (r) => r.indicator.inStatusIndex && r.indicator.polarity !== "neutral",
  );
  const status = new Map<string, Map<string, number>>();
  const dynamics = new Map<string, Map<string, number>>();
  for (const r of used) {
    const sign = r.indicator.polarity === "lower_is_better" ? -1 : 1;
    const values = new Map<string, number>();
    const changes = new Map<string, number>();
    for (const a of results.areas) {
      const v = r.byArea[a.id]?.value;
      if (v !== null && v !== undefined) values.set(a.id, sign * v);
      const c = r.change[a.id]?.value;
      if (c !== null && c !== undefined) changes.set(a.id, sign * c);
    }
    status.set(r.indicator.code, zScores(values));
    dynamics.set(r.indicator.code, zScores(changes));
  }
  const need = Math.max(1, Math.ceil(used.length / 2));
  return {
    period: results.period,
    previousPeriod: results.previousPeriod,
    dataVersion: results.dataVersion,
    indicators: used.map((r) => r.indicator),
    areas: results.areas.map((area) => {
      const components: IndexResults["areas"][number]["components"] = {};
      const zs: number[] = [];
      const dzs: number[] = [];
      for (const r of used) {
        const z = status.get(r.indicator.code)?.get(area.id) ?? null;
        const dz = dynamics.get(r.indicator.code)?.get(area.id) ?? null;
        components[r.indicator.code] = { z, dz };
        if (z !== null) zs.push(z);
        if (dz !== null) dzs.push(dz);
      }
      const s = used.length && zs.length >= need ? mean(zs) : null;
      const d = used.length && dzs.length >= need ? mean(dzs) : null;
      return {
        area,
        status: s,
        statusClass: s === null ? null : statusClassOf(s),
        dynamics: d,
        dynamicsClass: d === null ? null : dynamicsClassOf(d),
        components,
      };
    }),
  };
}
