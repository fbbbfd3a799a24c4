import { type ApiRouter, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";

const MailSummary = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(["queued", "sent", "stored", "failed"]),
    transport: z.enum(["smtp", "outbox"]),
    createdAt: z.string().openapi({ format: "date-time" }),
    sentAt: z.string().nullable().openapi({ format: "date-time" }),
    lastError: z.string().nullable().openapi({ description: "Error code of the last failed attempt" }),
  })
  .openapi("MailSummary");

const Mail = MailSummary.extend({
  text: z.string().nullable().openapi({ description: "Body; erased once sent over SMTP" }),
  html: z.string().nullable(),
}).openapi("Mail");

const OutboxPage = z
  .object({
    items: z.array(MailSummary),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi("OutboxPage");

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

type SummaryRow = {
  id: string;
  to: string;
  subject: string;
  status: "queued" | "sent" | "stored" | "failed";
  transport: "smtp" | "outbox";
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};
const summary = (m: SummaryRow) => ({
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
      request: { query: PageQuery },
      responses: { 200: ok(OutboxPage), ...problemResponses },
    }),
    async (c) => {
      const page = c.req.valid("query");
      const { items, total } = await c.get("services").mail.list(c.get("principal")!, page);
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
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: ok(Mail),
        404: {
          description: "Not found",
          content: { "application/problem+json": { schema: z.object({ code: z.string() }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const m = await c
        .get("services")
        .mail.get(c.get("principal")!, c.req.valid("param").id, c.get("requestId"));
      return c.json({ ...summary(m), text: m.text, html: m.html }, 200);
    },
  );
}
