import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";
import {
  createRoomInput,
  occupancyQuery,
  proposalQuery,
  proposalView,
  roomView,
} from "./housing.contracts.ts";
import { dayInGermany } from "./housing-model.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const Room = named(roomView, "AccommodationRoom");
const tags = ["accommodation"];

/** Rooms and beds, and the ranked proposal for a household (decision 073). */
export function registerRoomsApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/accommodations/{id}/rooms",
      permission: "accommodation.read",
      tags,
      summary:
        "The rooms of an accommodation with occupied, reserved and free beds on a day (today by default)",
      request: { params: idParams, query: occupancyQuery },
      responses: { 200: ok(z.array(Room)), ...responses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      const day = c.req.valid("query").on ?? dayInGermany(services.core.clock.now());
      await services.accommodation.accommodations.get({ kind: "user", principal }, id, day);
      return c.json(await services.accommodation.rooms.list({ kind: "user", principal }, id, day), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/accommodations/{id}/rooms",
      permission: "accommodation.manage",
      tags,
      summary: "Add a room; its name is unique in the accommodation and all beds stay within the places",
      request: { params: idParams, body: jsonBody(named(createRoomInput, "AccommodationRoomCreate")) },
      responses: { 200: ok(Room), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      const room = await services.accommodation.rooms.create(
        { kind: "user", principal },
        id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(room, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/cases/{id}/proposal",
      permission: "accommodation.place",
      tags,
      summary:
        "Accommodations and rooms for the case's household, ranked by fit, distance and balance, with the rule that leaves each other one out",
      request: { params: idParams, query: proposalQuery },
      responses: { 200: ok(named(proposalView, "AccommodationProposal")), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(
        await services.accommodation.proposal.propose(principal, id, c.req.valid("query"), { requestId }),
        200,
      );
    },
  );
}
