import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  ELEMENT_ORIGINS,
  type ElementDimensions,
  type ElementOrigin,
  INDICATOR_UNITS,
  type IndicatorUnit,
  PERIOD_STATUSES,
  type PeriodStatus,
  POLARITIES,
  type Polarity,
  VALUE_ORIGINS,
  VALUE_TYPES,
  type ValueOrigin,
  type ValueType,
} from "./model.ts";

/**
 * Kleinräumiges Monitoring (issue 6), modelled on DHIS2: data elements are raw counts per
 * area, period and breakdown; indicators are formulas over data elements. A period is
 * approved (freigegeben) as a numbered release, a frozen copy of its values; views, exports
 * and the council report read releases only, so every figure names its data version
 * (Datenstand) and can be reproduced from it.
 */

// Enums and stored shapes live in model.ts (browser-safe); re-exported for existing imports.
export {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  ELEMENT_ORIGINS,
  type ElementDimensions,
  type ElementOrigin,
  INDICATOR_UNITS,
  type IndicatorUnit,
  PERIOD_STATUSES,
  type PeriodStatus,
  POLARITIES,
  type Polarity,
  VALUE_ORIGINS,
  VALUE_TYPES,
  type ValueOrigin,
  type ValueType,
};

/** Datenelement. */
export const monitoringElements = pgTable(
  "monitoring_elements",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** Unique per tenant, ^[a-z][a-z0-9_]*$; the key in formulas, imports and dataValueSets. */
    code: text("code").notNull(),
    /** Catalog key of a template's name (namespace monitoring_catalog); null for the tenant's own elements. */
    labelKey: text("label_key"),
    /** The tenant's own name (German), used when labelKey is null. */
    name: text("name").notNull(),
    valueType: text("value_type", { enum: VALUE_TYPES }).notNull().default("count"),
    dimensions: jsonb("dimensions").$type<ElementDimensions>().notNull().default({}),
    origin: text("origin", { enum: ELEMENT_ORIGINS }).notNull().default("external"),
    /** For origin lotse: which figure (see monitoring/lotse-figures.ts). */
    lotseSource: text("lotse_source"),
    source: text("source"),
    notes: text("notes"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("monitoring_elements_tenant_code_key").on(t.tenantId, t.code),
  ],
);

/** Indikator: numerator / denominator × factor. */
export const monitoringIndicators = pgTable(
  "monitoring_indicators",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    code: text("code").notNull(),
    labelKey: text("label_key"),
    name: text("name").notNull(),
    /** Formula over data elements (monitoring/formula.ts), e.g. `population{age:65+}`. */
    numerator: text("numerator").notNull(),
    /** Null: the indicator is the numerator itself (a count). */
    denominator: text("denominator"),
    factor: doublePrecision("factor").notNull().default(1),
    unit: text("unit", { enum: INDICATOR_UNITS }).notNull().default("count"),
    decimals: integer("decimals").notNull().default(1),
    polarity: text("polarity", { enum: POLARITIES }).notNull().default("neutral"),
    /** Part of the status index (Statusindex) of the z-score index. */
    inStatusIndex: boolean("in_status_index").notNull().default(false),
    source: text("source"),
    notes: text("notes"),
    /** Template this indicator came from (monitoring/templates.ts), if any. */
    template: text("template"),
    /** Shown in the public report; internal indicators (e.g. from case work) only to staff. */
    public: boolean("public").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("monitoring_indicators_tenant_code_key").on(t.tenantId, t.code),
  ],
);

/** Berichtszeitraum: a year ("2018"). Values are edited while open; approval makes a release. */
export const monitoringPeriods = pgTable(
  "monitoring_periods",
  {
    tenantId: tenantIdColumn(),
    period: text("period").notNull(),
    status: text("status", { enum: PERIOD_STATUSES }).notNull().default("open"),
    /** The release that publishes this period, null while never approved. */
    releaseNumber: integer("release_number"),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "date" }),
    approvedBy: uuid("approved_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.period] })],
);

/** The working values (Erfassung). Breakdown: canonical key, "" for the total, e.g. "sex:f;age:65+". */
export const monitoringValues = pgTable(
  "monitoring_values",
  {
    tenantId: tenantIdColumn(),
    elementId: uuid("element_id").notNull(),
    areaId: uuid("area_id").notNull(),
    period: text("period").notNull(),
    breakdown: text("breakdown").notNull().default(""),
    value: doublePrecision("value").notNull(),
    origin: text("origin", { enum: VALUE_ORIGINS }).notNull(),
    updatedAt: updatedAt(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.period, t.elementId, t.areaId, t.breakdown] }),
    index("monitoring_values_tenant_element_idx").on(t.tenantId, t.elementId),
  ],
);

/** What a release froze besides the values: the definitions as they were. */
export type ReleaseDefinitions = {
  elements: {
    code: string;
    labelKey: string | null;
    name: string;
    valueType: ValueType;
    dimensions: ElementDimensions;
    origin: ElementOrigin;
    source: string | null;
    notes: string | null;
  }[];
  indicators: {
    code: string;
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
  }[];
};

/** Datenstand: release n of a tenant freezes one period's values and all definitions. */
export const monitoringReleases = pgTable(
  "monitoring_releases",
  {
    tenantId: tenantIdColumn(),
    number: integer("number").notNull(),
    period: text("period").notNull(),
    definitions: jsonb("definitions").$type<ReleaseDefinitions>().notNull(),
    valueCount: integer("value_count").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.number] }),
    index("monitoring_releases_tenant_period_idx").on(t.tenantId, t.period, t.number),
  ],
);

/** The frozen values of a release. Element by code and area by id, as at release time. */
export const monitoringReleaseValues = pgTable(
  "monitoring_release_values",
  {
    tenantId: tenantIdColumn(),
    releaseNumber: integer("release_number").notNull(),
    elementCode: text("element_code").notNull(),
    areaId: uuid("area_id").notNull(),
    breakdown: text("breakdown").notNull().default(""),
    value: doublePrecision("value").notNull(),
    /** demo_synthetic values stay marked in every view and the report. */
    synthetic: boolean("synthetic").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.releaseNumber, t.elementCode, t.areaId, t.breakdown] })],
);

/**
 * Per tenant: the plausibility rule checked before approval (decision 133). Absent: the
 * defaults of model.ts (PLAUSIBILITY_DEFAULTS).
 */
export const monitoringSettings = pgTable("monitoring_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  jumpFactor: doublePrecision("jump_factor").notNull(),
  minBase: integer("min_base").notNull(),
  version: versionColumn(),
  updatedAt: updatedAt(),
});
