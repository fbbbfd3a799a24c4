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
