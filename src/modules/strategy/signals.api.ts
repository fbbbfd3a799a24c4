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
import { needSignalInput, needSignalsView, signalIdParams } from "./signals.contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

/** The gap analysis's further need signals (issue 16, 2; decision 079). */
export function registerStrategySignalsApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/gaps/signals",
      permission: "strategy.matrix",
      tags: ["strategy"],
      summary:
        "The questionnaire answers and monitoring indicators counted as need signals per framework term",
      responses: { 200: ok(named(needSignalsView, "StrategyNeedSignals")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, lang } = operationContext(c);
      return c.json({ signals: await services.strategy.needSignals(principal, tenant.id, lang) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/gaps/signals",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Add a need signal: a questionnaire answer (by district) or a monitoring indicator (by area)",
      request: { body: jsonBody(named(needSignalInput, "StrategyNeedSignalCreate")) },
      responses: {
        201: ok(named(z.object({ id: z.string() }), "StrategyNeedSignalCreated"), "Created"),
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.addNeedSignal(principal, tenant.id, c.req.valid("json")), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/strategy/gaps/signals/{id}",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Remove a need signal",
      request: { params: signalIdParams },
      responses: { 204: { description: "Removed" }, ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      await services.strategy.removeNeedSignal(principal, tenant.id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
}
