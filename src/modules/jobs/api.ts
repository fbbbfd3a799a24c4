import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { jobListQuery, jobPageView } from "./contracts.ts";

/** The tenant's background jobs, for operators (no payloads: they stay inside the queue). */
export function registerJobApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/jobs",
      permission: "jobs.read",
      tags: ["jobs"],
      summary: "The tenant's background jobs (mail delivery, imports, …), newest first",
      request: { query: jobListQuery },
      responses: { 200: ok(named(jobPageView, "JobPage")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { status, type, limit, offset } = c.req.valid("query");
      const rows = await services.jobs.list(
        principal.tenantId,
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
