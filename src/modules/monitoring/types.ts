import type { AreaLevel } from "../areas/levels.ts";
import type { SmallCellRule, Suppression } from "../statistics/small-cells.ts";
import type { IndicatorUnit, Polarity } from "./schema.ts";

/**
 * What the monitoring engine (service.ts) hands to views, exports, the API and the report.
 * Every number in here has already passed the tenant's small-cell rule, including secondary
 * suppression across areas, the city and related indicators: nothing downstream may
 * recompute a figure from raw values.
 */

/** One shown figure. value is null when suppressed or not computable. */
export type MonitoringCell = {
  value: number | null;
  suppressed: Suppression;
  /** Why there is no value although nothing was suppressed. */
  missing: "no_data" | "zero_denominator" | null;
  /** An input was invented demo history (origin demo_synthetic): views mark it. */
  synthetic: boolean;
};

/** An age limit read from a formula's age options: "65+" → {from:65,to:null}; "0-14" → {from:0,to:14}. */
export type AgeLimit = { from: number; to: number | null };

export type MonitoringArea = {
  id: string;
  code: string;
  name: string;
  level: AreaLevel;
  /** Residents (data element `population`, total) in this period, suppressed like any count. */
  population: number | null;
  /** Too few residents for a reliable rate (population < rule.minDenominator): maps leave it uncoloured. */
  sparse: boolean;
  /** The area's geometry is approximate (demo). */
  approximate: boolean;
};

export type IndicatorDefinition = {
  code: string;
  /** Catalog key (templates) or null: then `name` (the tenant's own, German). */
  labelKey: string | null;
  name: string;
  numerator: string;
  denominator: string | null;
  factor: number;
  unit: IndicatorUnit;
  decimals: number;
  polarity: Polarity;
  inStatusIndex: boolean;
  source: string | null;
  notes: string | null;
  template: string | null;
  public: boolean;
  sortOrder: number;
  /** Every age limit the formula uses; views always show them (e.g. "65+ per 100 under 20"). */
  ageLimits: { numerator: AgeLimit[]; denominator: AgeLimit[] };
  /** Data element codes the formula reads. */
  elements: string[];
};

export type IndicatorResult = {
  indicator: IndicatorDefinition;
  /** Keyed by area id. */
  byArea: Record<string, MonitoringCell>;
  /** City value: Σ numerator / Σ denominator over the areas (a weighted average), or the city's own values. */
  city: MonitoringCell;
  /** Value minus the previous period's value (percentage points for rates), keyed by area id. */
  change: Record<string, MonitoringCell>;
  cityChange: MonitoringCell;
  /** 1 = best by polarity (highest first when neutral), among areas with a shown value. */
  rank: Record<string, number | null>;
};

export type MonitoringAudience = "staff" | "public";

export type PeriodResults = {
  period: string;
  previousPeriod: string | null;
  /** The highest release number used (Datenstand). */
  dataVersion: number;
  releasedAt: string;
  level: AreaLevel;
  areas: MonitoringArea[];
  city: MonitoringArea | null;
  indicators: IndicatorResult[];
  rule: SmallCellRule;
  /** Any value shown here is synthetic demo history. */
  synthetic: boolean;
};

export type SeriesResults = {
  indicator: IndicatorDefinition;
  periods: string[];
  dataVersion: number;
  areas: MonitoringArea[];
  /** Keyed by area id, one cell per period in `periods`. */
  byArea: Record<string, MonitoringCell[]>;
  city: MonitoringCell[];
  rule: SmallCellRule;
};

export const STATUS_CLASSES = ["high", "medium", "low", "very_low"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
export const DYNAMICS_CLASSES = ["positive", "stable", "negative"] as const;
export type DynamicsClass = (typeof DYNAMICS_CLASSES)[number];

/** Status/dynamics index after Berlin's Monitoring Soziale Stadtentwicklung: mean of polarity-signed z-scores. */
export type IndexResults = {
  period: string;
  previousPeriod: string | null;
  dataVersion: number;
  /** The indicators in the index (inStatusIndex), in order. */
  indicators: IndicatorDefinition[];
  areas: {
    area: MonitoringArea;
    /** Mean z-score of the status indicators (higher = better), null when fewer than half are shown. */
    status: number | null;
    statusClass: StatusClass | null;
    /** Mean z-score of the changes since the previous period. */
    dynamics: number | null;
    dynamicsClass: DynamicsClass | null;
    /** Per indicator code: its signed z-score and the z-score of its change. */
    components: Record<string, { z: number | null; dz: number | null }>;
  }[];
};

/** Which releases exist: the data versions a report can be reproduced from. */
export type ReleaseInfo = {
  number: number;
  period: string;
  createdAt: string;
  valueCount: number;
  note: string | null;
  /** The latest release of its period. */
  current: boolean;
};
