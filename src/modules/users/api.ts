import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";
import { ROLES, SCOPE_TYPES } from "#app/server/policy/roles.ts";
import { USER_STATUSES } from "./schema.ts";
import type { UserView } from "./service.ts";

const Grant = z
  .object({
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES),
    scopeId: z
      .string()
      .nullable()
      .openapi({ description: "Organization, office or area id; null for the whole tenant" }),
  })
  .openapi("RoleGrant");
// Input grants are checked by the service (field errors in the reader's language).
const GrantInput = z
  .object({
    role: z.string().max(40),
    scopeType: z.string().max(20).optional(),
    scopeId: z.string().max(40).nullish(),
  })
  .openapi("RoleGrantInput");

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    status: z.enum(USER_STATUSES),
    preferredLanguage: z.string().nullable(),
    totpEnabled: z.boolean(),
    hasPassword: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    grants: z.array(Grant),
  })
  .openapi("User");
const UserList = z.object({ items: z.array(UserSchema) }).openapi("UserList");
const UserCreate = z
  .object({
    email: z.string().max(300),
    displayName: z.string().max(300),
    password: z.string().max(300).optional(),
    preferredLanguage: z.enum(LANGUAGE_CODES as [string, ...string[]]).nullish(),
    grants: z.array(GrantInput).max(50).optional(),
  })
  .openapi("UserCreate");
const UserUpdate = z
  .object({
    version: z.number().int().min(1),
    email: z.string().max(300).optional(),
    displayName: z.string().max(300).optional(),
    status: z.enum(USER_STATUSES).optional(),
    preferredLanguage: z.enum(LANGUAGE_CODES as [string, ...string[]]).nullish(),
  })
  .openapi("UserUpdate");
const RolesUpdate = z
  .object({ version: z.number().int().min(1), grants: z.array(GrantInput).max(50) })
  .openapi("UserRolesUpdate");
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const ListQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(USER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function toJson(u: UserView) {
  return { ...u, createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString() };
}

export function registerUserApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/users",
      permission: "users.read",
      tags: ["users"],
      summary: "Users of this tenant with their role grants",
      request: { query: ListQuery },
      responses: { 200: ok(UserList), ...problemResponses },
    }),
    async (c) => {
      const { q, status, limit, offset } = c.req.valid("query");
      const items = await c.get("services").users.list(c.get("principal")!, { q, status }, { limit, offset });
      return c.json({ items: items.map(toJson) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/users",
      permission: "users.manage",
      tags: ["users"],
      summary: "Create a user (e-mail unique within the tenant)",
      request: { body: jsonBody(UserCreate) },
      responses: { 201: ok(UserSchema, "Created"), ...problemResponses },
    }),
    async (c) => {
      const u = await c
        .get("services")
        .users.create(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("json") as never,
          c.get("requestId"),
        );
      return c.json(toJson(u), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/users/{id}",
      permission: "users.read",
      tags: ["users"],
      summary: "One user",
      request: { params: IdParam },
      responses: { 200: ok(UserSchema), ...problemResponses },
    }),
    async (c) =>
      c.json(toJson(await c.get("services").users.byId(c.get("principal")!, c.req.valid("param").id)), 200),
  );

  api.openapi(
    defineRoute({
      method: "patch",
      path: "/users/{id}",
      permission: "users.manage",
      tags: ["users"],
      summary: "Change a user (send the version you read); status disabled ends their sign-in",
      request: { params: IdParam, body: jsonBody(UserUpdate) },
      responses: { 200: ok(UserSchema), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      const u = await c
        .get("services")
        .users.update(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("param").id,
          version,
          input,
          c.get("requestId"),
        );
      return c.json(toJson(u), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/users/{id}/roles",
      permission: "users.manage",
      tags: ["users"],
      summary: "Replace the role grants of a user (send the version you read)",
      request: { params: IdParam, body: jsonBody(RolesUpdate) },
      responses: { 200: ok(UserSchema), ...problemResponses },
    }),
    async (c) => {
      const { version, grants } = c.req.valid("json");
      const u = await c
        .get("services")
        .users.setRoles(
          { kind: "user", principal: c.get("principal")! },
          c.req.valid("param").id,
          version,
          grants as never,
          c.get("requestId"),
        );
      return c.json(toJson(u), 200);
    },
  );
}
