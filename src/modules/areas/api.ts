import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
  publicContext,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import {
  areaFeatureCollection,
  areaImportOptions,
  areaImportPreviewView,
  areaImportResultView,
  areaListView,
  locateAreaQuery,
  locatedAreaView,
} from "./contracts.ts";
import type { AreaRef, ImportActor } from "./model.ts";
import { AREA_LEVELS, IMPORT_LIMITS } from "./model.ts";
import { presentPreview } from "./present.ts";

const FeatureCollection = named(areaFeatureCollection, "AreaFeatureCollection");

/**
 * The import body is the GeoJSON text itself. It is read raw (a plain schema reference, so no
 * zod validation runs first): a file that is not JSON gets the same per-field answer as any
 * other broken file, from the import's own checks.
 */
const geojsonRef = { $ref: "#/components/schemas/AreaFeatureCollection" };
const binary = { type: "string", format: "binary" } as const;
const geojsonBody = {
  required: true,
  description: `A GeoJSON FeatureCollection, a zipped Shapefile (.shp, .dbf, .prj, .cpg) or a GeoPackage (at most ${IMPORT_LIMITS.maxBytes / 2 ** 20} MB, ${IMPORT_LIMITS.maxFeatures} features); the format is recognised from the content. Lotse's GeoJSON properties: code, name, level (${AREA_LEVELS.join(" | ")}), parent (code), approximate (boolean), source; other attributes are mapped with the query options.`,
  content: {
    "application/geo+json": { schema: geojsonRef },
    "application/json": { schema: geojsonRef },
    "application/zip": { schema: binary },
    "application/geopackage+sqlite3": { schema: binary },
    "application/octet-stream": { schema: binary },
  },
};

/** The request body as bytes: GeoJSON, zip and GeoPackage alike (the reader tells them apart). */
const bodyBytes = async (req: { arrayBuffer(): Promise<ArrayBuffer> }) =>
  new Uint8Array(await req.arrayBuffer());

const publicRef = (a: AreaRef) => ({ code: a.code, name: a.name, level: a.level });

export function registerAreaApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/areas",
      permission: "areas.read",
      tags: ["areas"],
      summary: "The tenant's areas as a flat list (parent, level, approximate flag), without geometry",
      responses: { 200: ok(named(areaListView, "AreaList")), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = operationContext(c);
      return c.json({ items: await services.areas.list(tenant.id) }, 200);
    },
  );

  // Area boundaries are public information (the public map and office finder show them), so
  // this needs no session. It is the import format, so an export can be edited and re-imported.
  api.openapi(
    defineRoute({
      method: "get",
      path: "/areas.geojson",
      permission: PUBLIC,
      tags: ["areas"],
      summary: "The tenant's areas as a GeoJSON FeatureCollection (for maps; same shape as the import)",
      responses: {
        200: {
          description: "GeoJSON FeatureCollection",
          content: { "application/geo+json": { schema: FeatureCollection } },
        },
      },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const fc = await services.areas.featureCollection(tenant.id);
      // The key's spelling matches c.json()'s default, so this replaces application/json.
      return c.json(fc, 200, { "Content-Type": "application/geo+json; charset=utf-8" });
    },
  );

  // Public: the public office finder places an address; only codes and names come back.
  api.openapi(
    defineRoute({
      method: "get",
      path: "/areas/locate",
      permission: PUBLIC,
      tags: ["areas"],
      summary: "The deepest area containing a point (WGS84 lon/lat) and its ancestors",
      request: { query: locateAreaQuery },
      responses: { 200: ok(named(locatedAreaView, "LocatedArea")), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { lon, lat } = c.req.valid("query");
      const hit = await services.areas.locate(tenant.id, lon, lat);
      return c.json(
        { area: hit ? publicRef(hit.area) : null, ancestors: hit ? hit.ancestors.map(publicRef) : [] },
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/areas/import/preview",
      permission: "areas.import",
      tags: ["areas"],
      summary:
        "Validate an area import (GeoJSON, Shapefile, GeoPackage) and show what it would do, per feature; writes nothing",
      request: { query: areaImportOptions, body: geojsonBody },
      responses: { 200: ok(named(areaImportPreviewView, "AreaImportPreview")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId, t } = operationContext(c);
      const actor: ImportActor = { kind: "user", principal, requestId };
      const analysis = await services.areas.previewImport(
        actor,
        tenant.id,
        await bodyBytes(c.req),
        c.req.valid("query"),
      );
      return c.json(presentPreview(analysis, t), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/areas/import",
      permission: "areas.import",
      tags: ["areas"],
      summary:
        "Import areas all-or-nothing (validated again; any error writes nothing: 422 with per-field errors)",
      request: { query: areaImportOptions, body: geojsonBody },
      responses: { 200: ok(named(areaImportResultView, "AreaImportResult")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const actor: ImportActor = { kind: "user", principal, requestId };
      const options = c.req.valid("query");
      return c.json(
        await services.areas.commitImport(actor, tenant.id, await bodyBytes(c.req), options),
        200,
      );
    },
  );
}
