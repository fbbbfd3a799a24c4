/**
 * The accommodation module's contracts (decision 019): one zod schema per operation, shared by
 * the API, the pages and the service. Browser-safe.
 */
import { z } from "zod";
import { optionalText, requiredText, version } from "#app/server/validation.ts";
import {
  CONSTRAINT_GROUPS,
  CRITERION_DIRECTIONS,
  CRITERION_SOURCES,
  DEFAULT_MAX_CAPACITY,
  MISSING_HANDLING,
  SELECTION_LIMITS,
  SITE_IMPORT_CRS,
} from "./model.ts";

const lon = z
  .number()
  .min(-180, { error: "code:geometry_out_of_range" })
  .max(180, { error: "code:geometry_out_of_range" });
const lat = z
  .number()
  .min(-90, { error: "code:geometry_out_of_range" })
  .max(90, { error: "code:geometry_out_of_range" });
const position = z.tuple([lon, lat]);

export const siteGeometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: position }),
  z.object({
    type: z.literal("Polygon"),
    coordinates: z
      .array(
        z
          .array(position)
          .min(4, { error: "code:geometry_ring_too_short" })
          .max(2000)
          .refine((r) => r.length < 1 || (r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1]), {
            error: "code:geometry_ring_unclosed",
          }),
      )
      .length(1),
  }),
]);

/** A criterion value as typed or sent: a number, or empty (no data). */
const criterionValues = z.record(z.uuid(), z.number().min(-1e12).max(1e12).nullable());

export const siteFields = z.object({
  name: requiredText(200),
  geometry: siteGeometry,
  capacity: z.number().int().min(1).max(10_000),
  existing: z.boolean().default(false),
  note: optionalText(2000),
  values: criterionValues.default({}),
});
export const createSiteInput = siteFields;
export type CreateSiteInput = z.output<typeof createSiteInput>;
export const updateSiteInput = siteFields.extend({ version: version() });
export type UpdateSiteInput = z.output<typeof updateSiteInput>;

export const siteView = z.object({
  id: z.uuid(),
  name: z.string(),
  geometry: siteGeometry,
  lon: z.number(),
  lat: z.number(),
  areaId: z.uuid(),
  areaName: z.string(),
  capacity: z.number().int(),
  existing: z.boolean(),
  note: z.string().nullable(),
  /** Stored values, plus values from monitoring for criteria with that source. */
  values: z.record(z.string(), z.number().nullable()),
  version: z.number().int(),
});
export type SiteView = z.output<typeof siteView>;

export const createCriterionInput = z.object({
  name: requiredText(200),
  unit: optionalText(40),
  direction: z.enum(CRITERION_DIRECTIONS),
  missing: z.enum(MISSING_HANDLING),
  source: z.enum(CRITERION_SOURCES).default("manual"),
});
export type CreateCriterionInput = z.output<typeof createCriterionInput>;

export const criterionView = z.object({
  id: z.uuid(),
  name: z.string(),
  unit: z.string().nullable(),
  direction: z.enum(CRITERION_DIRECTIONS),
  missing: z.enum(MISSING_HANDLING),
  source: z.enum(CRITERION_SOURCES),
});
export type CriterionView = z.output<typeof criterionView>;

export const selectionConstraints = z.object({
  onePerArea: z.boolean().default(true),
  /** Leave out sites whose value of this criterion is worse than `limit` (by the criterion's direction). */
  burden: z
    .object({ criterionId: z.uuid(), limit: z.number().min(-1e12).max(1e12) })
    .nullable()
    .default(null),
  maxCapacity: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_CAPACITY),
  demand: z.number().int().min(0).max(1_000_000).default(0),
  minDistanceMeters: z.number().min(0).max(100_000).nullable().default(null),
  forced: z.array(z.uuid()).max(SELECTION_LIMITS.sites).default([]),
  excluded: z.array(z.uuid()).max(SELECTION_LIMITS.sites).default([]),
  maxSites: z.number().int().min(0).max(SELECTION_LIMITS.sites).nullable().default(null),
});

export const runScenarioInput = z.object({
  name: requiredText(200),
  /**
   * Weight per criterion id, ≥ 0; they must not sum to 0. Left out: the adopted weight set in
   * force (decision 114) runs, and the scenario records which.
   */
  weights: z.record(z.uuid(), z.number().min(0).max(1000)).optional(),
  constraints: selectionConstraints,
  timeLimitSeconds: z
    .number()
    .min(SELECTION_LIMITS.timeLimitSeconds.min)
    .max(SELECTION_LIMITS.timeLimitSeconds.max)
    .default(SELECTION_LIMITS.timeLimitSeconds.default),
});
export type RunScenarioInput = z.output<typeof runScenarioInput>;

const siteScore = z.object({
  siteId: z.string(),
  normalised: z.record(z.string(), z.number()),
  imputed: z.array(z.string()),
  /** The value normalised (entered, from monitoring, or the imputed median); absent in scenarios before decision 114. */
  values: z.record(z.string(), z.number()).optional(),
  weightedScore: z.number(),
  topsis: z.number(),
  weightedRank: z.number().int(),
  topsisRank: z.number().int(),
});

export const scenarioView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  weights: z.record(z.string(), z.number()),
  /** The adopted weight set the scenario ran with; null when its weights were typed in. */
  weightSet: z.object({ id: z.string(), number: z.number().int().nullable() }).nullable(),
  constraints: selectionConstraints.extend({
    occupiedAreaIds: z.array(z.string()),
    burden: z
      .object({ criterionId: z.string(), limit: z.number(), direction: z.enum(CRITERION_DIRECTIONS) })
      .nullable(),
  }),
  result: z.object({
    status: z.enum(["optimal", "time_limit", "infeasible", "blocked"]),
    chosen: z.array(z.string()),
    objective: z.number().nullable(),
    gap: z.number().nullable(),
    scores: z.array(siteScore),
    excluded: z.array(
      z.object({
        siteId: z.string(),
        reason: z.enum(["missing_value", "burden", "capacity"]),
        criterionId: z.string().optional(),
      }),
    ),
    blocked: z.array(z.object({ criterionId: z.string(), siteIds: z.array(z.string()) })),
    conflicts: z.array(z.enum(CONSTRAINT_GROUPS)),
    robustness: z.record(z.string(), z.number()),
    robustnessRuns: z.number().int(),
    /** The ends of each criterion's 0–1 scale; absent in scenarios before decision 114. */
    ranges: z.record(z.string(), z.object({ min: z.number(), max: z.number() })).optional(),
  }),
  snapshot: z.object({
    sites: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        areaId: z.string(),
        areaName: z.string(),
        capacity: z.number(),
        lon: z.number(),
        lat: z.number(),
      }),
    ),
    criteria: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        direction: z.enum(CRITERION_DIRECTIONS),
        unit: z.string().nullable().optional(),
      }),
    ),
  }),
});
export type ScenarioView = z.output<typeof scenarioView>;

export const scenarioSummary = scenarioView.pick({ id: true, name: true, createdAt: true }).extend({
  status: z.enum(["optimal", "time_limit", "infeasible", "blocked"]),
  chosenCount: z.number().int(),
  objective: z.number().nullable(),
});
export type ScenarioSummary = z.output<typeof scenarioSummary>;

export const idParams = z.object({ id: z.uuid() });

const attributeName = requiredText(100);

/**
 * Options of the GeoJSON site import (decision 104), all optional: without them the file's `crs`
 * member (or WGS 84) holds and the attributes are detected by their usual names. `values` maps
 * further properties to criteria: "property = criterion name", pairs separated by ";" or lines;
 * a property named like a criterion maps by itself.
 */
export const siteImportOptions = z.object({
  crs: z.coerce
    .number()
    .int()
    .refine((n) => (SITE_IMPORT_CRS as readonly number[]).includes(n), {
      error: "code:site_import_crs_not_supported",
    })
    .optional()
    .meta({
      description: `EPSG code of the coordinates, overriding the file's crs: ${SITE_IMPORT_CRS.join(", ")}`,
    }),
  nameAttribute: attributeName.optional().meta({ description: "Property holding the site's name" }),
  capacityAttribute: attributeName.optional().meta({ description: "Property holding the planned places" }),
  existingAttribute: attributeName
    .optional()
    .meta({ description: "Property marking an existing accommodation (yes/no)" }),
  noteAttribute: attributeName.optional().meta({ description: "Property holding a note" }),
  values: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .meta({ description: 'Criterion values: "property = criterion name" pairs separated by ";"' }),
});
export type SiteImportOptions = z.output<typeof siteImportOptions>;
