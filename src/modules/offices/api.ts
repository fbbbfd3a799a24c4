import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";
import { OFFICE_KINDS } from "./schema.ts";

const Kind = z.enum(OFFICE_KINDS);
const OfficeSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: Kind,
    placeId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    version: z.number().int(),
    areaCount: z.number().int(),
    memberCount: z.number().int(),
  })
  .openapi("OfficeSummary");
const Office = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: Kind,
    placeId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    version: z.number().int(),
    areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.string() })),
    members: z.array(
      z.object({ userId: z.string(), displayName: z.string(), function: z.string().nullable() }),
    ),
  })
  .openapi("Office");
const OfficeInput = z
  .object({
    name: z.string().max(200),
    kind: z.string().optional(),
    placeId: z.string().nullable().optional(),
    email: z.string().max(254).nullable().optional(),
    phone: z.string().max(60).nullable().optional(),
  })
  .openapi("OfficeInput");
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const Version = z.number().int().min(1);

export function registerOfficeApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/offices",
      permission: "offices.read",
      tags: ["offices"],
      summary: "The tenant's offices/teams with the size of their catchment and team",
      responses: { 200: ok(z.object({ items: z.array(OfficeSummary) })), ...problemResponses },
    }),
    async (c) => c.json({ items: await c.get("services").offices.list(c.get("principal")!) }, 200),
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/offices/{id}",
      permission: "offices.read",
      tags: ["offices"],
      summary: "One office with its catchment areas and team members",
      request: { params: IdParam },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) =>
      c.json(await c.get("services").offices.get(c.get("principal")!, c.req.valid("param").id), 200),
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/offices",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Create an office/team",
      request: { body: jsonBody(OfficeInput) },
      responses: { 201: ok(Office, "Created"), ...problemResponses },
    }),
    async (c) => {
      const o = await c
        .get("services")
        .offices.create(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("json") as never,
          c.get("requestId"),
        );
      return c.json(o, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/offices/{id}",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Change an office (send the version you read)",
      request: { params: IdParam, body: jsonBody(OfficeInput.extend({ version: Version })) },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      const o = await c
        .get("services")
        .offices.update(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("param").id,
          version,
          input as never,
          c.get("requestId"),
        );
      return c.json(o, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/offices/{id}/catchment",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Replace the office's catchment (area ids; an area belongs to at most one office)",
      request: {
        params: IdParam,
        body: jsonBody(z.object({ version: Version, areaIds: z.array(z.string()).max(500) })),
      },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { version, areaIds } = c.req.valid("json");
      const o = await c
        .get("services")
        .offices.setCatchment(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("param").id,
          version,
          areaIds,
          c.get("requestId"),
        );
      return c.json(o, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/offices/{id}/members",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Replace the office's team (user ids, optional function such as 'Sozialberatung')",
      request: {
        params: IdParam,
        body: jsonBody(
          z.object({
            version: Version,
            members: z
              .array(z.object({ userId: z.string(), function: z.string().max(120).nullable().optional() }))
              .max(500),
          }),
        ),
      },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { version, members } = c.req.valid("json");
      const o = await c
        .get("services")
        .offices.setMembers(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("param").id,
          version,
          members,
          c.get("requestId"),
        );
      return c.json(o, 200);
    },
  );
}
