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
import { yearQuery } from "./expense-contracts.ts";
import {
  endTandemInput,
  logHoursInput,
  registerTandemInput,
  startTandemInput,
  tandemOutcomeCountsView,
  tandemOutcomeInput,
  tandemProposalView,
  tandemView,
} from "./tandem-contracts.ts";

const tags = ["volunteers"];
const Tandem = named(tandemView, "VolunteerTandem");

/** Language tandems and their hours (decision 068). */
export function registerTandemApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-tandems",
      permission: "volunteers.tandems.read",
      tags,
      summary: "Tandems: the waiting list first (oldest first), then running and ended ones",
      responses: { 200: ok(z.array(Tandem)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.listTandems(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-tandems",
      permission: "volunteers.tandems.register",
      tags,
      summary: "Put a newcomer on the waiting list (from a case: need-to-know and consent are checked)",
      request: { body: jsonBody(named(registerTandemInput, "VolunteerTandemRegister")) },
      responses: { 201: ok(Tandem, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.registerTandem(principal, c.req.valid("json"), { requestId }),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-tandems/{id}",
      permission: "volunteers.tandems.read",
      tags,
      summary: "One tandem with the newcomer's contact data (the read is audited)",
      request: { params: idParams },
      responses: { 200: ok(Tandem), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.getTandem(principal, c.req.valid("param").id, { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/volunteer-tandems/{id}",
      permission: "volunteers.erase",
      tags,
      summary: "Erase a tandem on the newcomer's request (Art. 17), with its hours",
      request: { params: idParams },
      responses: { 200: ok(z.object({ erased: z.number().int() })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.eraseTandem(principal, c.req.valid("param").id, { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-tandems/{id}/proposals",
      permission: "volunteers.tandems.manage",
      tags,
      summary: "Active volunteers for a waiting newcomer, ranked by wanted and shared languages and area",
      request: { params: idParams },
      responses: {
        200: ok(z.array(named(tandemProposalView, "VolunteerTandemProposal"))),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.tandemProposals(principal, c.req.valid("param").id), 200);
    },
  );

  const step = (path: "start" | "end") =>
    api.openapi(
      defineRoute({
        method: "post",
        path: `/volunteer-tandems/{id}/${path}`,
        permission: "volunteers.tandems.manage",
        tags,
        summary:
          path === "start"
            ? "The first meeting took place: the tandem runs with this volunteer (send the version you read)"
            : "End a running tandem with a reason (send the version you read)",
        request: {
          params: idParams,
          body: jsonBody(
            path === "start"
              ? named(startTandemInput, "VolunteerTandemStart")
              : named(endTandemInput, "VolunteerTandemEnd"),
          ),
        },
        responses: { 200: ok(Tandem), ...problemResponses },
      }),
      async (c) => {
        const { services, principal, requestId } = operationContext(c);
        const id = c.req.valid("param").id;
        const body = c.req.valid("json");
        const v = services.volunteers;
        return c.json(
          "volunteerId" in body
            ? await v.startTandem(principal, id, body, { requestId })
            : await v.endTandem(principal, id, body, { requestId }),
          200,
        );
      },
    );
  step("start");
  step("end");

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-tandems/{id}/outcome",
      permission: "volunteers.tandems.manage",
      tags,
      summary:
        "Record once what an ended tandem led to; 'referred' from a case becomes a referral of case work (send the version you read)",
      request: { params: idParams, body: jsonBody(named(tandemOutcomeInput, "VolunteerTandemOutcome")) },
      responses: { 200: ok(Tandem), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(
        await services.volunteers.recordTandemOutcome(principal, id, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-pool/tandem-outcomes",
      permission: "volunteers.statistics",
      tags,
      summary: "Outcomes of the tandems ended in a year, small cells suppressed",
      request: { query: yearQuery },
      responses: {
        200: ok(named(tandemOutcomeCountsView, "VolunteerTandemOutcomeCounts")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.tandemOutcomeCounts(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-tandems/{id}/hours",
      permission: "volunteers.hours",
      tags,
      summary: "Log hours in a tandem (a volunteer their own)",
      request: { params: idParams, body: jsonBody(named(logHoursInput, "VolunteerHours")) },
      responses: {
        201: ok(z.object({ id: z.uuid(), date: z.string(), minutes: z.number().int() }), "Created"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(
        await services.volunteers.logHours(principal, id, c.req.valid("json"), { requestId }),
        201,
      );
    },
  );
}
