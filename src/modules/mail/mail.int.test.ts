import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { backoffMs, createJobQueue } from "../jobs/queue.ts";
import { mailRepo } from "./repo.ts";
import { automaticMailFooter, createMailService, MAIL_MAX_ATTEMPTS } from "./service.ts";

let ctx: TestContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await ctx.services.tenants.create({ slug: "mail-t", name: "Mail", kind: "municipality" })).id;
});
afterAll(() => ctx.close());

const principal = (role: "admin" | "coordinator"): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server in this process. rejectRecipients: every RCPT TO gets 550. */
async function startSmtp(opts: { rejectRecipients?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (opts.rejectRecipients) {
        cb(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpMailer(url: string) {
  const core = { ...ctx.services.core, config: { ...ctx.services.core.config, smtpUrl: url } };
  const jobs = createJobQueue(core);
  const mail = createMailService({ ...core, jobs, audit: ctx.services.audit });
  return { jobs, mail };
}

describe("mail", () => {
  it("without SMTP the mail lands in the local outbox, which admins can list and read", async () => {
    const { mail, jobs } = ctx.services;
    await mail.send({ tenantId, to: "anna@example.org", subject: "Passwort", text: "Ihr Link: x" });
    const before = await mail.list(principal("admin"), { limit: 10, offset: 0 });
    expect(before.items[0]).toMatchObject({ status: "queued", transport: "outbox", to: "anna@example.org" });
    expect(before.items[0]).not.toHaveProperty("text");
    expect(await jobs.runDue()).toMatchObject({ done: 1 });
    const { items, total } = await mail.list(principal("admin"), { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]!.status).toBe("stored");
    const one = await mail.get(principal("admin"), items[0]!.id);
    expect(one).toMatchObject({ subject: "Passwort", text: "Ihr Link: x" });
    const reads = await ctx.services.audit.list(
      tenantId,
      { action: "read", entityType: "mail" },
      { limit: 5, offset: 0 },
    );
    expect(reads.map((r) => r.entityId)).toContain(one.id);
    // The job payload carries the mail id only, no address or content.
    const [job] = await jobs.list(tenantId, { type: "mail.deliver" }, { limit: 1, offset: 0 });
    expect(job!.payload).toEqual({ mailId: one.id });
  });

  it("shows mails in the outbox without their one-time links (reset, referral, survey)", async () => {
    const { mail, jobs } = ctx.services;
    const token = "rEsEtToKeN-0123456789abcdef";
    await mail.send({
      tenantId,
      to: "bert@example.org",
      subject: "Links",
      text: `Neues Passwort: http://lotse.test/de/reset-password?token=${token}\nRückmeldung: http://lotse.test/de/referral/${token}\nUmfrage: http://lotse.test/de/survey/${token}`,
      html: `<a href="http://lotse.test/de/reset-password?token=${token}&amp;x=1">Link</a>`,
    });
    await jobs.runDue();
    const { items } = await mail.list(principal("admin"), { limit: 10, offset: 0 });
    const one = await mail.get(principal("admin"), items.find((m) => m.subject === "Links")!.id);
    expect(one.text).not.toContain(token);
    expect(one.html).not.toContain(token);
    expect(one.text).toContain("/de/reset-password?token=[redacted]");
    expect(one.text).toContain("/de/referral/[redacted]");
    expect(one.text).toContain("/de/survey/[redacted]");
  });

  it("refuses the outbox to roles without outbox.read and unknown ids with 404", async () => {
    await expect(
      ctx.services.mail.list(principal("coordinator"), { limit: 1, offset: 0 }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(ctx.services.mail.get(principal("admin"), "not-a-uuid")).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      ctx.services.mail.get(principal("admin"), "00000000-0000-7000-8000-00000000abcd"),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an invalid recipient or a subject with a line break", async () => {
    await expect(
      ctx.services.mail.send({ tenantId, to: "not an address", subject: "x", text: "y" }),
    ).rejects.toMatchObject({ code: "validation_failed", fields: [{ field: "to", code: "invalid_email" }] });
    await expect(
      ctx.services.mail.send({
        tenantId,
        to: "a@example.org",
        subject: "x\r\nBcc: b@example.org",
        text: "y",
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("with SMTP_URL it delivers over a real SMTP connection and erases the body afterwards", async () => {
    const smtp = await startSmtp();
    try {
      const { mail, jobs } = smtpMailer(smtp.url);
      await mail.send({
        tenantId,
        to: "berta@example.org",
        subject: "Willkommen",
        text: "Hallo Berta",
        html: "<p>Hallo Berta</p>",
      });
      expect(await jobs.runDue()).toMatchObject({ done: 1, retried: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(["berta@example.org"]);
      expect(smtp.received[0]!.from).toBe("no-reply@localhost");
      expect(smtp.received[0]!.raw).toContain("Subject: Willkommen");
      expect(smtp.received[0]!.raw).toContain("Hallo Berta");
      const { items } = await mail.list(principal("admin"), { limit: 10, offset: 0 });
      const row = await mailRepo.byId(
        ctx.handle.db,
        tenantId,
        items.find((i) => i.subject === "Willkommen")!.id,
      );
      expect(row).toMatchObject({ status: "sent", transport: "smtp", text: null, html: null });
      expect(row!.messageId).toBeTruthy();
    } finally {
      await smtp.close();
    }
  });

  it("a refusing SMTP server: retried with backoff, failed after the last attempt, body erased", async () => {
    const smtp = await startSmtp({ rejectRecipients: true });
    try {
      const { mail, jobs } = smtpMailer(smtp.url);
      await mail.send({ tenantId, to: "carl@example.org", subject: "Nie", text: "geheim" });
      for (let attempt = 1; attempt < MAIL_MAX_ATTEMPTS; attempt++) {
        expect(await jobs.runDue()).toMatchObject({ claimed: 1, retried: 1 });
        // Not due again before the backoff has passed.
        expect(await jobs.runDue()).toMatchObject({ claimed: 0 });
        ctx.clock.advance(backoffMs(attempt));
      }
      expect(await jobs.runDue()).toMatchObject({ claimed: 1, failed: 1 });
      const [job] = await jobs.list(
        tenantId,
        { type: "mail.deliver", status: "failed" },
        { limit: 1, offset: 0 },
      );
      expect(job).toMatchObject({ attempts: MAIL_MAX_ATTEMPTS });
      expect(job!.lastError).toMatch(/^Error:EENVELOPE/);
      const { items } = await mail.list(principal("admin"), { limit: 20, offset: 0 });
      const row = await mailRepo.byId(ctx.handle.db, tenantId, items.find((i) => i.subject === "Nie")!.id);
      expect(row).toMatchObject({ status: "failed", text: null, lastError: "EENVELOPE:550" });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});

describe("automatic mail footer", () => {
  it("is in the recipient's language and names the tenant", () => {
    const t = createTranslator("tr", catalogs().get("tr") ?? {});
    const footer = automaticMailFooter(t, "Kreisstadt Unna");
    expect(footer).toContain("Kreisstadt Unna");
    expect(footer).toContain("Lütfen yanıtlamayın");
    expect(footer.startsWith("\n\n-- \n")).toBe(true);
  });
});
