/**
 * The areas module's contracts (decision 019): the point lookup's query and every response
 * the API declares. The import body is the GeoJSON file itself, read raw and checked per
 * feature by validate.ts, so it is described by the FeatureCollection schema below but not
 * parsed by zod. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { requiredText } from "#app/server/validation.ts";
import { isKnownEpsg, KNOWN_EPSG } from "./crs-list.ts";
import { AREA_LEVELS } from "./levels.ts";

export const areaLevel = z.enum(AREA_LEVELS);

/** A coordinate from a query string ("7.68" → 7.68), within ±max degrees. */
const coordinate = (max: number) =>
  z.string().trim().min(1).max(40).transform(Number).pipe(z.number().min(-max).max(max));

/** GET /areas/locate: a WGS84 point. */
export const locateAreaQuery = z.object({ lon: coordinate(180), lat: coordinate(90) });
export type LocateAreaQuery = z.output<typeof locateAreaQuery>;

/** One area in the staff list (no geometry). */
export const areaView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: areaLevel,
  parentId: z.string().nullable(),
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  approximate: z.boolean().meta({ description: "The geometry is only an approximation" }),
  sourceNote: z.string().nullable(),
  version: z.number().int(),
});
export const areaListView = z.object({ items: z.array(areaView) });

/** What the public may learn of an area: code, name and level. */
export const publicAreaRef = z.object({ code: z.string(), name: z.string(), level: areaLevel });
export const locatedAreaView = z.object({
  area: publicAreaRef.nullable().meta({ description: "The deepest area containing the point, or null" }),
  ancestors: z.array(publicAreaRef).meta({ description: "Its ancestors, nearest first" }),
});
export type LocatedAreaView = z.output<typeof locatedAreaView>;

const attributeName = requiredText(100);
/** A yes/no option: a boolean from the service's callers, "true"/"false" from a query string. */
const flag = z.union([z.boolean(), z.stringbool()]);
/**
 * Options of an area import (decision 044), all optional: without them a Lotse GeoJSON file
 * imports as before. The API reads them from the query string, the service takes the parsed
 * values; one schema for both (decision 019).
 */
export const areaImportOptions = z.object({
  crs: z.coerce
    .number()
    .int()
    .refine((n) => isKnownEpsg(n), { error: "code:gis_crs_not_supported" })
    .optional()
    .meta({
      description: `EPSG code of the coordinates, overriding what the file declares: ${KNOWN_EPSG.join(", ")}`,
    }),
  layer: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Shapefile (in a zip) or GeoPackage table to read" }),
  codeAttribute: attributeName
    .optional()
    .meta({ description: "Attribute holding the area key (default: detected)" }),
  nameAttribute: attributeName
    .optional()
    .meta({ description: "Attribute holding the name (default: detected)" }),
  levelAttribute: attributeName
    .optional()
    .meta({ description: "Attribute holding the level (default: level)" }),
  parentAttribute: attributeName
    .optional()
    .meta({ description: "Attribute holding the parent's key (default: parent)" }),
  level: areaLevel.optional().meta({ description: "One level for every area of the file" }),
  swapAxes: flag.optional().meta({ description: "The file gives latitude first: swap every position" }),
  repair: flag.optional().meta({ description: "Apply the proposed geometry repairs" }),
});
export type AreaImportOptions = z.output<typeof areaImportOptions>;

const position = z.array(z.number()).min(2).max(3);
const ring = z.array(position);
export const areaGeometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(ring) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring)) }),
]);

/** The export, and the shape the import reads (so an export can be edited and re-imported). */
export const areaFeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({
        code: z.string(),
        name: z.string(),
        level: areaLevel,
        parent: z.string().nullable().meta({ description: "The parent area's code" }),
        approximate: z.boolean(),
        source: z.string().nullable().meta({ description: "Where the geometry comes from" }),
      }),
      geometry: areaGeometry,
    }),
  ),
});

const issueView = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const importActionView = z.enum(["create", "update", "unchanged"]);

/** An import preview with messages in the reader's language (API and the import page). */
export const areaImportPreviewView = z.object({
  ok: z.boolean().meta({ description: "True when the import can be committed as it is" }),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
  }),
  fileErrors: z.array(issueView),
  features: z.array(
    z.object({
      index: z.number().int().meta({ description: "Position in the file's features array, from 0" }),
      code: z.string().nullable(),
      name: z.string().nullable(),
      level: areaLevel.nullable(),
      parent: z.string().nullable(),
      approximate: z.boolean(),
      action: importActionView,
      errors: z.array(issueView),
      warnings: z
        .array(issueView)
        .optional()
        .meta({ description: "Implausible but importable (e.g. far from the other areas)" }),
      repair: z
        .object({ fixes: z.array(z.string()), applied: z.boolean(), message: z.string() })
        .nullable()
        .optional()
        .meta({ description: "A proposed geometry repair; applied when the import runs with repair=true" }),
    }),
  ),
  source: z
    .object({
      format: z.enum(["geojson", "shapefile", "geopackage"]),
      crs: z.string().nullable().meta({ description: "The CRS read from, e.g. EPSG:25832" }),
      layers: z.array(z.string()),
      layer: z.string().nullable(),
      encoding: z.string().nullable(),
      attributes: z.array(z.string()).meta({ description: "The attributes the features carry" }),
      mapping: z.object({
        code: z.string().nullable(),
        name: z.string().nullable(),
        level: z.string().nullable(),
        parent: z.string().nullable(),
      }),
    })
    .optional()
    .meta({ description: "What was read from the file and which attributes were used" }),
});
export type ImportPreviewView = z.output<typeof areaImportPreviewView>;

export const areaImportResultView = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
