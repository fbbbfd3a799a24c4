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
import { caseRequestInput, requestView } from "./contracts.ts";

const tags = ["volunteers"];
const caseParams = z.object({ caseId: z.uuid() });
const caseRequestForm = z.object({
  reference: z.string(),
  persons: z.array(
    z.object({ id: z.uuid(), name: z.string(), languages: z.array(z.string()), consent: z.boolean() }),
  ),
  requests: z.array(
    z.object({
      id: z.uuid(),
      personId: z.uuid().nullable(),
      language: z.string(),
      mode: z.string(),
      date: z.string(),
      startMinute: z.number().int(),
      durationMinutes: z.number().int(),
      phase: z.enum(["searching", "confirmed", "held", "cancelled", "no_show"]),
    }),
  ),
});

/** A language mediator asked for from a case (decision 084). */
export function registerCaseRequestApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{caseId}/mediation-requests",
      permission: "volunteers.requests.case",
      tags,
      summary: "The case's persons (languages, consent) and the mediators asked for from it",
      request: { params: caseParams },
      responses: { 200: ok(named(caseRequestForm, "CaseMediationRequests")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const caseId = c.req.valid("param").caseId;
      return c.json(await services.volunteers.caseRequestForm(principal, caseId, { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/mediation-requests",
      permission: "volunteers.requests.case",
      tags,
      summary: "Ask for a language mediator for a person of the case (consent for volunteer matching)",
      request: { params: caseParams, body: jsonBody(named(caseRequestInput, "CaseMediationRequestCreate")) },
      responses: {
        201: ok(named(requestView, "MediationRequest"), "Created"),
        200: ok(named(requestView, "MediationRequest"), "Asked for before"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.volunteers.requestFromCase(
        principal,
        c.req.valid("param").caseId,
        c.req.valid("json"),
        { requestId },
      );
      return r.created ? c.json(r.request, 201) : c.json(r.request, 200);
    },
  );
}
