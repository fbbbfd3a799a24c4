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
  agreementListView,
  agreementStateInput,
  agreementView,
  createAgreementInput,
  publishAgreementInput,
  signatoryInput,
  updateAgreementInput,
} from "./agreements.contracts.ts";
import { idParams } from "./contracts.ts";

const Agreement = named(agreementView, "NetworkAgreement");
const tags = ["network"];

/** Cooperation agreements and declarations (decision 061). */
export function registerAgreementApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/agreements",
      permission: "network.read",
      tags,
      summary: "Agreements and declarations, next review first (reviewSoon: expiring soon)",
      responses: { 200: ok(named(agreementListView, "NetworkAgreementList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.listAgreements(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/agreements",
      permission: "network.manage",
      tags,
      summary: "Create an agreement or a declaration (as a draft)",
      request: { body: jsonBody(named(createAgreementInput, "NetworkAgreementCreate")) },
      responses: { 201: ok(Agreement, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.createAgreement(
        { kind: "user", principal },
        c.req.valid("json"),
        requestId,
      );
      return c.json(a, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/agreements/{id}",
      permission: "network.read",
      tags,
      summary: "One agreement or declaration with its signatories",
      request: { params: idParams },
      responses: { 200: ok(Agreement), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.getAgreement(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "patch",
      path: "/network/agreements/{id}",
      permission: "network.manage",
      tags,
      summary: "Edit an agreement's terms while it is a draft or under review (version checked)",
      request: { params: idParams, body: jsonBody(named(updateAgreementInput, "NetworkAgreementUpdate")) },
      responses: { 200: ok(Agreement), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.updateAgreement(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(a, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/agreements/{id}/state",
      permission: "network.manage",
      tags,
      summary: "Move an agreement: draft → signed → under review → renewed or ended",
      request: { params: idParams, body: jsonBody(named(agreementStateInput, "NetworkAgreementState")) },
      responses: { 200: ok(Agreement), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.moveAgreement(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(a, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/agreements/{id}/published",
      permission: "network.manage",
      tags,
      summary: "Publish a signed declaration on the public site (or withdraw it)",
      request: { params: idParams, body: jsonBody(named(publishAgreementInput, "NetworkAgreementPublish")) },
      responses: { 200: ok(Agreement), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.publishAgreement(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(a, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/agreements/{id}/signatories",
      permission: "network.manage",
      tags,
      summary: "Add a signatory (organization; for an agreement also name and function)",
      request: { params: idParams, body: jsonBody(named(signatoryInput, "NetworkSignatory")) },
      responses: { 200: ok(Agreement), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.addSignatory(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(a, 200);
    },
  );
}
