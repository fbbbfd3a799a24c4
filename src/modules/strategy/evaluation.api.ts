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
import {
  evaluationIdParams,
  evaluationInput,
  evaluationsQuery,
  evaluationsView,
  nodeEvaluationView,
  updateEvaluationInput,
} from "./evaluation.contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const Saved = named(z.object({ id: z.string(), version: z.number().int() }), "StrategyEvaluationSaved");

/** The evaluations' HTTP API (issue 16, 5; decision 071). */
export function registerStrategyEvaluationApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/evaluations",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "Every evaluation with a review date in the period, side by side with each measure's light",
      request: { query: evaluationsQuery },
      responses: { 200: ok(named(evaluationsView, "StrategyEvaluations")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.evaluations(principal, tenant.id, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/nodes/{id}/evaluations",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "A measure's evaluation records and the light rolled up from its indicators",
      request: { params: evaluationIdParams },
      responses: { 200: ok(named(nodeEvaluationView, "StrategyNodeEvaluations")), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(
        await services.strategy.nodeEvaluations(principal, tenant.id, c.req.valid("param").id),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/nodes/{id}/evaluations",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Record a measure's evaluation for a review date (internal or external)",
      request: {
        params: evaluationIdParams,
        body: jsonBody(named(evaluationInput, "StrategyEvaluationCreate")),
      },
      responses: { 201: ok(Saved, "Created"), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const row = await services.strategy.addEvaluation(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ id: row.id, version: row.version }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/strategy/evaluations/{id}",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Change an evaluation record; a stale version is a conflict",
      request: {
        params: evaluationIdParams,
        body: jsonBody(named(updateEvaluationInput, "StrategyEvaluationUpdate")),
      },
      responses: { 200: ok(Saved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const row = await services.strategy.updateEvaluation(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ id: row.id, version: row.version }, 200);
    },
  );
}
