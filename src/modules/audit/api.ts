import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { auditPageView, auditQuery } from "./contracts.ts";

export function registerAuditApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/audit",
      permission: "audit.read",
      tags: ["audit"],
      summary: "The tenant's audit log, newest first, filtered",
      request: { query: auditQuery },
      responses: { 200: ok(named(auditPageView, "AuditPage")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const page = await services.audit.search(principal, c.req.valid("query"));
      return c.json(
        {
          ...page,
          items: page.items.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorUserId: r.actorUserId,
            actorKind: r.actorKind,
            action: r.action,
            entityType: r.entityType,
            entityId: r.entityId,
            changes: r.changes,
            reason: r.reason,
            requestId: r.requestId,
          })),
        },
        200,
      );
    },
  );
}
