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
  acceptPublicReportInput,
  conflictIdParams,
  erasePublicReportInput,
  publicFormInput,
  publicFormView,
  publicReportView,
  rejectPublicReportInput,
} from "./contracts.ts";

const tags = ["conflicts"];
const PublicForm = named(publicFormView, "ConflictPublicForm");

/**
 * The open public form's switch and its moderation queue (decision 120). Registered before the
 * conflict routes: `/conflicts/public-reports` must not be taken for `/conflicts/{id}`. The form
 * itself is a server-rendered public page (no account, no JavaScript), not an API route.
 */
export function registerConflictPublicReportApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/public-form",
      permission: "conflicts.posts",
      tags,
      summary: "Whether the open public report form is on",
      responses: { 200: ok(PublicForm), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.conflicts.publicFormSetting(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/conflicts/public-form",
      permission: "conflicts.posts",
      tags,
      summary: "Switch the open public report form on or off (version 0 for the first save)",
      request: { body: jsonBody(named(publicFormInput, "ConflictPublicFormInput")) },
      responses: { 200: ok(PublicForm), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.setPublicForm(principal, c.req.valid("json"), requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/public-reports",
      permission: "conflicts.handle",
      tags,
      summary:
        "The moderation queue: residents' reports from the public form, oldest first (each an audited read)",
      responses: {
        200: ok(z.object({ items: z.array(named(publicReportView, "ConflictPublicReport")) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json({ items: await services.conflicts.moderationQueue(principal, requestId) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/public-reports/{id}/accept",
      permission: "conflicts.handle",
      tags,
      summary: "Accept a public report as a new conflict, or merged into an open one (intoId)",
      request: {
        params: conflictIdParams,
        body: jsonBody(named(acceptPublicReportInput, "ConflictPublicReportAccept")),
      },
      responses: {
        200: ok(z.object({ id: z.string(), reference: z.string(), mergedIntoId: z.string().nullable() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.acceptPublic(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/public-reports/{id}/reject",
      permission: "conflicts.handle",
      tags,
      summary: "Reject a public report with a reason (deleted after the retention period)",
      request: {
        params: conflictIdParams,
        body: jsonBody(named(rejectPublicReportInput, "ConflictPublicReportReject")),
      },
      responses: {
        200: ok(z.object({ id: z.string(), state: z.string(), retentionDueOn: z.string().nullable() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.rejectPublic(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/conflicts/public-reports/{id}/erase",
      permission: "conflicts.handle",
      tags,
      summary:
        "Erase a report waiting for moderation on the reporter's request (Art. 17 GDPR), with a reason",
      request: {
        params: conflictIdParams,
        body: jsonBody(named(erasePublicReportInput, "ConflictPublicReportErase")),
      },
      responses: { 200: ok(z.object({ id: z.string(), reference: z.string() })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.conflicts.erasePublic(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
}
