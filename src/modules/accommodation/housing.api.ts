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
import { userContext } from "./api-context.ts";
import { idParams } from "./contracts.ts";
import {
  accommodationView,
  comparisonQuery,
  comparisonView,
  createAccommodationInput,
  endPlacementInput,
  occupancyQuery,
  PUBLIC_PLACE_OUTCOMES,
  placeHouseholdInput,
  placementView,
  publicPlaceInput,
  residentsView,
  updateAccommodationInput,
} from "./housing.contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const Accommodation = named(accommodationView, "Accommodation");
const Placement = named(placementView, "AccommodationPlacement");
const tags = ["accommodation"];

/** Accommodations, occupancy and placements (decision 065). */
export function registerHousingApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/accommodations",
      permission: "accommodation.read",
      tags,
      summary: "Accommodations with free, reserved and occupied places on a day (today by default)",
      request: { query: occupancyQuery },
      responses: { 200: ok(z.array(Accommodation)), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      return c.json(await services.accommodation.accommodations.list(actor, c.req.valid("query").on), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/accommodations",
      permission: "accommodation.manage",
      tags,
      summary: "Add an accommodation; an address point outside the tenant's areas is refused",
      request: { body: jsonBody(named(createAccommodationInput, "AccommodationCreate")) },
      responses: { 200: ok(Accommodation), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      const created = await services.accommodation.accommodations.create(
        actor,
        c.req.valid("json"),
        requestId,
      );
      return c.json(created, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/accommodations/{id}",
      permission: "accommodation.read",
      tags,
      summary: "One accommodation with its occupancy on a day",
      request: { params: idParams, query: occupancyQuery },
      responses: { 200: ok(Accommodation), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.accommodation.accommodations.get(actor, id, c.req.valid("query").on), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/accommodations/{id}",
      permission: "accommodation.manage",
      tags,
      summary: "Change an accommodation (optimistic locking: send the version you read)",
      request: { params: idParams, body: jsonBody(named(updateAccommodationInput, "AccommodationUpdate")) },
      responses: { 200: ok(Accommodation), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      const { id } = c.req.valid("param");
      const updated = await services.accommodation.accommodations.update(
        actor,
        id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(updated, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/comparison",
      permission: "accommodation.read",
      tags,
      summary:
        "Two accommodations, or two periods of one, side by side; counts of persons through the small-cell rule",
      request: { query: comparisonQuery },
      responses: { 200: ok(named(comparisonView, "AccommodationComparison")), ...responses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.accommodation.comparison.compare(principal, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/accommodations/{id}/place",
      permission: "accommodation.manage",
      tags,
      summary:
        "Show the accommodation on the public site as a directory place (also needs directory.publish), or take the place down; an editor's later change of the place is kept",
      request: { params: idParams, body: jsonBody(named(publicPlaceInput, "AccommodationPublicPlace")) },
      responses: {
        200: ok(z.object({ outcome: z.enum(PUBLIC_PLACE_OUTCOMES), accommodation: Accommodation })),
        ...responses,
      },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      const { id } = c.req.valid("param");
      const r = await services.accommodation.accommodations.setPublic(
        actor,
        id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/accommodations/{id}/residents",
      permission: "accommodation.read",
      tags,
      summary: "The placements whose case you may read (audited); the others only counted",
      request: { params: idParams },
      responses: { 200: ok(named(residentsView, "AccommodationResidents")), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.accommodation.placements.residents(principal, id, { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/accommodations/{id}/placements",
      permission: "accommodation.place",
      tags,
      summary:
        "Place a case's household (all its persons); refused over capacity, overlapping another stay, or outside opening dates",
      request: { params: idParams, body: jsonBody(named(placeHouseholdInput, "AccommodationPlace")) },
      responses: { 200: ok(Placement), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      const placed = await services.accommodation.placements.place(principal, id, c.req.valid("json"), {
        requestId,
      });
      return c.json(placed, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/placements/{id}",
      permission: "accommodation.place",
      tags,
      summary: "Set a placement's move-out day (optimistic locking: send the version you read)",
      request: { params: idParams, body: jsonBody(named(endPlacementInput, "AccommodationPlacementEnd")) },
      responses: { 200: ok(Placement), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      const ended = await services.accommodation.placements.end(principal, id, c.req.valid("json"), {
        requestId,
      });
      return c.json(ended, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/cases/{id}/placements",
      // Case data: only who may read cases (the service also requires accommodation.read).
      permission: "cases.read",
      tags,
      summary: "The placement history of the case's household, newest first (audited)",
      request: { params: idParams },
      responses: { 200: ok(z.array(Placement)), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.accommodation.placements.history(principal, id, { requestId }), 200);
    },
  );
}
