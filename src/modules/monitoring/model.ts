// Monitoring enums and stored shapes (decision 016), browser-safe: no Drizzle, no Node.

/** count: a non-negative whole number (people, cases). number: any decimal (e.g. km²). */
export const VALUE_TYPES = ["count", "number"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** Breakdown dimensions, in the order they appear in a canonical breakdown key. */
export const BREAKDOWN_DIMENSIONS = ["sex", "age", "nationality", "category"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
/** The options an element is broken down by, per dimension, e.g. { age: ["0-14","15-19","20-64","65+"] }. */
export type ElementDimensions = Partial<Record<BreakdownDimension, string[]>>;

/** Where an element's values come from. `lotse`: computed from Lotse's own data (lotseSource). */
export const ELEMENT_ORIGINS = ["external", "lotse"] as const;
export type ElementOrigin = (typeof ELEMENT_ORIGINS)[number];

export const POLARITIES = ["higher_is_better", "lower_is_better", "neutral"] as const;
export type Polarity = (typeof POLARITIES)[number];

/** How an indicator's value reads: a count, a percentage, a ratio per 100 or per 1,000. */
export const INDICATOR_UNITS = ["count", "percent", "per_100", "per_1000", "number"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** How a value came in. `demo_published`: seed 001's published figure; `demo_synthetic`: invented history. */
export const VALUE_ORIGINS = [
  "import",
  "manual",
  "api",
  "lotse",
  "demo_published",
  "demo_synthetic",
] as const;
export type ValueOrigin = (typeof VALUE_ORIGINS)[number];

export const PERIOD_STATUSES = ["open", "approved"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

// ---- plausibility before approval (decision 133) ----

/**
 * The tenant's plausibility rule: a value is a jump when it changed from the previous period by
 * more than `jumpFactor` (up or down); values whose larger side stays below `minBase` are not
 * judged (small bases jump by chance).
 */
export type PlausibilityRule = { jumpFactor: number; minBase: number };
export const PLAUSIBILITY_DEFAULTS: PlausibilityRule = { jumpFactor: 3, minBase: 20 };
export const PLAUSIBILITY_LIMITS = {
  jumpFactor: { min: 1.5, max: 100 },
  minBase: { min: 0, max: 1_000_000 },
} as const;

/** Why a value looks implausible, in the order the findings are listed. */
export const FINDING_REASONS = ["negative", "above_population", "share_out_of_range", "jump"] as const;
export type FindingReason = (typeof FINDING_REASONS)[number];

/** One implausible value of a period: a data element's value, or a share (indicator) computed from them. */
export type PlausibilityFinding = {
  reason: FindingReason;
  kind: "element" | "indicator";
  /** Element or indicator code; its name as the catalog key (templates) or the tenant's text. */
  code: string;
  labelKey: string | null;
  name: string;
  area: { id: string; code: string; name: string };
  period: string;
  /** Breakdown key of the value ("" the total); "" for an indicator. */
  breakdown: string;
  value: number;
  /** What it was compared with: the previous period's value (jump) or the population. */
  compared: number | null;
  /** The grid holding the value to correct (an indicator: its numerator's element); null when none. */
  gridElement: string | null;
};

/** The DOM id of a cell of the entry grid, so a finding can link straight to it. */
export const gridCellId = (areaCode: string, breakdown: string) =>
  `g-${areaCode}-${breakdown || "total"}`.replace(/[^a-zA-Z0-9_-]/g, "_");

/** The entry grid's address for a finding, with the cell as fragment; null when no grid holds it. */
export function findingHref(f: PlausibilityFinding): string | null {
  if (f.gridElement === null) return null;
  return `/staff/monitoring/data/${f.period}?element=${encodeURIComponent(f.gridElement)}#${gridCellId(f.area.code, f.breakdown)}`;
}
