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
  agendaItemView,
  caseLinkInput,
  conflictCaseParams,
  conflictIdParams,
  conflictView,
  createdPostView,
  createPostInput,
  escalatedView,
  escalateInput,
  logInput,
  mediationsView,
  mergeInput,
  postView,
  publishFiguresInput,
  publishFiguresView,
  queueItemView,
  queueQuery,
  reportInput,
  reportReceiptView,
  statisticsQuery,
  statisticsView,
  takeInput,
  transitionInput,
  triageInput,
} from "./contracts.ts";

const Conflict = named(conflictView, "Conflict");
const Saved = z.object({ id: z.string(), version: z.number().int(), state: z.string() });
const saved = (r: { id: string; version: number; state: string }) => ({
  id: r.id,
  version: r.version,
  state: r.state,
});
const tags = ["conflicts"];

export function registerConflictApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts",
      permission: "conflicts.read",
      tags,
      summary: "The contact point's queue: open conflicts, earliest deadline first (at most 200)",
      request: { query: queueQuery },
      responses: {
        200: ok(z.object({ items: z.array(named(queueItemView, "ConflictQueueItem")) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const q = c.req.valid("query");
      const items = await services.conflicts.queue(principal, {
        mine: q.mine === "1",
        overdue: q.overdue === "1",
        closed: q.closed === "1",
      });
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts",
      permission: "conflicts.report",
      tags,
      summary: "Record a report taken by phone",
      request: { body: jsonBody(named(reportInput, "ConflictReport")) },
      responses: { 201: ok(named(reportReceiptView, "ConflictReceipt"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.report({ kind: "staff", principal }, c.req.valid("json"), requestId);
      return c.json({ reference: r.reference, statusToken: r.statusToken }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/escalated",
      permission: "conflicts.escalated",
      tags,
      summary: "Escalated conflicts for the steering group (pseudonyms only)",
      responses: {
        200: ok(z.object({ items: z.array(named(escalatedView, "EscalatedConflict")) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json({ items: await services.conflicts.escalated(principal, requestId) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/statistics",
      permission: "conflicts.statistics",
      tags,
      summary:
        "Conflicts per area and kind by quarter, first contact against the service level, outcomes (small cells suppressed)",
      request: { query: statisticsQuery },
      responses: { 200: ok(named(statisticsView, "ConflictStatistics")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.conflicts.statistics(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/statistics/monitoring",
      permission: "conflicts.statistics",
      tags,
      summary:
        "Publish the year's conflicts per area and kind into monitoring as working values (needs monitoring's data right too)",
      request: { body: jsonBody(named(publishFiguresInput, "ConflictFiguresPublish")) },
      responses: { 200: ok(named(publishFiguresView, "ConflictFiguresPublished")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.conflicts.publishFigures(principal, c.req.valid("json").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/posts",
      permission: "conflicts.posts",
      tags,
      summary: "Fire-alarm posts with their reporting links",
      responses: {
        200: ok(z.object({ items: z.array(named(createdPostView, "ConflictPost")) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: await services.conflicts.listPosts(principal) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/posts",
      permission: "conflicts.posts",
      tags,
      summary: "Designate a fire-alarm post",
      request: { body: jsonBody(named(createPostInput, "ConflictPostCreate")) },
      responses: { 201: ok(createdPostView.extend(postView.shape), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.createPost(principal, c.req.valid("json"), requestId), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/mediations",
      permission: "conflicts.mediate",
      tags,
      summary:
        "The signed-in volunteer's own open mediations (decision 113): no protected details, each conflict an audited read",
      responses: { 200: ok(named(mediationsView, "ConflictMediations")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.myMediations(principal, requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/{id}",
      permission: "conflicts.read",
      tags,
      summary: "One conflict with its log (the read is audited)",
      request: { params: conflictIdParams },
      responses: { 200: ok(Conflict), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.get(principal, c.req.valid("param").id, requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/triage",
      permission: "conflicts.handle",
      tags,
      summary: "Triage: severity, urgency and handler (send the version you read)",
      request: { params: conflictIdParams, body: jsonBody(named(triageInput, "ConflictTriage")) },
      responses: { 200: ok(Saved), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.triage(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(saved(r), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/take",
      permission: "conflicts.handle",
      tags,
      summary: "Take a report as its handler; 409 when someone else took it first",
      request: { params: conflictIdParams, body: jsonBody(takeInput) },
      responses: { 200: ok(Saved), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.take(
        principal,
        c.req.valid("param").id,
        c.req.valid("json").version,
        requestId,
      );
      return c.json(saved(r), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/transition",
      permission: "conflicts.handle",
      tags,
      summary: "Move to another state (closing names an outcome)",
      request: { params: conflictIdParams, body: jsonBody(named(transitionInput, "ConflictTransition")) },
      responses: { 200: ok(Saved), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.transition(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(saved(r), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/log",
      permission: "conflicts.handle",
      tags,
      summary: "Add a contact, step, mediation session, agreement or note to the log",
      request: { params: conflictIdParams, body: jsonBody(named(logInput, "ConflictLogEntry")) },
      responses: { 201: ok(z.object({ id: z.string() }), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.conflicts.addLog(principal, c.req.valid("param").id, c.req.valid("json"), requestId),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/escalate",
      permission: "conflicts.handle",
      tags,
      summary:
        "Escalate to the steering group with a reason; with a body, also onto its next meeting's agenda (no personal data)",
      request: { params: conflictIdParams, body: jsonBody(named(escalateInput, "ConflictEscalation")) },
      responses: {
        200: ok(Saved.extend({ agenda: named(agendaItemView, "ConflictAgendaItem").nullable() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.escalate(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ ...saved(r), agenda: r.agenda }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/merge",
      permission: "conflicts.handle",
      tags,
      summary:
        "Merge this duplicate report into another open conflict (send this one's version): it closes, its parties and case links move, its history stays",
      request: { params: conflictIdParams, body: jsonBody(named(mergeInput, "ConflictMerge")) },
      responses: { 200: ok(Saved.extend({ intoId: z.string() })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.merge(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ ...saved(r), intoId: r.intoId }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/conflicts/{id}",
      permission: "conflicts.erase",
      tags,
      summary: "Erase a conflict and its log (Art. 17 GDPR, data-protection officer)",
      request: { params: conflictIdParams },
      responses: { 204: { description: "Erased" }, ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.conflicts.erase(principal, c.req.valid("param").id, requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/{id}/cases",
      permission: "conflicts.handle",
      tags,
      summary: "Link a party (its pseudonym) to a case of case work; case work's need-to-know decides",
      request: { params: conflictIdParams, body: jsonBody(named(caseLinkInput, "ConflictCaseLink")) },
      responses: { 201: ok(z.object({ id: z.string() }), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.conflicts.linkCase(principal, c.req.valid("param").id, c.req.valid("json"), requestId),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/conflicts/{id}/cases/{caseId}",
      permission: "conflicts.handle",
      tags,
      summary: "Remove the link of a party to a case",
      request: { params: conflictCaseParams },
      responses: { 204: { description: "Removed" }, ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, caseId } = c.req.valid("param");
      await services.conflicts.unlinkCase(principal, id, caseId, requestId);
      return c.body(null, 204);
    },
  );
}
