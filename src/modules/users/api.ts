import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import type { Actor } from "../audit/service.ts";
import {
  createUserInput,
  setUserRolesInput,
  updateUserInput,
  userIdParams,
  userListQuery,
  userListView,
  userView,
} from "./contracts.ts";
import type { UserView } from "./model.ts";

const User = named(userView, "User");

/** A user as the API returns it (dates as ISO strings). */
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
      request: { query: userListQuery },
      responses: { 200: ok(named(userListView, "UserList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const items = await services.users.list(principal, c.req.valid("query"));
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
      request: { body: jsonBody(named(createUserInput, "UserCreate")) },
      responses: { 201: ok(User, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: Actor = { kind: "user", principal };
      return c.json(toJson(await services.users.create(actor, c.req.valid("json"), requestId)), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/users/{id}",
      permission: "users.read",
      tags: ["users"],
      summary: "One user",
      request: { params: userIdParams },
      responses: { 200: ok(User), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(toJson(await services.users.byId(principal, c.req.valid("param").id)), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "patch",
      path: "/users/{id}",
      permission: "users.manage",
      tags: ["users"],
      summary: "Change a user (send the version you read); status disabled ends their sign-in",
      request: { params: userIdParams, body: jsonBody(named(updateUserInput, "UserUpdate")) },
      responses: { 200: ok(User), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: Actor = { kind: "user", principal };
      const u = await services.users.update(actor, c.req.valid("param").id, c.req.valid("json"), requestId);
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
      request: { params: userIdParams, body: jsonBody(named(setUserRolesInput, "UserRolesUpdate")) },
      responses: { 200: ok(User), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: Actor = { kind: "user", principal };
      const u = await services.users.setRoles(actor, c.req.valid("param").id, c.req.valid("json"), requestId);
      return c.json(toJson(u), 200);
    },
  );
}
