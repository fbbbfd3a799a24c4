/**
 * The mail module's public model: delivery statuses and transports, and what other modules
 * hand to send(). Browser-safe: no table definitions, no database.
 */

/**
 * queued: waiting for the delivery job; sent: handed to the SMTP server (body erased);
 * stored: no SMTP configured, kept in this outbox for admins to read (development, demo);
 * failed: SMTP refused it on every attempt (body erased).
 */
export const MAIL_STATUSES = ["queued", "sent", "stored", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export const MAIL_TRANSPORTS = ["smtp", "outbox"] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];

export type OutgoingMail = {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: MailAttachment[] | undefined;
};
/** A small text attachment, e.g. an invitation's iCal file (text/calendar). */
export type MailAttachment = { filename: string; contentType: string; content: string };
