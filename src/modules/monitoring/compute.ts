import { type LinearQuantity, recoverable, suppressLinear } from "../statistics/linear-audit.ts";
import { isSmallCount, type SmallCellRule, type Suppression } from "../statistics/small-cells.ts";
import { ageLimitsOf, type Formula, parseFormula, termKeys } from "./formula.ts";
import type { BreakdownDimension, ReleaseDefinitions } from "./schema.ts";
import type { IndicatorDefinition, IndicatorResult, MonitoringCell } from "./types.ts";

/**
 * Indicator values per area and for the city, with the small-cell rule applied jointly
 * (decision 016). Pure: the service feeds it released values; nothing here reads the database.
 */

export type StoredValue = { value: number; synthetic: boolean };
/** period → "element|areaId|breakdown" → value */
export type ValueIndex = Map<string, Map<string, StoredValue>>;

export const valueKey = (element: string, areaId: string, breakdown: string) =>
  `${element}|${areaId}|${breakdown}`;

export type ParsedIndicator = {
  definition: IndicatorDefinition;
  numerator: Formula | null;
  denominator: Formula | null;
};

export function parseIndicators(defs: ReleaseDefinitions["indicators"]): ParsedIndicator[] {
  return defs.map((d) => {
    const n = parseFormula(d.numerator);
    const den = d.denominator ? parseFormula(d.denominator) : null;
    const numerator = n.ok ? n.formula : null;
    const denominator = den?.ok ? den.formula : null;
    const elements = new Set<string>();
    for (const f of [numerator, denominator]) for (const t of f?.terms ?? []) elements.add(t.element);
    return {
      definition: {
        ...d,
        ageLimits: { numerator: ageLimitsOf(numerator), denominator: ageLimitsOf(denominator) },
        elements: [...elements],
      },
      numerator,
      // A denominator that does not parse makes the indicator uncomputable, never a count.
      denominator: d.denominator && !denominator ? ({ terms: [] } as Formula) : denominator,
    };
  });
}

const shiftPeriod = (period: string, offset: number) => String(Number(period) + offset);

type Linear = { atoms: number[]; minus: number[]; value: number; synthetic: boolean } | null;

/** Numbers the stored values a period's figures draw on, so they can be audited as a linear system. */
class AtomTable {
  private ids = new Map<string, number>();
  readonly values: number[] = [];
  readonly keys: string[] = [];
  id(key: string, value: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
      this.keys.push(key);
    }
    return id;
  }
}

function linearOf(
  f: Formula,
  values: ValueIndex,
  period: string,
  areaIds: readonly string[],
  atoms: AtomTable,
): Linear {
  const plus: number[] = [];
  const minus: number[] = [];
  let sum = 0;
  let synthetic = false;
  for (const t of f.terms) {
    const p = shiftPeriod(period, t.offset);
    const byKey = values.get(p);
    for (const key of termKeys(t)) {
      for (const areaId of areaIds) {
        const k = valueKey(t.element, areaId, key);
        const v = byKey?.get(k);
        if (!v || !Number.isFinite(v.value)) return null;
        const atom = atoms.id(`${p}|${k}`, v.value);
        (t.sign === 1 ? plus : minus).push(atom);
        sum += t.sign * v.value;
        synthetic ||= v.synthetic;
      }
    }
  }
  if (f.terms.length === 0) return null;
  return { atoms: plus, minus, value: sum, synthetic };
}

const EMPTY: MonitoringCell = { value: null, suppressed: null, missing: "no_data", synthetic: false };

export type PeriodComputation = {
  byIndicator: Map<string, { byArea: Map<string, MonitoringCell>; city: MonitoringCell }>;
  /** Everything published or hidden so far, up to and including this period (see AuditState). */
  audit: AuditState;
};

/**
 * What readers have been shown (and what was kept from them) by the periods published before,
 * as figures over stored values named by "period|element|area|breakdown". Period t's formulas
 * read period t−1 (`@-1`), and the previous year's change is published beside this year's, so a
 * reader combines the years: a figure hidden last year must not follow from this year's figures
 * together with last year's. Each period's audit therefore starts from the previous period's
 * final state: what was shown stays shown (it cannot be taken back), what was hidden must stay
 * unrecoverable.
 */
export type AuditState = {
  quantities: { atoms: string[]; minus: string[]; value: number; fixed: boolean; hidden: boolean }[];
};

/**
 * Computes every indicator for every area and the city (Σ over the areas) in one period, then
 * suppresses: primary by the rule, secondary on the linear system of everything published —
 * counts, and the numerators and denominators of the rates shown (a rate and its published base
 * reveal the numerator) — plus every small stored value a reader could otherwise derive (e.g.
 * "diverse" = total − female − male).
 */
export function computePeriod(
  indicators: readonly ParsedIndicator[],
  values: ValueIndex,
  period: string,
  areaIds: readonly string[],
  dimensions: ReadonlyMap<string, Partial<Record<BreakdownDimension, string[]>>>,
  rule: SmallCellRule,
  prior?: AuditState,
): PeriodComputation {
  const atoms = new AtomTable();
  type Slot = {
    indicator: string;
    area: string | null; // null = city
    num: Linear;
    den: Linear | undefined; // undefined: a count indicator
    cell: MonitoringCell;
    quantities: number[];
    primary: boolean;
  };
  const slots: Slot[] = [];
  const quantities: LinearQuantity[] = [];
  const primaryFlags: boolean[] = [];
  const addQuantity = (l: NonNullable<Linear>, primary: boolean, priority: number) => {
    quantities.push({ atoms: l.atoms, minus: l.minus, value: Math.abs(l.value), priority });
    primaryFlags.push(primary);
    return quantities.length - 1;
  };

  for (const ind of indicators) {
    const d = ind.definition;
    const targets: (string | null)[] = [...areaIds, null];
    for (const area of targets) {
      const ids = area === null ? areaIds : [area];
      const num = ind.numerator ? linearOf(ind.numerator, values, period, ids, atoms) : null;
      const den = ind.denominator ? linearOf(ind.denominator, values, period, ids, atoms) : undefined;
      const slot: Slot = { indicator: d.code, area, num, den, cell: EMPTY, quantities: [], primary: false };
      slots.push(slot);
      if (!num || den === null) continue;
      const synthetic = num.synthetic || (den?.synthetic ?? false);
      if (den === undefined) {
        const small = isSmallCount(Math.abs(num.value), rule);
        slot.primary = small;
        slot.cell = { value: num.value, suppressed: null, missing: null, synthetic };
        slot.quantities.push(addQuantity(num, small, area === null ? 1 : 0));
        continue;
      }
      if (den.value === 0) {
        slot.cell = { value: null, suppressed: null, missing: "zero_denominator", synthetic };
        continue;
      }
      const small =
        den.value < rule.minDenominator ||
        (num.value !== 0 && Math.abs(num.value) < rule.minNumerator) ||
        isSmallCount(Math.abs(den.value), rule);
      slot.primary = small;
      slot.cell = { value: (num.value / den.value) * d.factor, suppressed: null, missing: null, synthetic };
      // A hidden rate protects its numerator (else the rate could be recomputed from the
      // published base); the base itself only when it is a small count.
      slot.quantities.push(addQuantity(num, small, area === null ? 1 : 0));
      slot.quantities.push(addQuantity(den, isSmallCount(Math.abs(den.value), rule), area === null ? 2 : 1));
    }
  }

  // Small stored values nobody publishes directly must not be derivable either. The known
  // identities (a total is the sum of each dimension's options) are published relations.
  const stored = values.get(period);
  if (stored) {
    for (const [key, v] of stored) {
      const [element, areaId] = key.split("|") as [string, string, string];
      if (!areaIds.includes(areaId)) continue;
      if (isSmallCount(v.value, rule)) {
        quantities.push({ atoms: [atoms.id(`${period}|${key}`, v.value)], value: v.value, priority: 0 });
        primaryFlags.push(true);
      }
      const breakdown = key.slice(element.length + areaId.length + 2);
      if (breakdown !== "") continue;
      const dims = dimensions.get(element) ?? {};
      for (const [dim, options] of Object.entries(dims)) {
        if (!options?.length) continue;
        const parts = options.map((o) => stored.get(valueKey(element, areaId, `${dim}:${o}`)));
        if (parts.some((p) => p === undefined)) continue;
        // total − Σ options = 0: a visible relation with value 0.
        quantities.push({
          atoms: [atoms.id(`${period}|${key}`, v.value)],
          minus: options.map((o, i) =>
            atoms.id(`${period}|${valueKey(element, areaId, `${dim}:${o}`)}`, parts[i]!.value),
          ),
          value: 0,
          fixed: true,
        });
        primaryFlags.push(false);
      }
    }
  }

  // Earlier periods: shown figures are facts every reader has; hidden ones stay protected.
  const ownCount = quantities.length;
  for (const q of prior?.quantities ?? []) {
    quantities.push({
      atoms: q.atoms.map((k) => atoms.id(k, Number.NaN)),
      minus: q.minus.map((k) => atoms.id(k, Number.NaN)),
      value: q.value,
      priority: 0,
      fixed: q.fixed || !q.hidden,
    });
    primaryFlags.push(q.hidden);
  }

  // A figure earlier periods already published (a base read with @-1, say) cannot be taken
  // back: protecting it now would only make the audit hide everything. Its cell stays hidden
  // by the rule, but the audit treats it as known.
  if (prior?.quantities.length) {
    const onlyPrior = quantities.map((_, i) => i < ownCount || primaryFlags[i] === true);
    for (const { index } of recoverable(quantities, onlyPrior))
      if (index < ownCount && primaryFlags[index]) primaryFlags[index] = false;
  }

  const hidden = suppressLinear(quantities, primaryFlags);
  const audit: AuditState = {
    quantities: quantities.map((q, i) => ({
      atoms: q.atoms.map((a) => atoms.keys[a]!),
      minus: (q.minus ?? []).map((a) => atoms.keys[a]!),
      value: q.value,
      fixed: q.fixed === true,
      hidden: hidden[i] === true,
    })),
  };
  const result: PeriodComputation = { byIndicator: new Map(), audit };
  for (const s of slots) {
    let entry = result.byIndicator.get(s.indicator);
    if (!entry) {
      entry = { byArea: new Map(), city: EMPTY };
      result.byIndicator.set(s.indicator, entry);
    }
    let cell = s.cell;
    if (cell.missing === null && (s.primary || s.quantities.some((q) => hidden[q]))) {
      const suppressed: Suppression = s.primary ? "primary" : "secondary";
      cell = { value: null, suppressed, missing: null, synthetic: cell.synthetic };
    }
    if (s.area === null) entry.city = cell;
    else entry.byArea.set(s.area, cell);
  }
  return result;
}

/** Value minus the previous period's (hidden when either side is). */
export function changeCell(
  now: MonitoringCell | undefined,
  before: MonitoringCell | undefined,
): MonitoringCell {
  if (!now || !before) return EMPTY;
  if (now.suppressed || before.suppressed)
    return { value: null, suppressed: now.suppressed ?? before.suppressed, missing: null, synthetic: false };
  if (now.value === null || before.value === null)
    return { ...EMPTY, synthetic: now.synthetic || before.synthetic };
  return {
    value: now.value - before.value,
    suppressed: null,
    missing: null,
    synthetic: now.synthetic || before.synthetic,
  };
}

/** 1 = best by polarity; neutral indicators rank the highest value first. Hidden values get no rank. */
export function ranks(
  cells: ReadonlyMap<string, MonitoringCell>,
  polarity: IndicatorDefinition["polarity"],
): Record<string, number | null> {
  const shown = [...cells].filter(([, c]) => c.value !== null) as [
    string,
    MonitoringCell & { value: number },
  ][];
  shown.sort((a, b) => (polarity === "lower_is_better" ? a[1].value - b[1].value : b[1].value - a[1].value));
  const out: Record<string, number | null> = {};
  for (const [id] of cells) out[id] = null;
  shown.forEach(([id, c], i) => {
    // Ties share a rank.
    const first = shown.findIndex(([, x]) => x.value === c.value);
    out[id] = (first >= 0 ? first : i) + 1;
  });
  return out;
}

export type { IndicatorResult };
