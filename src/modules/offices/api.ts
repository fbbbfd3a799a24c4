import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  createOfficeInput,
  officeIdParams,
  officeListView,
  officeView,
  setOfficeCatchmentInput,
  setOfficeMembersInput,
  updateOfficeInput,
} from "./contracts.ts";
import type { OfficeActor } from "./model.ts";

const Office = named(officeView, "Office");

export function registerOfficeApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/offices",
      permission: "offices.read",
      tags: ["offices"],
      summary: "The tenant's offices/teams with the size of their catchment and team",
      responses: { 200: ok(named(officeListView, "OfficeList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: await services.offices.list(principal) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/offices/{id}",
      permission: "offices.read",
      tags: ["offices"],
      summary: "One office with its catchment areas and team members",
      request: { params: officeIdParams },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.offices.get(principal, c.req.valid("param").id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/offices",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Create an office/team",
      request: { body: jsonBody(named(createOfficeInput, "OfficeCreate")) },
      responses: { 201: ok(Office, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: OfficeActor = { kind: "user", principal };
      return c.json(await services.offices.create(actor, c.req.valid("json"), requestId), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/offices/{id}",
      permission: "offices.manage",
      tags: ["offices"],
      summary: "Change an office (send the version you read)",
      request: { params: officeIdParams, body: jsonBody(named(updateOfficeInput, "OfficeUpdate")) },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: OfficeActor = { kind: "user", principal };
      const o = await services.offices.update(actor, c.req.valid("param").id, c.req.valid("json"), requestId);
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
        params: officeIdParams,
        body: jsonBody(named(setOfficeCatchmentInput, "OfficeCatchment")),
      },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: OfficeActor = { kind: "user", principal };
      const o = await services.offices.setCatchment(
        actor,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
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
      request: { params: officeIdParams, body: jsonBody(named(setOfficeMembersInput, "OfficeMembers")) },
      responses: { 200: ok(Office), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const actor: OfficeActor = { kind: "user", principal };
      const o = await services.offices.setMembers(
        actor,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(o, 200);
    },
  );
}
