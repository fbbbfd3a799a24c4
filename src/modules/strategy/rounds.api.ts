import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
} from "#app/server/http/api.ts";
import { nodeIdParams } from "./contracts.ts";
import {
  closeRoundInput,
  narrativeView,
  openRoundInput,
  reviewNarrativeInput,
  roundView,
  writeNarrativeInput,
} from "./rounds.contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const RoundView = named(roundView, "StrategyRound");
const NarrativeView = named(narrativeView, "StrategyNarrative");
const NarrativeSaved = named(
  z.object({ id: z.string(), status: z.string(), version: z.number().int() }),
  "StrategyNarrativeSaved",
);

/** The report rounds' HTTP API (issue 16, 4; decision 098). */
export function registerStrategyRoundsApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/rounds",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "The report rounds of the implementation reports, newest year first",
      responses: { 200: ok(named(z.array(roundView), "StrategyRounds")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.rounds(principal, tenant.id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/rounds",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Open a year's report round: everyone responsible for a node of the year is asked by mail",
      request: { body: jsonBody(named(openRoundInput, "StrategyRoundOpen")) },
      responses: { 201: ok(RoundView, "Opened"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      return c.json(
        await services.strategy.openRound(principal, tenant.id, c.req.valid("json"), requestId),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/rounds/{id}",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "A report round with every narrative, its people and its status",
      request: { params: nodeIdParams },
      responses: {
        200: ok(
          named(z.object({ round: roundView, narratives: z.array(narrativeView) }), "StrategyRoundDetail"),
        ),
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.round(principal, tenant.id, c.req.valid("param").id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/rounds/{id}/close",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Close a report round once every narrative is approved",
      request: { params: nodeIdParams, body: jsonBody(named(closeRoundInput, "StrategyRoundClose")) },
      responses: { 200: ok(RoundView), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(
        await services.strategy.closeRound(
          principal,
          tenant.id,
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/narratives",
      permission: "strategy.narrate",
      tags: ["strategy"],
      summary: "The narratives the caller is asked for (only the nodes they are responsible for)",
      responses: { 200: ok(named(z.array(narrativeView), "StrategyNarratives")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.myNarratives(principal, tenant.id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/narratives/{id}",
      permission: "strategy.narrate",
      tags: ["strategy"],
      summary: "One narrative, for the people responsible for its node and the coordinator",
      request: { params: nodeIdParams },
      responses: { 200: ok(NarrativeView), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.narrative(principal, tenant.id, c.req.valid("param").id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/strategy/narratives/{id}",
      permission: "strategy.narrate",
      tags: ["strategy"],
      summary: "Write a node's narrative (draft, or handed in for review); names the version read",
      request: { params: nodeIdParams, body: jsonBody(named(writeNarrativeInput, "StrategyNarrativeWrite")) },
      responses: { 200: ok(NarrativeSaved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      return c.json(
        await services.strategy.writeNarrative(
          principal,
          tenant.id,
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
      path: "/strategy/narratives/{id}/review",
      permission: "strategy.approve",
      tags: ["strategy"],
      summary: "Approve a handed-in narrative or ask for changes with a note",
      request: {
        params: nodeIdParams,
        body: jsonBody(named(reviewNarrativeInput, "StrategyNarrativeReview")),
      },
      responses: { 200: ok(NarrativeSaved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      return c.json(
        await services.strategy.reviewNarrative(
          principal,
          tenant.id,
          c.req.valid("param").id,
          c.req.valid("json"),
          requestId,
        ),
        200,
      );
    },
  );
}
