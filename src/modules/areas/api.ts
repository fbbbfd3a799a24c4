import { validationError } from "#app/server/errors.problem.ts";
import { type ApiRouter, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { AREA_LEVELS } from "./levels.ts";
import { presentPreview } from "./present.ts";
import { IMPORT_LIMITS } from "./validate.ts";

const Level = z.enum(AREA_LEVELS);

const AreaItem = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: Level,
    parentId: z.string().nullable(),
    parentCode: z.string().nullable(),
    parentName: z.string().nullable(),
    approximate: z.boolean().openapi({ description: "The geometry is only an approximation" }),
    sourceNote: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("Area");

const PublicAreaRef = z.object({ code: z.string(), name: z.string(), level: Level }).openapi("AreaRef");
const Located = z
  .object({
    area: PublicAreaRef.nullable().openapi({ description: "The deepest area containing the point, or null" }),
    ancestors: z.array(PublicAreaRef).openapi({ description: "Its ancestors, nearest first" }),
  })
  .openapi("LocatedArea");

const Issue = z.object({ field: z.string(), code: z.string(), message: z.string() });
const ImportPreview = z
  .object({
    ok: z.boolean().openapi({ description: "True when the import can be committed as it is" }),
    counts: z.object({
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      invalid: z.number().int(),
    }),
    fileErrors: z.array(Issue),
    features: z.array(
      z.object({
        index: z.number().int().openapi({ description: "Position in the file's features array, from 0" }),
        code: z.string().nullable(),
        name: z.string().nullable(),
        level: Level.nullable(),
        parent: z.string().nullable(),
        approximate: z.boolean(),
        action: z.enum(["create", "update", "unchanged"]),
        errors: z.array(Issue),
      }),
    ),
  })
  .openapi("AreaImportPreview");
const ImportResult = z
  .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .openapi("AreaImportResult");

/**
 * The import body is the GeoJSON text itself. It is read raw (not through a zod body schema),
 * so a file that is not JSON gets the same per-field answer as any other broken file.
 */
const geojsonBody = {
  required: true,
  description: `A GeoJSON FeatureCollection (at most ${IMPORT_LIMITS.maxBytes / 2 ** 20} MB, ${IMPORT_LIMITS.maxFeatures} features). Feature properties: code, name, level (${AREA_LEVELS.join(" | ")}), parent (code), approximate (boolean), source.`,
  content: {
    "application/geo+json": { schema: { type: "object" as const } },
    "application/json": { schema: { type: "object" as const } },
  },
};

const coordinate = (max: number) =>
  z.string().trim().min(1).transform(Number).pipe(z.number().min(-max).max(max));
const LocateQuery = z.object({ lon: coordinate(180), lat: coordinate(90) });

export function registerAreaApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/areas",
      permission: "areas.read",
      tags: ["areas"],
      summary: "The tenant's areas as a flat list (parent, level, approximate flag), without geometry",
      responses: { 200: ok(z.object({ items: z.array(AreaItem) })), ...problemResponses },
    }),
    async (c) => c.json({ items: await c.get("services").areas.list(c.get("tenant").id) }, 200),
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
          content: { "application/geo+json": { schema: { type: "object" as const } } },
        },
      },
    }),
    async (c) => {
      const fc = await c.get("services").areas.featureCollection(c.get("tenant").id);
      // Not c.json(): the media type is application/geo+json (the typed router only knows JSON responses).
      return c.body(JSON.stringify(fc), 200, {
        "content-type": "application/geo+json; charset=utf-8",
      }) as never;
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
      request: { query: z.object({ lon: z.string(), lat: z.string() }) },
      responses: { 200: ok(Located), ...problemResponses },
    }),
    async (c) => {
      const parsed = LocateQuery.safeParse(c.req.valid("query"));
      if (!parsed.success) throw validationError(parsed.error.issues);
      const hit = await c.get("services").areas.locate(c.get("tenant").id, parsed.data.lon, parsed.data.lat);
      const pub = (a: { code: string; name: string; level: (typeof AREA_LEVELS)[number] }) => ({
        code: a.code,
        name: a.name,
        level: a.level,
      });
      return c.json({ area: hit ? pub(hit.area) : null, ancestors: hit ? hit.ancestors.map(pub) : [] }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/areas/import/preview",
      permission: "areas.import",
      tags: ["areas"],
      summary: "Validate a GeoJSON import and show what it would do, per feature; writes nothing",
      request: { body: geojsonBody },
      responses: { 200: ok(ImportPreview), ...problemResponses },
    }),
    async (c) => {
      const text = await c.req.text();
      const analysis = await c
        .get("services")
        .areas.previewImport(
          { kind: "user", principal: c.get("principal")!, requestId: c.get("requestId") },
          c.get("tenant").id,
          text,
        );
      return c.json(presentPreview(analysis, c.get("t")), 200);
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
      request: { body: geojsonBody },
      responses: { 200: ok(ImportResult), ...problemResponses },
    }),
    async (c) => {
      const text = await c.req.text();
      const result = await c
        .get("services")
        .areas.commitImport(
          { kind: "user", principal: c.get("principal")!, requestId: c.get("requestId") },
          c.get("tenant").id,
          text,
        );
      return c.json(result, 200);
    },
  );
}
