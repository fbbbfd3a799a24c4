import nodemailer from "nodemailer";
import { z } from "zod";
import type { Translate } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { redactLinks } from "../../server/redact.ts";
import { parseInput } from "../../server/validation.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { type OutboxQuery, outgoingMail } from "./contracts.ts";
import type { OutgoingMail } from "./model.ts";
import { type MailRow, type MailSummary, mailRepo } from "./repo.ts";

export const MAIL_JOB = "mail.deliver";
/** Mail delivery: 8 attempts with exponential backoff span about an hour (30 s … 64 min). */
export const MAIL_MAX_ATTEMPTS = 8;

export type { OutgoingMail } from "./model.ts";

/** The closing lines every automatic mail should end with, in the recipient's language. */
export function automaticMailFooter(t: Translate, tenantName: string): string {
  return `\n\n-- \n${t("mail.footer_automatic", { tenant: tenantName })}\n`;
}

export type MailServiceDeps = CoreDeps & { jobs: JobQueue; audit: AuditService };

/**
 * Outgoing mail. send() stores the mail and enqueues a delivery job (payload: { mailId }).
 * The job sends it over SMTP when SMTP_URL is set, else it lands in the local outbox that
 * admins read at /staff/outbox. Mail bodies are personal data: never logged.
 */
export function createMailService(deps: MailServiceDeps) {
  const { db, config } = deps;
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  const smtp = () => {
    if (!config.smtpUrl) throw new AppError("unavailable");
    transport ??= nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return transport;
  };

  async function deliver(payload: Record<string, unknown>, ctx: { tenantId: string; lastAttempt: boolean }) {
    const mailId = typeof payload.mailId === "string" ? payload.mailId : undefined;
    if (!mailId) throw new AppError("bad_request");
    const mail = await mailRepo.byId(db, ctx.tenantId, mailId);
    // Gone or already handled (a retried job after a crash): nothing to do.
    if (mail?.status !== "queued") return;
    if (mail.transport === "outbox") {
      await mailRepo.update(db, mail.tenantId, mail.id, { status: "stored", sentAt: deps.clock.now() });
      deps.logger.info({ mailId: mail.id, tenantId: mail.tenantId }, "mail stored in outbox");
      return;
    }
    try {
      const info = await smtp().sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text ?? "",
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      });
      // Delivered: keep the delivery record, erase the body.
      await mailRepo.update(db, mail.tenantId, mail.id, {
        status: "sent",
        sentAt: deps.clock.now(),
        messageId: typeof info.messageId === "string" ? info.messageId.slice(0, 300) : null,
        text: null,
        html: null,
        attachments: null,
        lastError: null,
      });
      deps.logger.info({ mailId: mail.id, tenantId: mail.tenantId }, "mail sent");
    } catch (err) {
      const code = smtpErrorCode(err);
      await mailRepo.update(
        db,
        mail.tenantId,
        mail.id,
        ctx.lastAttempt
          ? { status: "failed", lastError: code, text: null, html: null, attachments: null }
          : { lastError: code },
      );
      throw err;
    }
  }
  deps.jobs.register(MAIL_JOB, deliver);

  return {
    /** Stores the mail and enqueues its delivery. Pass a transaction as `db` to send only on commit. */
    async send(input: OutgoingMail, opts: { db?: DbOrTx } = {}): Promise<void> {
      // Other modules' data (a subject, an address) may come from users: checked here, once.
      const m = parseInput(outgoingMail, input);
      const run = async (tx: DbOrTx) => {
        const row = await mailRepo.insert(tx, {
          tenantId: m.tenantId,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          attachments: m.attachments ?? null,
          status: "queued",
          transport: config.smtpUrl ? "smtp" : "outbox",
          createdAt: deps.clock.now(),
        });
        await deps.jobs.enqueue(
          MAIL_JOB,
          { mailId: row.id },
          { tenantId: m.tenantId, maxAttempts: MAIL_MAX_ATTEMPTS },
          tx,
        );
      };
      if (opts.db) await run(opts.db);
      else await db.transaction(run);
    },

    /** The outbox, newest first, without bodies. */
    async list(principal: Principal, page: OutboxQuery): Promise<{ items: MailSummary[]; total: number }> {
      authorize(principal, "outbox.read");
      const [items, total] = await Promise.all([
        mailRepo.list(db, principal.tenantId, page.limit, page.offset),
        mailRepo.count(db, principal.tenantId),
      ]);
      return { items, total };
    },

    /** One mail with its body (while it is kept). Reading it is recorded in the audit log. */
    async get(principal: Principal, id: string, requestId?: string): Promise<MailRow> {
      authorize(principal, "outbox.read");
      if (!z.uuid().safeParse(id).success) throw AppError.notFound();
      const mail = await mailRepo.byId(db, principal.tenantId, id);
      if (!mail) throw AppError.notFound();
      await deps.audit.recordRead(principal, "mail", mail.id, requestId ? { requestId } : {});
      // One-time links (password reset, referral and survey answers) would let the reader act
      // as the recipient: the outbox shows the mail without them.
      return {
        ...mail,
        text: mail.text === null ? null : redactLinks(mail.text),
        html: mail.html === null ? null : redactLinks(mail.html),
      };
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;

/** SMTP failure as a code, never the server's text (it may quote the recipient). */
function smtpErrorCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; name?: unknown };
  const parts = [typeof e.code === "string" ? e.code : "Error"];
  if (typeof e.responseCode === "number") parts.push(String(e.responseCode));
  return parts.join(":").slice(0, 60);
}
