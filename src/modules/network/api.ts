import type { z } from "zod";
import { z as zod } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import type { Action } from "#app/server/policy/policy.ts";
import {
  actionItemInput,
  actionItemView,
  actionStatusInput,
  addAgendaItemInput,
  addMemberInput,
  attendanceInput,
  bodyListView,
  bodyView,
  commentInput,
  createBodyInput,
  decisionInput,
  idParams,
  inviteInput,
  meetingListView,
  meetingView,
  memberView,
  minutesInput,
  minutesStateInput,
  openActionsQuery,
  openActionsView,
  pageQuery,
  scheduleMeetingInput,
  updateBodyInput,
} from "./contracts.ts";

const Body = named(bodyView, "NetworkBody");
const Meeting = named(meetingView, "NetworkMeeting");
const tags = ["network"];
const meetingSummary = meetingView.pick({
  id: true,
  bodyId: true,
  title: true,
  startsAt: true,
  endsAt: true,
  placeId: true,
  onlineUrl: true,
  state: true,
  minutesState: true,
  version: true,
});

/** A POST/PUT on a meeting that answers with the whole meeting. */
function meetingWrite<I extends z.ZodType>(
  api: ApiRouter,
  method: "post" | "put",
  path: string,
  input: I,
  refId: string,
  summary: string,
  permission: Action,
  run: (
    c: ReturnType<typeof operationContext>,
    id: string,
    body: z.output<I>,
  ) => Promise<z.input<typeof meetingView>>,
) {
  api.openapi(
    defineRoute({
      method,
      path,
      permission,
      tags,
      summary,
      request: { params: idParams, body: jsonBody(named(input, refId)) },
      responses: { 200: ok(Meeting), ...problemResponses },
    }),
    // biome-ignore lint/suspicious/noExplicitAny: the generic route's validated input
    async (c: any) =>
      c.json(await run(operationContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}

export function registerNetworkApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/bodies",
      permission: "network.read",
      tags,
      summary: "The bodies (Gremien) of the tenant by name, one page at a time (`limit`, `offset`)",
      request: { query: pageQuery },
      responses: { 200: ok(named(bodyListView, "NetworkBodyList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.listBodies(principal, c.req.valid("query")), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/bodies/{id}/meetings",
      permission: "network.read",
      tags,
      summary: "A body's meetings, earliest first, one page at a time (`limit`, `offset`)",
      request: { params: idParams, query: pageQuery },
      responses: { 200: ok(named(meetingListView, "NetworkMeetingList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(
        await services.network.listMeetings(principal, c.req.valid("param").id, c.req.valid("query")),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/bodies",
      permission: "network.manage",
      tags,
      summary: "Create a body",
      request: { body: jsonBody(named(createBodyInput, "NetworkBodyCreate")) },
      responses: { 201: ok(Body, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const b = await services.network.createBody(
        { kind: "user", principal },
        c.req.valid("json"),
        requestId,
      );
      return c.json(await services.network.getBody(principal, b.id), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/bodies/{id}",
      permission: "network.read",
      tags,
      summary: "One body with its members and the first page of its meetings (the rest: /meetings)",
      request: { params: idParams },
      responses: { 200: ok(Body), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.network.getBody(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/bodies/{id}",
      permission: "network.manage",
      tags,
      summary: "Change a body (send the version you read)",
      request: { params: idParams, body: jsonBody(named(updateBodyInput, "NetworkBodyUpdate")) },
      responses: { 200: ok(Body), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      await services.network.updateBody({ kind: "user", principal }, id, c.req.valid("json"), requestId);
      return c.json(await services.network.getBody(principal, id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/bodies/{id}/members",
      permission: "network.manage",
      tags,
      summary: "Add a member or guest (an ended term is refused)",
      request: { params: idParams, body: jsonBody(named(addMemberInput, "NetworkMemberCreate")) },
      responses: { 201: ok(named(memberView, "NetworkMember"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const m = await services.network.addMember(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(m, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/bodies/{id}/meetings",
      permission: "network.meetings.manage",
      tags,
      summary: "Schedule a meeting with its agenda (a directory place or an online address)",
      request: { params: idParams, body: jsonBody(named(scheduleMeetingInput, "NetworkMeetingCreate")) },
      responses: { 201: ok(named(meetingSummary, "NetworkMeetingSummary"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const m = await services.network.scheduleMeeting(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(m, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/meetings/{id}",
      permission: "network.read",
      tags,
      summary: "One meeting with agenda, attendance, decisions, action items and minutes",
      request: { params: idParams },
      responses: { 200: ok(Meeting), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.network.getMeeting(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/meetings/{id}/invitation",
      permission: "network.meetings.manage",
      tags,
      summary:
        "Send the invitation with the agenda and an iCal file to every current member (not for a past meeting)",
      request: { params: idParams, body: jsonBody(named(inviteInput, "NetworkInvitation")) },
      responses: {
        200: ok(
          named(zod.object({ meeting: meetingSummary, invited: zod.number().int() }), "NetworkInvited"),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.network.invite(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json").version,
        requestId,
      );
      return c.json(r, 200);
    },
  );
  const w = (run: Parameters<typeof meetingWrite>[7]) => run;
  meetingWrite(
    api,
    "post",
    "/network/meetings/{id}/agenda",
    addAgendaItemInput,
    "NetworkAgendaItemCreate",
    "Add an agenda item",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.addAgendaItem({ kind: "user", principal: x.principal }, id, b as never, x.requestId),
    ),
  );
  meetingWrite(
    api,
    "put",
    "/network/meetings/{id}/attendance",
    attendanceInput,
    "NetworkAttendance",
    "Record who attended",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.setAttendance({ kind: "user", principal: x.principal }, id, b as never, x.requestId),
    ),
  );
  meetingWrite(
    api,
    "post",
    "/network/meetings/{id}/decisions",
    decisionInput,
    "NetworkDecisionCreate",
    "Record a decision (vote counts at most the voting members present)",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.recordDecision(
        { kind: "user", principal: x.principal },
        id,
        b as never,
        x.requestId,
      ),
    ),
  );
  meetingWrite(
    api,
    "post",
    "/network/meetings/{id}/action-items",
    actionItemInput,
    "NetworkActionItemCreate",
    "Record an action item (owner required)",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.recordActionItem(
        { kind: "user", principal: x.principal },
        id,
        b as never,
        x.requestId,
      ),
    ),
  );
  meetingWrite(
    api,
    "put",
    "/network/meetings/{id}/minutes",
    minutesInput,
    "NetworkMinutes",
    "Save the minutes (send the meeting's version: a second secretary gets a conflict)",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.saveMinutes({ kind: "user", principal: x.principal }, id, b as never, x.requestId),
    ),
  );
  meetingWrite(
    api,
    "put",
    "/network/meetings/{id}/minutes/state",
    minutesStateInput,
    "NetworkMinutesState",
    "Move the minutes: draft → comments → approved → published",
    "network.meetings.manage",
    w((x, id, b) =>
      x.services.network.moveMinutes({ kind: "user", principal: x.principal }, id, b as never, x.requestId),
    ),
  );
  meetingWrite(
    api,
    "post",
    "/network/meetings/{id}/comments",
    commentInput,
    "NetworkMinutesComment",
    "Comment on minutes that are out for comments",
    "network.minutes.comment",
    w((x, id, b) => x.services.network.commentMinutes(x.principal, id, (b as { text: string }).text)),
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/network/action-items/{id}/status",
      permission: "network.meetings.manage",
      tags,
      summary: "Follow up an action item (send the version you read)",
      request: { params: idParams, body: jsonBody(named(actionStatusInput, "NetworkActionStatus")) },
      responses: { 200: ok(named(actionItemView, "NetworkActionItem")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const a = await services.network.setActionStatus(
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
      method: "get",
      path: "/network/action-items/open",
      permission: "network.read",
      tags,
      summary: "Beschlusskontrolle: open action items across all bodies, overdue first",
      request: { query: openActionsQuery },
      responses: { 200: ok(named(openActionsView, "NetworkOpenActionItems")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.openActionItems(principal, c.req.valid("query")), 200);
    },
  );
}
