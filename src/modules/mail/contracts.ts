/**
 * The mail module's contracts (decision 019): a mail other modules send, the outbox's page
 * query, and the views the API returns. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { MAIL_STATUSES, MAIL_TRANSPORTS } from "./model.ts";

/** What send() accepts from other modules (recipient and subject may come from users). */
export const outgoingMail = z.object({
  tenantId: z.uuid(),
  to: z.email().max(254),
  // Header line: no line breaks (header injection).
  subject: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(/^[^\r\n]*$/, { error: "code:invalid_format" }),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().regex(/^[\w.-]{1,100}$/, { error: "code:invalid_format" }),
        contentType: z
          .string()
          .regex(/^[\w.+-]+\/[\w.+-]+(; ?[\w-]+=[\w-]+)*$/, { error: "code:invalid_format" }),
        content: z.string().max(200_000),
      }),
    )
    .max(5)
    .optional(),
});

/** GET /outbox */
export const outboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OutboxQuery = z.output<typeof outboxQuery>;

/** Any id: one that is not a mail's answers 404, as an unknown one does. */
export const outboxMailParams = z.object({ id: z.string().max(100) });

export const mailSummaryView = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  transport: z.enum(MAIL_TRANSPORTS),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable().meta({ description: "Error code of the last failed attempt" }),
});

export const mailView = mailSummaryView.extend({
  text: z.string().nullable().meta({ description: "Body; erased once sent over SMTP" }),
  html: z.string().nullable(),
});

export const outboxPageView = z.object({
  items: z.array(mailSummaryView),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
