import { type ApiRouter, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";
import { JOB_STATUSES } from "./schema.ts";

const Job = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.enum(JOB_STATUSES),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.string().openapi({ format: "date-time" }),
    lastError: z.string().nullable().openapi({ description: "Error class/code of the last failure" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Job");

const JobQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  type: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The tenant's background jobs, for operators (no payloads: they stay inside the queue). */
export function registerJobApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/jobs",
      permission: "jobs.read",
      tags: ["jobs"],
      summary: "The tenant's background jobs (mail delivery, imports, …), newest first",
      request: { query: JobQuery },
      responses: { 200: ok(z.object({ items: z.array(Job) }).openapi("JobPage")), ...problemResponses },
    }),
    async (c) => {
      const { status, type, limit, offset } = c.req.valid("query");
      const rows = await c
        .get("services")
        .jobs.list(
          c.get("principal")!.tenantId,
          { ...(status ? { status } : {}), ...(type ? { type } : {}) },
          { limit, offset },
        );
      return c.json(
        {
          items: rows.map((j) => ({
            id: j.id,
            type: j.type,
            status: j.status,
            attempts: j.attempts,
            maxAttempts: j.maxAttempts,
            runAt: j.runAt.toISOString(),
            lastError: j.lastError,
            createdAt: j.createdAt.toISOString(),
            finishedAt: j.finishedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
}
