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
import { applicationDeclineInput, applicationDeclineView } from "./application-contracts.ts";
import { createLinkInput, idParams, issuedLinkView, linkView } from "./contracts.ts";

const tags = ["volunteers"];
const BookingLink = named(linkView, "MediationBookingLink");

/**
 * Art. 15 export of a volunteer, declining an application (decision 100), and the institutions'
 * booking links (decision 060).
 */
export function registerPrivacyAndLinkApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-applications/{id}/decline",
      permission: "volunteers.manage",
      tags,
      summary: "Decline an application from the queue: the applicant is erased at once (Art. 17 (1) (a))",
      request: { params: applicationDeclineInput },
      responses: {
        200: ok(named(applicationDeclineView, "VolunteerApplicationDeclined")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.declineApplication(principal, c.req.valid("param"), { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteers/{id}/export",
      permission: "volunteers.export",
      tags,
      summary: "Art. 15: everything the pool holds about one volunteer, as JSON (audited)",
      request: { params: idParams },
      responses: { 200: ok(z.record(z.string(), z.unknown())), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      const doc = await services.volunteers.exportData(principal, id, { requestId });
      return c.json(doc as Record<string, unknown>, 200, {
        "content-disposition": `attachment; filename="art15-volunteer-${id}.json"`,
        "cache-control": "no-store",
      });
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/mediation-links",
      permission: "volunteers.links",
      tags,
      summary: "The institutions' booking links (tokens are never shown again)",
      responses: { 200: ok(z.array(BookingLink)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.listLinks(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/mediation-links",
      permission: "volunteers.links",
      tags,
      summary: "Issue a booking link for a contact of a directory organization (mailed to them)",
      request: { body: jsonBody(named(createLinkInput, "MediationBookingLinkCreate")) },
      responses: {
        201: ok(named(issuedLinkView, "MediationBookingLinkIssued"), "Created"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.volunteers.issueLink(principal, c.req.valid("json"), { requestId }), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/mediation-links/{id}/revoke",
      permission: "volunteers.links",
      tags,
      summary: "Revoke a booking link: its form and status page stop working",
      request: { params: idParams },
      responses: { 200: ok(BookingLink), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.revokeLink(principal, c.req.valid("param").id, { requestId }),
        200,
      );
    },
  );
}
