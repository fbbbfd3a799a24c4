import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  activateCrisisInput,
  closeCrisisInput,
  crisisCheckParams,
  crisisIdParams,
  crisisListItem,
  crisisNoteInput,
  crisisView,
} from "./crisis-contracts.ts";

const tags = ["conflicts"];
const Done = z.object({ ok: z.literal(true) });

/** Crises and drills activated from the crisis plan (decision 072). */
export function registerConflictCrisisApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/crises",
      permission: "conflicts.crisis",
      tags,
      summary: "Crises and drills, newest first, with their checklist progress",
      responses: {
        200: ok(z.object({ items: z.array(named(crisisListItem, "ConflictCrisisItem")) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: await services.conflicts.crises(principal) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/crises",
      permission: "conflicts.crisis_activate",
      tags,
      summary: "Activate a crisis (or a drill) of one of the crisis plan's types: the chain is alerted",
      request: { body: jsonBody(named(activateCrisisInput, "ConflictCrisisActivation")) },
      responses: { 201: ok(z.object({ id: z.string() }), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.activateCrisis(principal, c.req.valid("json"), requestId), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/crises/{id}",
      permission: "conflicts.crisis",
      tags,
      summary: "A crisis with its alert chain, checklist, log and debrief (the read is audited)",
      request: { params: crisisIdParams },
      responses: { 200: ok(named(crisisView, "ConflictCrisis")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.crisis(principal, c.req.valid("param").id, requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/crises/{id}/checks/{position}",
      permission: "conflicts.crisis",
      tags,
      summary: "Tick a checklist step (once; the second of two gets 409)",
      request: { params: crisisCheckParams },
      responses: { 200: ok(Done), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      await services.conflicts.tickCrisisStep(principal, p.id, p.position, requestId);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/crises/{id}/log",
      permission: "conflicts.crisis",
      tags,
      summary: "Append an entry to the crisis log (append-only)",
      request: { params: crisisIdParams, body: jsonBody(named(crisisNoteInput, "ConflictCrisisNote")) },
      responses: { 201: ok(Done, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.conflicts.noteCrisis(principal, c.req.valid("param").id, c.req.valid("json"), requestId);
      return c.json({ ok: true as const }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/crises/{id}/close",
      permission: "conflicts.crisis_activate",
      tags,
      summary: "Close a crisis with its debrief; lessons named as measures join the prevention plan",
      request: { params: crisisIdParams, body: jsonBody(named(closeCrisisInput, "ConflictCrisisClose")) },
      responses: { 200: ok(Done), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.conflicts.closeCrisis(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/conflicts/crises/{id}",
      permission: "conflicts.erase",
      tags,
      summary: "Erase a crisis with its chain, checklist and log (Art. 17 GDPR, data-protection officer)",
      request: { params: crisisIdParams },
      responses: { 200: ok(Done), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.conflicts.eraseCrisis(principal, c.req.valid("param").id, requestId);
      return c.json({ ok: true as const }, 200);
    },
  );
}
