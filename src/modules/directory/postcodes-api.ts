import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";

const Postcode = z
  .object({
    postcode: z.string(),
    name: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    approximate: z.boolean(),
  })
  .openapi("PostcodeCentroid");
const PostcodeParam = z.object({ postcode: z.string().max(20) });
const PostcodeBody = z.object({
  name: z.string().max(200).nullable().optional(),
  lat: z.unknown(),
  lon: z.unknown(),
  approximate: z.boolean().optional(),
});

/** The tenant's postcode centroids (they stand in for a geocoder: "near 59425", the office finder, HSDS `postcode`). */
export function registerPostcodeApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/postcodes",
      permission: "directory.read",
      tags: ["directory"],
      summary: "The tenant's postcode centroids",
      responses: { 200: ok(z.array(Postcode)), ...problemResponses },
    }),
    async (c) => {
      const rows = await c.get("services").postcodes.list(c.get("principal")!.tenantId);
      return c.json(
        rows.map((r) => ({
          postcode: r.postcode,
          name: r.name,
          lat: r.lat,
          lon: r.lon,
          approximate: r.approximate,
        })),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/postcodes/{postcode}",
      permission: "directory.import",
      tags: ["directory"],
      summary: "Create or change a postcode centroid (it must lie inside the tenant's areas)",
      request: { params: PostcodeParam, body: jsonBody(PostcodeBody) },
      responses: { 200: ok(Postcode), ...problemResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const row = await c
        .get("services")
        .postcodes.set(
          c.get("principal")!,
          { ...body, postcode: c.req.valid("param").postcode } as never,
          c.get("requestId"),
        );
      return c.json(row, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/directory/postcodes/{postcode}",
      permission: "directory.import",
      tags: ["directory"],
      summary: "Remove a postcode centroid",
      request: { params: PostcodeParam },
      responses: { 204: { description: "Removed" }, ...problemResponses },
    }),
    async (c) => {
      await c
        .get("services")
        .postcodes.remove(c.get("principal")!, c.req.valid("param").postcode, c.get("requestId"));
      return c.body(null, 204);
    },
  );
}
