import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
} from "#app/server/http/api.ts";
import { mailView, outboxMailParams, outboxPageView, outboxQuery } from "./contracts.ts";
import type { MailSummary } from "./repo.ts";

const summary = (m: MailSummary) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  status: m.status,
  transport: m.transport,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
  lastError: m.lastError,
});

export function registerMailApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/outbox",
      permission: "outbox.read",
      tags: ["mail"],
      summary: "Mails Lotse sent or keeps in the local outbox, newest first (without bodies)",
      request: { query: outboxQuery },
      responses: { 200: ok(named(outboxPageView, "OutboxPage")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const page = c.req.valid("query");
      const { items, total } = await services.mail.list(principal, page);
      return c.json({ items: items.map(summary), total, ...page }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/outbox/{id}",
      permission: "outbox.read",
      tags: ["mail"],
      summary: "One mail with its body (the read is recorded in the audit log)",
      request: { params: outboxMailParams },
      responses: {
        200: ok(named(mailView, "Mail")),
        404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const m = await services.mail.get(principal, c.req.valid("param").id, requestId);
      return c.json({ ...summary(m), text: m.text, html: m.html }, 200);
    },
  );
}
