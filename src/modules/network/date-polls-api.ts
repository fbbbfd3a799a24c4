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
import { idParams } from "./contracts.ts";
import {
  createDatePollInput,
  datePollListView,
  datePollSummary,
  datePollView,
  fixDatePollInput,
  staffPollAnswerInput,
} from "./date-polls.contracts.ts";

const tags = ["network"];
const Poll = named(datePollView, "NetworkDatePoll");

/** Terminfindung (decision 126): date polls among a body's members before the invitation. */
export function registerDatePollApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/bodies/{id}/date-polls",
      permission: "network.meetings.manage",
      tags,
      summary:
        "Propose dates to the body's current members; each member with an address gets their answer link",
      request: { params: idParams, body: jsonBody(named(createDatePollInput, "NetworkDatePollCreate")) },
      responses: {
        201: ok(
          named(
            datePollSummary.extend({
              asked: z.number().int(),
              mailed: z.number().int(),
            }),
            "NetworkDatePollCreated",
          ),
          "Created",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = await services.network.createDatePoll(
        { kind: "user", principal },
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(p, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/bodies/{id}/date-polls",
      permission: "network.read",
      tags,
      summary: "A body's date polls, newest first",
      request: { params: idParams },
      responses: { 200: ok(named(datePollListView, "NetworkDatePollList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.network.datePollsOf(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/date-polls/{id}",
      permission: "network.read",
      tags,
      summary: "A date poll with the answers per member and the counts per date (an audited read)",
      request: { params: idParams },
      responses: { 200: ok(Poll), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.network.getDatePoll(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/date-polls/{id}/answers",
      permission: "network.meetings.manage",
      tags,
      summary: "Record a member's answers (yes, maybe, no per date) while the poll is open",
      request: { params: idParams, body: jsonBody(named(staffPollAnswerInput, "NetworkDatePollAnswer")) },
      responses: { 200: ok(Poll), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.network.answerDatePoll(
          { kind: "user", principal },
          c.req.valid("param").id,
          c.req.valid("json"),
          requestId,
        ),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/date-polls/{id}/fix",
      permission: "network.meetings.manage",
      tags,
      summary: "Fix one date: creates the meeting or moves the scheduled one (send the version you read)",
      request: { params: idParams, body: jsonBody(named(fixDatePollInput, "NetworkDatePollFix")) },
      responses: { 200: ok(named(datePollSummary, "NetworkDatePollSummary")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.network.fixDatePoll(
          { kind: "user", principal },
          c.req.valid("param").id,
          c.req.valid("json"),
          requestId,
        ),
        200,
      );
    },
  );
}
