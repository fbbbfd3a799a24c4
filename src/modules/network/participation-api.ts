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
} from "#app/server/http/api.ts";
import { idParams, pageQuery } from "./contracts.ts";
import {
  contributionInput,
  contributionListView,
  contributionPublishInput,
  contributionStateInput,
  contributionView,
  createEventInput,
  eventAttendanceInput,
  eventAttendanceResult,
  eventListView,
  eventReportView,
  eventSettingsInput,
  eventView,
} from "./participation.contracts.ts";

const Contribution = named(contributionView, "NetworkContribution");
const tags = ["network"];

/** Participation events and contributions (decision 077); the public form is a page, not an API. */
export function registerParticipationApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/events",
      permission: "network.read",
      tags,
      summary: "Participation events, latest first, with their number of contributions",
      responses: { 200: ok(named(eventListView, "NetworkEventList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.listEvents(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/events",
      permission: "network.manage",
      tags,
      summary:
        "Create a participation event (format, target groups, languages, interpreters, place and time)",
      request: { body: jsonBody(named(createEventInput, "NetworkEventCreate")) },
      responses: {
        201: ok(named(eventListView.element, "NetworkEventSummary"), "Created"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const e = await services.network.createEvent(
        { kind: "user", principal },
        c.req.valid("json"),
        requestId,
      );
      return c.json(e, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/events/{id}",
      permission: "network.read",
      tags,
      summary: "One participation event with the first page of its contributions (the rest: /contributions)",
      request: { params: idParams },
      responses: { 200: ok(named(eventView, "NetworkEvent")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.getEvent(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/events/{id}/contributions",
      permission: "network.read",
      tags,
      summary: "An event's contributions in the order they came in, one page at a time (`limit`, `offset`)",
      request: { params: idParams, query: pageQuery },
      responses: { 200: ok(named(contributionListView, "NetworkContributionList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(
        await services.network.listContributions(principal, c.req.valid("param").id, c.req.valid("query")),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/events/{id}/settings",
      permission: "network.manage",
      tags,
      summary:
        "Publish an event in the public calendar and open it for public contributions (version checked)",
      request: { params: idParams, body: jsonBody(named(eventSettingsInput, "NetworkEventSettings")) },
      responses: { 200: ok(named(eventListView.element, "NetworkEventSummary")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const e = await services.network.setEventSettings(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(e, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/events/{id}/contributions",
      permission: "network.manage",
      tags,
      summary: "Record a contribution made at the event",
      request: { params: idParams, body: jsonBody(named(contributionInput, "NetworkContributionCreate")) },
      responses: { 201: ok(Contribution, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.recordContribution(
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
      method: "put",
      path: "/network/contributions/{id}/state",
      permission: "network.manage",
      tags,
      summary: "Handle a contribution: received → examined → adopted (linked) or declined (with a reason)",
      request: {
        params: idParams,
        body: jsonBody(named(contributionStateInput, "NetworkContributionState")),
      },
      responses: { 200: ok(Contribution), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.moveContribution(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/contributions/{id}/published",
      permission: "network.manage",
      tags,
      summary: "Moderation: show a contribution on the event's public page (or withdraw it)",
      request: {
        params: idParams,
        body: jsonBody(named(contributionPublishInput, "NetworkContributionPublish")),
      },
      responses: { 200: ok(Contribution), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.publishContribution(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/events/{id}/report",
      permission: "network.read",
      tags,
      summary: "The event's report: attendance, contributions per state and source, what became of them",
      request: { params: idParams },
      responses: { 200: ok(named(eventReportView, "NetworkEventReport")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.eventReport(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/events/{id}/report/pdf",
      permission: "network.read",
      tags,
      summary: "The event's report as a tagged PDF (PDF/UA) in the reader's language",
      request: { params: idParams },
      responses: {
        200: pdfOk(),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, lang } = operationContext(c);
      const id = c.req.valid("param").id;
      const pdf = await services.network.eventReportPdf(principal, id, lang);
      return pdfDownload(c, pdf, `beteiligung-${id.slice(0, 8)}.pdf`);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/events/{id}/attendance",
      permission: "network.manage",
      tags,
      summary: "The attendance counted at the event (total, optionally by gender and age band)",
      request: {
        params: idParams,
        body: jsonBody(named(eventAttendanceInput, "NetworkEventAttendance")),
      },
      responses: {
        200: ok(named(eventAttendanceResult, "NetworkEventAttendanceResult")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.setEventAttendance(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
}
