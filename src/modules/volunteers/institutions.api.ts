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
import { idParams, requestView } from "./contracts.ts";
import {
  institutionBookingInput,
  institutionEventInput,
  institutionRequestView,
  inviteInstitutionInput,
} from "./institution-contracts.ts";

const tags = ["volunteers"];
const InstitutionRequest = named(institutionRequestView, "VolunteerInstitutionRequest");

/** Institution accounts (Einsatzstellen, decision 127): own requests, own steps, the coordinator's invitation. */
export function registerInstitutionApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/institution/mediation-requests",
      permission: "volunteers.institution",
      tags,
      summary:
        "The requests of the institution's organizations, with the confirmed mediator's name, contact and languages",
      responses: { 200: ok(z.array(InstitutionRequest)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.institutionRequests(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/institution/mediation-requests",
      permission: "volunteers.institution",
      tags,
      summary:
        "The institution posts a request; it is offered only after the coordinator checked it (the same form token twice books once)",
      request: { body: jsonBody(named(institutionBookingInput, "VolunteerInstitutionBooking")) },
      responses: {
        200: ok(named(requestView, "MediationRequest"), "Already booked with this form token"),
        201: ok(named(requestView, "MediationRequest"), "Booked"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.volunteers.bookAsInstitution(principal, c.req.valid("json"), { requestId });
      return r.created ? c.json(r.request, 201) : c.json(r.request, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/institution/mediation-requests/{id}/events",
      permission: "volunteers.institution",
      tags,
      summary:
        "The institution confirms the held duration or ends the engagement (send the version you read)",
      request: {
        params: idParams,
        body: jsonBody(named(institutionEventInput, "VolunteerInstitutionEvent")),
      },
      responses: { 200: ok(InstitutionRequest), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(
        await services.volunteers.institutionEvent(principal, id, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-institutions/invitations",
      permission: "volunteers.institutions.invite",
      tags,
      summary:
        "Invite a contact of a published directory organization: an account scoped to it, and a mail to choose a password",
      request: { body: jsonBody(named(inviteInstitutionInput, "VolunteerInstitutionInvitation")) },
      responses: {
        201: ok(z.object({ userId: z.uuid(), organizationId: z.uuid() }), "Invited"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.inviteInstitution(principal, c.req.valid("json"), { requestId }),
        201,
      );
    },
  );
}
