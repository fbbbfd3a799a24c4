import { index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn } from "../../server/db/columns.ts";
import { MAIL_STATUSES, MAIL_TRANSPORTS, type MailAttachment } from "./model.ts";

export { MAIL_STATUSES, type MailStatus } from "./model.ts";

/**
 * Every mail Lotse sends. The delivery job's payload is only { mailId }: recipient and body
 * (personal data) live here. With SMTP the body is erased once the mail went out or finally
 * failed, so only the delivery record (recipient, subject, status, times) remains.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text"),
    html: text("html"),
    /** Text attachments (an invitation's iCal file); erased with the body. */
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    /** smtp or outbox: how it was (to be) delivered. */
    transport: text("transport", { enum: MAIL_TRANSPORTS }).notNull(),
    /** The SMTP server's message id, when sent. */
    messageId: text("message_id"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("mail_outbox_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);
