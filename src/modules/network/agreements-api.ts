import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  pdfOk,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  agreementListView,
  agreementStateInput,
  agreementView,
  commitmentInput,
  commitmentStatusInput,
  commitmentView,
  createAgreementInput,
  publishAgreementInput,
  signatoryInput,
  updateAgreementInput,
} from "./agreements.contracts.ts";
import { idParams } from "./contracts.ts";

const Agreement = named(agreementView, "NetworkAgreement");
const Commitment = named(commitmentView, "NetworkCommitment");
const commitmentParams = z.object({ id: z.uuid(), commitmentId: z.uuid() });
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
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/agreements/{id}/commitments",
      permission: "network.manage",
      tags,
      summary: "Add a commitment of one of the agreement's parties (owner required, due date optional)",
      request: { params: idParams, body: jsonBody(named(commitmentInput, "NetworkCommitmentCreate")) },
      responses: { 201: ok(Commitment, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.addCommitment(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "patch",
      path: "/network/agreements/{id}/commitments/{commitmentId}",
      permission: "network.manage",
      tags,
      summary: "Mark a commitment done, dropped or open again (compare-and-set on its version)",
      request: {
        params: commitmentParams,
        body: jsonBody(named(commitmentStatusInput, "NetworkCommitmentStatus")),
      },
      responses: { 200: ok(Commitment), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const r = await services.network.setCommitmentStatus(
        { kind: "user", principal },
        p.id,
        p.commitmentId,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/agreements/{id}/pdf",
      permission: "network.read",
      tags,
      summary: "The agreement as a tagged PDF (PDF/UA), rendered by a job after each change (audited read)",
      request: { params: idParams },
      responses: {
        200: pdfOk(),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      const { pdf, version } = await services.network.agreementPdf(principal, id, requestId);
      return pdfDownload(c, pdf, `vereinbarung-${id.slice(0, 8)}-v${version}.pdf`);
    },
  );
}
