import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { AreaGeometry } from "./geo.ts";
import { AREA_LEVELS } from "./levels.ts";

/**
 * Gebiete: a tenant's tree of areas (city → Stadtbezirk → Sozialraum/Stadtteil → Quartier;
 * nesting rules in levels.ts) with GeoJSON geometry. Geometry is jsonb (no PostGIS in
 * PGlite); the bounding-box columns allow coarse filtering in SQL, the exact point-in-area
 * test runs in TypeScript (lookup.ts).
 */
export const areas = pgTable(
  "areas",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** Same tenant: the foreign key runs over (tenant_id, parent_id). */
    parentId: uuid("parent_id"),
    level: text("level", { enum: AREA_LEVELS }).notNull(),
    /** Unique per tenant; the key of imports and, later, of statistics per area. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** GeoJSON Polygon or MultiPolygon, WGS84, [lon, lat]. */
    geometry: jsonb("geometry").$type<AreaGeometry>().notNull(),
    minLon: doublePrecision("min_lon").notNull(),
    minLat: doublePrecision("min_lat").notNull(),
    maxLon: doublePrecision("max_lon").notNull(),
    maxLat: doublePrecision("max_lat").notNull(),
    /** True when the geometry is only an approximation (e.g. the demo); the UI says so. */
    approximate: boolean("approximate").notNull().default(false),
    /** Where the geometry comes from, or why it is approximate. */
    sourceNote: text("source_note"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("areas_tenant_code_key").on(t.tenantId, t.code),
    index("areas_tenant_parent_idx").on(t.tenantId, t.parentId),
    index("areas_tenant_bbox_idx").on(t.tenantId, t.minLon, t.maxLon, t.minLat, t.maxLat),
    foreignKey({
      name: "areas_parent_fk",
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
  ],
);
