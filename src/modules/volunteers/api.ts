import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { registerCaseRequestApi } from "./case-requests.api.ts";
import {
  confirmMatchingInput,
  confirmMatchingView,
  createRequestInput,
  createVolunteerInput,
  idParams,
  matchingView,
  requestEventInput,
  requestListQuery,
  requestListView,
  requestView,
  updateVolunteerInput,
  volunteerSummary,
  volunteerView,
} from "./contracts.ts";
import { registerExpenseApi } from "./expenses.api.ts";
import { registerInstitutionApi } from "./institutions.api.ts";
import { registerPrivacyAndLinkApi } from "./links.api.ts";
import { registerRulesApi } from "./rules.api.ts";
import { registerStatementApi } from "./statements.api.ts";
import { registerTandemApi } from "./tandems.api.ts";

const Volunteer = named(volunteerView, "Volunteer");
const MediationRequest = named(requestView, "MediationRequest");
const tags = ["volunteers"];

export function registerVolunteerApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteers",
      permission: "volunteers.read",
      tags,
      summary: "The volunteer pool (no contact data)",
      responses: { 200: ok(z.array(named(volunteerSummary, "VolunteerSummary"))), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.list(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteers/{id}",
      permission: "volunteers.read",
      tags,
      summary: "One volunteer's profile (the read is audited)",
      request: { params: idParams },
      responses: { 200: ok(Volunteer), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.volunteers.get(principal, c.req.valid("param").id, { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteers",
      permission: "volunteers.manage",
      tags,
      summary: "Add a volunteer to the pool",
      request: { body: jsonBody(named(createVolunteerInput, "VolunteerCreate")) },
      responses: { 201: ok(Volunteer, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.volunteers.create(principal, c.req.valid("json"), { requestId }), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/volunteers/{id}",
      permission: "volunteers.manage",
      tags,
      summary: "Change a volunteer's profile (send the version you read)",
      request: { params: idParams, body: jsonBody(named(updateVolunteerInput, "VolunteerUpdate")) },
      responses: { 200: ok(Volunteer), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(await services.volunteers.update(principal, id, c.req.valid("json"), { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/volunteers/{id}",
      permission: "volunteers.erase",
      tags,
      summary: "Erase a volunteer (Art. 17): the profile goes, their requests stay without them",
      request: { params: idParams },
      responses: {
        200: ok(
          z.object({
            requestsUnlinked: z.number().int(),
            tandemsUnlinked: z.number().int(),
            claimsUnlinked: z.number().int(),
            statementsUnlinked: z.number().int(),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.volunteers.erase(principal, c.req.valid("param").id, { requestId }), 200);
    },
  );

  registerRequestApi(api);
  registerPrivacyAndLinkApi(api);
  registerTandemApi(api);
  registerExpenseApi(api);
  registerCaseRequestApi(api);
  registerStatementApi(api);
  registerRulesApi(api);
  registerInstitutionApi(api);
}

function registerRequestApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/mediation-requests",
      permission: "volunteers.requests.read",
      tags,
      summary: "Mediation requests, newest conversation first, 50 a page",
      request: { query: requestListQuery },
      responses: { 200: ok(requestListView), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.listRequests(principal, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/mediation-requests",
      permission: "volunteers.requests.manage",
      tags,
      summary: "Book a language mediator (the pool's rules per field; the same idempotency key books once)",
      request: { body: jsonBody(named(createRequestInput, "MediationRequestCreate")) },
      responses: {
        201: ok(MediationRequest, "Created"),
        200: ok(MediationRequest, "Booked before"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.volunteers.createRequest(principal, c.req.valid("json"), { requestId });
      return r.created ? c.json(r.request, 201) : c.json(r.request, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/mediation-requests/matching",
      permission: "volunteers.requests.manage",
      tags,
      summary: "The optimal proposal for all open requests, with reasons and the unserved ones",
      responses: { 200: ok(named(matchingView, "MatchingProposal")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.proposeMatching(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/mediation-requests/matching/confirm",
      permission: "volunteers.requests.manage",
      tags,
      summary: "Offer the chosen pairs; a request changed meanwhile is reported, not overwritten",
      request: { body: jsonBody(named(confirmMatchingInput, "MatchingConfirm")) },
      responses: { 200: ok(confirmMatchingView), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { offers } = c.req.valid("json");
      return c.json(await services.volunteers.confirmMatching(principal, offers, { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/mediation-requests/{id}",
      permission: "volunteers.requests.read",
      tags,
      summary: "One mediation request",
      request: { params: idParams },
      responses: { 200: ok(MediationRequest), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.getRequest(principal, c.req.valid("param").id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/mediation-requests/{id}/events",
      permission: "volunteers.requests.respond",
      tags,
      summary: "One step of the request's state machine (send the version you read)",
      request: { params: idParams, body: jsonBody(named(requestEventInput, "MediationRequestEvent")) },
      responses: { 200: ok(MediationRequest), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(
        await services.volunteers.applyEvent(principal, id, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );
}
