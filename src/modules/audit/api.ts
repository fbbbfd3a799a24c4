import { type ApiRouter, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    actorUserId: z.string().nullable(),
    actorKind: z.string().openapi({ description: "user, system (jobs) or cli" }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    changes: z
      .record(z.string(), z.object({ old: z.unknown(), new: z.unknown() }))
      .nullable()
      .openapi({ description: "old → new per changed field; secrets are masked" }),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi("AuditEntry");

const AuditPage = z
  .object({
    items: z.array(AuditEntry),
    hasMore: z.boolean(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi("AuditPage");

const AuditQuery = z.object({
  actor: z.string().optional().openapi({ description: "Acting user's id" }),
  action: z.string().optional().openapi({ description: "e.g. create, update, read, login" }),
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  from: z.string().optional().openapi({ description: "First day (YYYY-MM-DD, Europe/Berlin), inclusive" }),
  to: z.string().optional().openapi({ description: "Last day (YYYY-MM-DD, Europe/Berlin), inclusive" }),
  limit: z.string().optional().openapi({ description: "1–200, default 50" }),
  offset: z.string().optional(),
});

export function registerAuditApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/audit",
      permission: "audit.read",
      tags: ["audit"],
      summary: "The tenant's audit log, newest first, filtered",
      request: { query: AuditQuery },
      responses: { 200: ok(AuditPage), ...problemResponses },
    }),
    async (c) => {
      const page = await c.get("services").audit.search(c.get("principal")!, c.req.valid("query"));
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
