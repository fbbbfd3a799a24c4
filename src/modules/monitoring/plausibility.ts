import { evaluateFormula, type Formula, parseFormula } from "./formula.ts";
import { FINDING_REASONS, type PlausibilityFinding, type PlausibilityRule, type ValueType } from "./model.ts";

/**
 * The plausibility check before approval (decision 133). Pure and linear in the values: one
 * pass over the period's values (negative counts, counts above the area's population, jumps
 * from the previous period), and one evaluation per share indicator and area.
 */

export type PlausibilityValue = {
  period: string;
  element: string;
  areaId: string;
  breakdown: string;
  value: number;
};
export type PlausibilityElement = {
  code: string;
  labelKey: string | null;
  name: string;
  valueType: ValueType;
};
export type PlausibilityIndicator = {
  code: string;
  labelKey: string | null;
  name: string;
  numerator: string;
  denominator: string | null;
  unit: string;
  factor: number;
};
export type PlausibilityInput = {
  period: string;
  rule: PlausibilityRule;
  /** The values of the period and the earlier periods the check reads (external elements only). */
  values: readonly PlausibilityValue[];
  elements: ReadonlyMap<string, PlausibilityElement>;
  indicators: readonly PlausibilityIndicator[];
  areas: ReadonlyMap<string, { id: string; code: string; name: string }>;
  /** The data element holding the population (its total and breakdowns). */
  populationElement: string;
};

const key = (period: string, element: string, areaId: string, breakdown: string) =>
  `${period}|${element}|${areaId}|${breakdown}`;

/** Whether `value` jumped from `before` by more than the factor, both sides judged only above the base. */
export function isJump(before: number, value: number, rule: PlausibilityRule): boolean {
  if (before < 0 || value < 0) return false;
  if (Math.max(before, value) < rule.minBase) return false;
  if (before === 0 || value === 0) return true;
  return value > before * rule.jumpFactor || value * rule.jumpFactor < before;
}

/**
 * A share: a percentage of a part in a whole — unit percent, factor 100, a denominator, and
 * only added terms (a change such as `population - population@-1` may well be negative).
 */
function shareFormulas(i: PlausibilityIndicator): { numerator: Formula; denominator: Formula } | null {
  if (i.unit !== "percent" || i.factor !== 100 || i.denominator === null) return null;
  const n = parseFormula(i.numerator);
  const d = parseFormula(i.denominator);
  if (!n.ok || !d.ok) return null;
  if ([...n.formula.terms, ...d.formula.terms].some((t) => t.sign !== 1)) return null;
  return { numerator: n.formula, denominator: d.formula };
}

export function findImplausible(input: PlausibilityInput): PlausibilityFinding[] {
  const { period, rule, elements, areas } = input;
  const previous = String(Number(period) - 1);
  const index = new Map<string, number>();
  for (const v of input.values) index.set(key(v.period, v.element, v.areaId, v.breakdown), v.value);
  const findings: PlausibilityFinding[] = [];
  const areaOf = (id: string) => areas.get(id) ?? { id, code: id, name: id };

  for (const v of input.values) {
    if (v.period !== period) continue;
    const element = elements.get(v.element);
    if (!element) continue;
    const finding = (reason: PlausibilityFinding["reason"], compared: number | null) =>
      findings.push({
        reason,
        kind: "element",
        code: element.code,
        labelKey: element.labelKey,
        name: element.name,
        area: areaOf(v.areaId),
        period,
        breakdown: v.breakdown,
        value: v.value,
        compared,
        gridElement: element.code,
      });
    if (element.valueType === "count" && v.value < 0) finding("negative", null);
    if (element.valueType === "count" && v.element !== input.populationElement) {
      // The population of the same breakdown where it is known, else the area's total.
      const population =
        index.get(key(period, input.populationElement, v.areaId, v.breakdown)) ??
        index.get(key(period, input.populationElement, v.areaId, ""));
      if (population !== undefined && v.value > population) finding("above_population", population);
    }
    const before = index.get(key(previous, v.element, v.areaId, v.breakdown));
    if (before !== undefined && isJump(before, v.value, rule)) finding("jump", before);
  }

  const areaIds = new Set<string>();
  for (const v of input.values) if (v.period === period) areaIds.add(v.areaId);
  for (const indicator of input.indicators) {
    const share = shareFormulas(indicator);
    if (!share) continue;
    // The value to correct is the numerator's, unless Lotse computes it (no grid then).
    const gridElement =
      share.numerator.terms.map((t) => t.element).find((code) => elements.has(code)) ?? null;
    for (const areaId of areaIds) {
      const lookup = (element: string, breakdown: string, offset: number) =>
        index.get(key(String(Number(period) + offset), element, areaId, breakdown));
      const n = evaluateFormula(share.numerator, lookup);
      const d = evaluateFormula(share.denominator, lookup);
      if (n === undefined || d === undefined || d === 0) continue;
      const value = (n / d) * 100;
      if (value >= 0 && value <= 100) continue;
      findings.push({
        reason: "share_out_of_range",
        kind: "indicator",
        code: indicator.code,
        labelKey: indicator.labelKey,
        name: indicator.name,
        area: areaOf(areaId),
        period,
        breakdown: "",
        value,
        compared: null,
        gridElement,
      });
    }
  }

  const order = (f: PlausibilityFinding) => FINDING_REASONS.indexOf(f.reason);
  return findings.sort(
    (a, b) =>
      order(a) - order(b) ||
      a.code.localeCompare(b.code) ||
      a.area.code.localeCompare(b.area.code) ||
      a.breakdown.localeCompare(b.breakdown),
  );
}
