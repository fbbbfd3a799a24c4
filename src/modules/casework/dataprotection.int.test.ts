import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIL_JOB } from "#app/modules/mail/service.ts";
import { offices, organizations } from "#app/server/db/schema.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createCaseCrypto } from "./crypto.ts";
import { consentInput, referralWithOverrideInput, withdrawConsentInput } from "./referrals.contracts.ts";
import { RETENTION_JOB } from "./retention.ts";
import {
  caseNeeds,
  caseNotes,
  cases,
  caseWorkers,
  helpPlanItems,
  households,
  persons,
  referrals,
} from "./schema.ts";

let ctx: TestContext;
let tenantId: string;
let officeA: string;
let officeB: string;
let orgX: string;
let orgY: string;
const users = new Map<string, { id: string; principal: Principal }>();

const ONE_DAY = 86_400_000;

async function user(key: string, role: Role, scope?: Omit<RoleGrant, "role">, displayName?: string) {
  const { user: u } = await createUserWithRole(ctx.services, tenantId, role, {
    ...(scope ? { scope } : {}),
    ...(displayName ? { displayName } : {}),
  });
  const principal: Principal = {
    userId: u.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }],
    mfaSatisfied: true,
  };
  users.set(key, { id: u.id, principal });
  return principal;
}
const P = (key: string) => users.get(key)!.principal;

// Consents and referrals take the case's handle and checked input (decision 019), as a page passes them.
const handle = (p: Principal, caseId: string, mode: "read" | "write") =>
  ctx.services.casework.cases.access(p, caseId, mode);
const recordConsent = async (p: Principal, caseId: string, input: Record<string, unknown>) =>
  ctx.services.referrals.consents.record(
    p,
    await handle(p, caseId, "write"),
    parseInput(consentInput, input),
  );
const withdrawConsent = async (p: Principal, caseId: string, id: string, input: Record<string, unknown>) =>
  ctx.services.referrals.consents.withdraw(
    p,
    await handle(p, caseId, "write"),
    id,
    parseInput(withdrawConsentInput, input),
  );
const listConsents = async (p: Principal, caseId: string) =>
  ctx.services.referrals.consents.list(p, await handle(p, caseId, "read"));
const listReferrals = async (p: Principal, caseId: string) =>
  ctx.services.referrals.listForCase(p, await handle(p, caseId, "read"));
const sendReferral = async (p: Principal, caseId: string, input: Record<string, unknown>) =>
  ctx.services.referrals.create(
    p,
    await handle(p, caseId, "write"),
    parseInput(referralWithOverrideInput, input),
  );

let seq = 0;
/** A household with persons and an open case of `officeId`, worked by `workerId`. */
async function fixture(opts: {
  officeId: string;
  workerId?: string;
  persons?: { given: string; family: string }[];
}) {
  const db = ctx.handle.db;
  seq++;
  const [h] = await db
    .insert(households)
    .values({ tenantId, label: `Haushalt ${seq}`, officeId: opts.officeId })
    .returning();
  const ps = [];
  for (const p of opts.persons ?? [{ given: "Amina", family: `Haddad${seq}` }]) {
    const [row] = await db
      .insert(persons)
      .values({
        tenantId,
        householdId: h!.id,
        givenName: p.given,
        familyName: p.family,
        nameKey: `${p.given} ${p.family}`.toLowerCase(),
        languages: [{ lang: "ar", level: "native" }],
      })
      .returning();
    ps.push(row!);
  }
  const [c] = await db
    .insert(cases)
    .values({
      tenantId,
      reference: `2026-${String(seq).padStart(5, "0")}`,
      householdId: h!.id,
      officeId: opts.officeId,
      phaseKey: "ankommen",
      openedOn: "2026-01-10",
    })
    .returning();
  if (opts.workerId)
    await db.insert(caseWorkers).values({ tenantId, caseId: c!.id, userId: opts.workerId, lead: true });
  return { household: h!, persons: ps, case: c! };
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "DP",
      kind: "municipality",
    })
  ).id;
  const db = ctx.handle.db;
  [officeA, officeB] = (
    await db
      .insert(offices)
      .values([
        { tenantId, name: "Willkommensbüro Nord", email: "nord@example.org" },
        { tenantId, name: "Willkommensbüro Süd" },
      ])
      .returning()
  ).map((o) => o.id) as [string, string];
  [orgX, orgY] = (
    await db
      .insert(organizations)
      .values([
        { tenantId, name: "Sprachschule X", status: "published", email: "x@example.org" },
        { tenantId, name: "Verein Y", status: "published" },
      ])
      .returning()
  ).map((o) => o.id) as [string, string];
  await user("worker", "case_worker", { scopeType: "office", scopeId: officeA }, "Wera Worker");
  await user("workerB", "case_worker", { scopeType: "office", scopeId: officeB });
  await user("supervisor", "supervisor", { scopeType: "office", scopeId: officeA });
  await user("partnerX", "partner_staff", { scopeType: "organization", scopeId: orgX });
  await user("partnerY", "partner_staff", { scopeType: "organization", scopeId: orgY });
  await user("dpo", "data_protection_officer", undefined, "Dana Datenschutz");
  await user("analyst", "analyst");
  await user("admin", "admin");
});
afterAll(() => ctx?.close());

const api = async (key: string, method: string, path: string, body?: unknown) => {
  const cookie = await sessionCookieFor(ctx.services, tenantId, users.get(key)!.id);
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: { origin: TEST_BASE_URL, cookie, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
};

describe("consent", () => {
  it("is in force between given and expiry, not after withdrawal, and matches purpose and recipient", async () => {
    const f = await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    const person = f.persons[0]!;
    const c = ctx.services.referrals.consents;
    const rec = (over: Record<string, unknown>) =>
      recordConsent(P("worker"), f.case.id, {
        personId: person.id,
        purpose: "referral",
        recipientType: "organization",
        recipientId: orgX,
        form: "written",
        givenOn: "2026-03-01",
        ...over,
      });
    const x = await rec({ expiresOn: "2026-03-10" });
    expect(x.state).toBe("valid");
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgX }]),
    ).toMatchObject({ id: x.id });
    // Another recipient or another purpose: no.
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgY }]),
    ).toBeUndefined();
    expect(
      await c.validFor(tenantId, person.id, "survey", [{ type: "organization", id: orgX }]),
    ).toBeUndefined();
    // After the expiry date: no longer.
    ctx.clock.advance(8 * ONE_DAY);
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgX }]),
    ).toMatchObject({ id: x.id });
    ctx.clock.advance(ONE_DAY);
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgX }]),
    ).toBeUndefined();
    // "any" recipient, then withdrawn: the record stays, marked withdrawn.
    const any = await rec({ recipientType: "any", recipientId: null, givenOn: "2026-03-11" });
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgY }]),
    ).toMatchObject({ id: any.id });
    const w = await withdrawConsent(P("worker"), f.case.id, any.id, {
      version: any.version,
      withdrawnOn: "2026-03-11",
    });
    expect(w.state).toBe("withdrawn");
    expect(
      await c.validFor(tenantId, person.id, "referral", [{ type: "organization", id: orgY }]),
    ).toBeUndefined();
    const list = await listConsents(P("worker"), f.case.id);
    expect(list.consents.map((x) => x.state).sort()).toEqual(["expired", "withdrawn"]);
    // A stale version: conflict, nothing overwritten.
    await expect(
      withdrawConsent(P("worker"), f.case.id, x.id, { version: 99, withdrawnOn: "2026-03-12" }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    // A worker of another office may not touch it.
    await expect(listConsents(P("workerB"), f.case.id)).rejects.toMatchObject({ code: "forbidden" });
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
  });

  it("rejects a recipient id with 'any', a missing recipient, and an expiry before the date given", async () => {
    const f = await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    const r = await api("worker", "POST", `/cases/${f.case.id}/consents`, {
      personId: f.persons[0]!.id,
      purpose: "referral",
      recipientType: "organization",
      form: "written",
      givenOn: "2026-03-01",
      expiresOn: "2026-02-01",
    });
    expect(r.status).toBe(422);
    const fields = (r.json!.errors as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining(["recipientId:required", "expiresOn:consent_expiry_before_given"]),
    );
  });
});

describe("referrals", () => {
  it("are blocked without consent and say why; the override needs the permission and a reason, and is audited", async () => {
    const f = await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    const body = {
      personId: f.persons[0]!.id,
      kind: "language_course",
      targetType: "organization",
      targetId: orgX,
      shareGivenName: true,
    };
    const blocked = await api("worker", "POST", `/cases/${f.case.id}/referrals`, body);
    expect(blocked.status).toBe(409);
    expect(blocked.json!.code).toBe("referral_consent_missing");
    expect(String(blocked.json!.title)).toMatch(/Einwilligung/);
    // A case worker may not override.
    expect(
      (
        await api("worker", "POST", `/cases/${f.case.id}/referrals/override`, {
          ...body,
          consentOverrideReason: "x".repeat(30),
        })
      ).status,
    ).toBe(403);
    // A supervisor may, with a long enough reason.
    const short = await api("supervisor", "POST", `/cases/${f.case.id}/referrals/override`, {
      ...body,
      consentOverrideReason: "eilig",
    });
    expect(short.status).toBe(422);
    const reason = "Akute Wohnungsnot, Einwilligung wird nachgeholt";
    const ok = await api("supervisor", "POST", `/cases/${f.case.id}/referrals/override`, {
      ...body,
      consentOverrideReason: reason,
    });
    expect(ok.status).toBe(201);
    const id = (ok.json!.referral as { id: string }).id;
    const log = await ctx.services.audit.list(
      tenantId,
      { entityType: "referral", entityId: id },
      { limit: 10, offset: 0 },
    );
    const override = log.find((e) => e.action === "consent_override");
    expect(override?.reason).toBe(reason);
    expect(override?.actorUserId).toBe(users.get("supervisor")!.id);
  });

  it("show the partner only the shared fields, only for its organization, and never the case", async () => {
    const f = await fixture({
      officeId: officeA,
      workerId: users.get("worker")!.id,
      persons: [{ given: "Yusuf", family: "Geheimname" }],
    });
    const person = f.persons[0]!;
    await recordConsent(P("worker"), f.case.id, {
      personId: person.id,
      purpose: "referral",
      recipientType: "organization",
      recipientId: orgX,
      form: "written",
      givenOn: "2026-03-01",
    });
    const sent = await api("worker", "POST", `/cases/${f.case.id}/referrals`, {
      personId: person.id,
      kind: "language_course",
      targetType: "organization",
      targetId: orgX,
      shareGivenName: true,
      shareLanguages: false,
      phone: "0171 2345678",
      note: "Sucht einen Abendkurs B1",
    });
    expect(sent.status).toBe(201);
    const ref = sent.json!.referral as { id: string; version: number };
    // Stored encrypted.
    const [row] = await ctx.handle.db.select().from(referrals).where(sql`${referrals.id} = ${ref.id}`);
    expect(row!.sharedEnc).not.toContain("Yusuf");

    const inbox = await api("partnerX", "GET", "/referrals/incoming");
    expect(inbox.status).toBe(200);
    const items = inbox.json!.items as Record<string, unknown>[];
    const mine = items.find((i) => i.id === ref.id)!;
    expect(mine.shared).toEqual({
      givenName: "Yusuf",
      phone: "0171 2345678",
      note: "Sucht einen Abendkurs B1",
    });
    const text = JSON.stringify(inbox.json);
    expect(text).not.toContain(f.case.id);
    expect(text).not.toContain(person.id);
    expect(text).not.toContain("Geheimname");
    // Another organization sees nothing of it, and gets 403 on it.
    const other = await api("partnerY", "GET", "/referrals/incoming");
    expect((other.json!.items as { id: string }[]).some((i) => i.id === ref.id)).toBe(false);
    expect((await api("partnerY", "GET", `/referrals/incoming/${ref.id}`)).status).toBe(403);
    expect(
      (
        await api("partnerY", "POST", `/referrals/incoming/${ref.id}/decision`, {
          version: 1,
          decision: "accepted",
        })
      ).status,
    ).toBe(403);
    // The partner never reaches the case.
    expect((await api("partnerX", "GET", `/cases/${f.case.id}/referrals`)).status).toBe(403);
    expect((await api("partnerX", "GET", `/cases/${f.case.id}/consents`)).status).toBe(403);

    // Decline needs a reason; accept; stale version conflicts; outcome.
    const noReason = await api("partnerX", "POST", `/referrals/incoming/${ref.id}/decision`, {
      version: ref.version,
      decision: "declined",
    });
    expect(noReason.status).toBe(422);
    const acc = await api("partnerX", "POST", `/referrals/incoming/${ref.id}/decision`, {
      version: ref.version,
      decision: "accepted",
    });
    expect(acc.status).toBe(200);
    expect(
      (
        await api("partnerX", "POST", `/referrals/incoming/${ref.id}/outcome`, {
          version: ref.version,
          outcome: "started",
        })
      ).status,
    ).toBe(409);
    const out = await api("partnerX", "POST", `/referrals/incoming/${ref.id}/outcome`, {
      version: (acc.json as { version: number }).version,
      outcome: "completed",
    });
    expect(out.status).toBe(200);
    // The case worker sees the status on the case.
    const onCase = await listReferrals(P("worker"), f.case.id);
    expect(onCase.find((r) => r.id === ref.id)?.status).toBe("completed");
    const actions = (
      await ctx.services.audit.list(
        tenantId,
        { entityType: "referral", entityId: ref.id },
        { limit: 20, offset: 0 },
      )
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "read", "accept", "outcome"]));
  });

  it("one-time link: shows the shared fields once, answers once, and expires", async () => {
    const f = await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    const person = f.persons[0]!;
    await recordConsent(P("worker"), f.case.id, {
      personId: person.id,
      purpose: "referral",
      recipientType: "any",
      form: "oral",
      givenOn: "2026-03-01",
    });
    const r = await sendReferral(P("worker"), f.case.id, {
      personId: person.id,
      kind: "club",
      targetType: "organization",
      targetId: orgY,
      shareGivenName: true,
      link: true,
      notifyEmail: "verein-y@example.org",
    });
    const token = r.link!.split("/").pop()!;
    const [row] = await ctx.handle.db.select().from(referrals).where(sql`${referrals.id} = ${r.referral.id}`);
    expect(row!.tokenHash).not.toBe(token);
    expect(row!.tokenHash).toHaveLength(64);
    // The mail holds the link, not the shared fields.
    const mails = await ctx.handle.db.execute(
      sql`SELECT text FROM mail_outbox WHERE "to" = 'verein-y@example.org'`,
    );
    const mailText = (mails as unknown as { rows: { text: string }[] }).rows[0]!.text;
    expect(mailText).toContain(`/referral/${token}`);
    expect(mailText).not.toContain(person.givenName);

    const open = await ctx.services.referrals.byToken(tenantId, token);
    expect(open.state).toBe("open");
    expect(open.referral!.shared.givenName).toBe(person.givenName);
    expect(await ctx.services.referrals.byToken(tenantId, `${token}x`)).toEqual({
      state: "invalid",
      referral: null,
    });
    const answered = await ctx.services.referrals.answerByToken(tenantId, token, { decision: "accepted" });
    expect(answered).toEqual({ state: "answered", decision: "accepted" });
    expect(await ctx.services.referrals.byToken(tenantId, token)).toEqual({
      state: "answered",
      referral: null,
    });
    expect(
      (await ctx.services.referrals.answerByToken(tenantId, token, { decision: "declined", reason: "x" }))
        .state,
    ).toBe("answered");

    // A second referral whose link expires after 14 days.
    const r2 = await sendReferral(P("worker"), f.case.id, {
      personId: person.id,
      kind: "club",
      targetType: "organization",
      targetId: orgY,
      shareGivenName: true,
      link: true,
    });
    const t2 = r2.link!.split("/").pop()!;
    ctx.clock.advance(14 * ONE_DAY + 1000);
    expect(await ctx.services.referrals.byToken(tenantId, t2)).toEqual({ state: "expired", referral: null });
    expect((await ctx.services.referrals.answerByToken(tenantId, t2, { decision: "accepted" })).state).toBe(
      "expired",
    );
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
  });
});

describe("break-glass", () => {
  it("needs a reason, opens the case for hours, alerts the DPO by mail and queue, and is reviewed", async () => {
    const f = await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    // workerB (other office) has no regular access.
    await expect(listReferrals(P("workerB"), f.case.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      ctx.services.privacy.openBreakGlass(P("workerB"), { case: f.case.reference, reason: "kurz" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    // Someone with regular access does not need it.
    await expect(
      ctx.services.privacy.openBreakGlass(P("worker"), { case: f.case.reference, reason: "x".repeat(40) }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const reason = "Person steht ohne Termin in der Sprechstunde Süd, Akte nötig";
    const bg = await ctx.services.privacy.openBreakGlass(P("workerB"), { case: f.case.reference, reason });
    expect(bg.active).toBe(true);
    await expect(listReferrals(P("workerB"), f.case.id)).resolves.toEqual([]);
    // The DPO got a mail.
    const dpoEmail = (await ctx.services.users.withRole(tenantId, "data_protection_officer"))[0]!.email;
    const mails = (await ctx.handle.db.execute(
      sql`SELECT subject FROM mail_outbox WHERE "to" = ${dpoEmail}`,
    )) as unknown as {
      rows: { subject: string }[];
    };
    expect(mails.rows.some((m) => m.subject.includes(f.case.reference))).toBe(true);
    const queued = await ctx.services.jobs.list(tenantId, { type: MAIL_JOB }, { limit: 50, offset: 0 });
    expect(queued.length).toBeGreaterThan(0);
    // After 4 hours it is over.
    ctx.clock.advance(4 * 3_600_000 + 1000);
    await expect(listReferrals(P("workerB"), f.case.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
    // Review queue and review.
    const queue = await api("dpo", "GET", "/privacy/break-glass?pending=true");
    expect(queue.status).toBe(200);
    expect((queue.json!.items as { id: string }[]).some((i) => i.id === bg.id)).toBe(true);
    expect((await api("workerB", "GET", "/privacy/break-glass")).status).toBe(403);
    const rev = await api("dpo", "POST", `/privacy/break-glass/${bg.id}/review`, {
      outcome: "justified",
      note: "Nachvollziehbar",
    });
    expect(rev.status).toBe(200);
    expect(rev.json!.reviewOutcome).toBe("justified");
    expect(
      (await api("dpo", "POST", `/privacy/break-glass/${bg.id}/review`, { outcome: "unjustified" })).status,
    ).toBe(409);
    const entries = await ctx.services.audit.list(
      tenantId,
      { entityId: f.case.id, action: "break_glass" },
      { limit: 5, offset: 0 },
    );
    expect(entries[0]?.reason).toBe(reason);
  });
});

describe("Art. 15 and Art. 17", () => {
  it("exports everything about a person, decrypted, with the access log; audited", async () => {
    const f = await fixture({
      officeId: officeA,
      workerId: users.get("worker")!.id,
      persons: [{ given: "Leyla", family: "Export" }],
    });
    const crypto = createCaseCrypto(ctx.services.core.config);
    const p = f.persons[0]!;
    await ctx.handle.db
      .insert(caseNotes)
      .values({ tenantId, caseId: f.case.id, personId: p.id, textEnc: crypto.encrypt("Notiz über Leyla") });
    await ctx.handle.db
      .insert(caseNeeds)
      .values({ tenantId, caseId: f.case.id, domain: "language", noteEnc: crypto.encrypt("B1-Kurs") });
    await ctx.handle.db
      .insert(helpPlanItems)
      .values({ tenantId, caseId: f.case.id, title: "Kursanmeldung", dueOn: "2026-04-01" });
    await recordConsent(P("worker"), f.case.id, {
      personId: p.id,
      purpose: "referral",
      recipientType: "any",
      form: "written",
      givenOn: "2026-03-01",
    });
    await sendReferral(P("worker"), f.case.id, {
      personId: p.id,
      kind: "school",
      targetType: "organization",
      targetId: orgX,
      shareGivenName: true,
    });
    await ctx.services.audit.recordRead(P("worker"), "person", p.id);
    const res = await api("dpo", "GET", `/privacy/persons/${p.id}/export`);
    expect(res.status).toBe(200);
    type Doc = {
      person: { givenName: string };
      cases: { notes: { text: string }[]; needs: { note: string }[]; helpPlan: { title: string }[] }[];
      consents: unknown[];
      referrals: { shared: { givenName: string } }[];
      accessLog: { actor: string }[];
    };
    const doc = res.json as unknown as Doc;
    expect(doc.person.givenName).toBe("Leyla");
    expect(doc.cases[0]!.notes[0]!.text).toBe("Notiz über Leyla");
    expect(doc.cases[0]!.needs[0]!.note).toBe("B1-Kurs");
    expect(doc.cases[0]!.helpPlan[0]!.title).toBe("Kursanmeldung");
    expect(doc.consents).toHaveLength(1);
    expect(doc.referrals[0]!.shared.givenName).toBe("Leyla");
    expect(doc.accessLog.some((e) => e.actor === "Wera Worker")).toBe(true);
    expect((await api("analyst", "GET", `/privacy/persons/${p.id}/export`)).status).toBe(403);
    const audit = await ctx.services.audit.list(
      tenantId,
      { action: "export", entityId: p.id },
      { limit: 5, offset: 0 },
    );
    expect(audit).toHaveLength(1);
    // The DPO's access log shows the read by the worker.
    const log = await api("dpo", "GET", `/privacy/persons/${p.id}/access-log`);
    expect((log.json!.entries as { actorName: string }[]).some((e) => e.actorName === "Wera Worker")).toBe(
      true,
    );
  });

  it("erases a person and the household when nobody else is left; no name survives in the audit log; legal hold refuses", async () => {
    const f = await fixture({
      officeId: officeA,
      workerId: users.get("worker")!.id,
      persons: [{ given: "Zora", family: "Vergessen" }],
    });
    const p = f.persons[0]!;
    // An earlier audit entry that names the person (as a person record's creation would).
    await ctx.services.audit.record({
      actor: { kind: "user", principal: P("worker") },
      action: "create",
      entityType: "person",
      entityId: p.id,
      changes: { givenName: { old: null, new: "Zora" }, familyName: { old: null, new: "Vergessen" } },
    });
    await recordConsent(P("worker"), f.case.id, {
      personId: p.id,
      purpose: "referral",
      recipientType: "any",
      form: "written",
      givenOn: "2026-03-01",
    });
    // Legal hold refuses.
    const hold = await ctx.services.privacy.legalHold(P("supervisor"), f.case.reference);
    await ctx.services.privacy.setLegalHold(P("supervisor"), f.case.id, {
      version: hold.version,
      hold: true,
      reason: "Laufendes Gerichtsverfahren",
    });
    const refused = await api("dpo", "POST", `/privacy/persons/${p.id}/erase`, { confirm: true });
    expect(refused.status).toBe(409);
    expect(refused.json!.code).toBe("legal_hold_active");
    const h2 = await ctx.services.privacy.legalHold(P("dpo"), f.case.id);
    await ctx.services.privacy.setLegalHold(P("dpo"), f.case.id, { version: h2.version, hold: false });

    const erased = await api("dpo", "POST", `/privacy/persons/${p.id}/erase`, { confirm: true });
    expect(erased.status).toBe(200);
    expect(erased.json!.deleted).toMatchObject({ persons: 1, cases: 1, households: 1, consents: 1 });
    const left = await ctx.handle.db.execute(sql`SELECT count(*)::int AS n FROM persons WHERE id = ${p.id}`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    expect(
      (
        (await ctx.handle.db.execute(
          sql`SELECT count(*)::int AS n FROM cases WHERE id = ${f.case.id}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n,
    ).toBe(0);
    const all = (await ctx.handle.db.execute(
      sql`SELECT action, entity_id, changes::text AS c, reason FROM audit_log WHERE tenant_id = ${tenantId}`,
    )) as unknown as {
      rows: { action: string; entity_id: string; c: string | null; reason: string | null }[];
    };
    const dump = JSON.stringify(all.rows);
    expect(dump).not.toContain("Zora");
    expect(dump).not.toContain("Vergessen");
    expect(all.rows.some((r) => r.action === "erase" && r.entity_id === p.id)).toBe(true);
  });
});

describe("retention", () => {
  it("deletes closed cases after the period, not before, not under legal hold; idempotent; audit without names", async () => {
    const f1 = await fixture({ officeId: officeB, persons: [{ given: "Ronja", family: "Retention" }] });
    const f2 = await fixture({ officeId: officeB, persons: [{ given: "Hold", family: "Fest" }] });
    const db = ctx.handle.db;
    await db.execute(
      sql`UPDATE cases SET status = 'closed', closed_on = '2026-03-01', retention_due_on = '2029-03-01' WHERE id IN (${f1.case.id}, ${f2.case.id})`,
    );
    await db.execute(
      sql`UPDATE cases SET legal_hold = true, legal_hold_reason = 'Verfahren' WHERE id = ${f2.case.id}`,
    );
    const count = async (id: string) =>
      (
        (await db.execute(sql`SELECT count(*)::int AS n FROM cases WHERE id = ${id}`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;

    ctx.clock.set(new Date("2029-02-28T12:00:00Z"));
    expect((await ctx.services.retention.run(tenantId)).deletedCases).toBe(0);
    expect(await count(f1.case.id)).toBe(1);

    // Through the job queue, on the due day.
    ctx.clock.set(new Date("2029-03-01T02:00:00Z"));
    await ctx.services.jobs.enqueue(RETENTION_JOB, {}, { tenantId });
    const run = await ctx.services.jobs.runDue();
    expect(run.done).toBeGreaterThanOrEqual(1);
    expect(await count(f1.case.id)).toBe(0);
    expect(await count(f2.case.id)).toBe(1);
    const hh = (await db.execute(
      sql`SELECT count(*)::int AS n FROM households WHERE id = ${f1.household.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(hh.rows[0]!.n).toBe(0);
    // The job scheduled its next run for tomorrow.
    const next = await ctx.services.jobs.list(
      tenantId,
      { type: RETENTION_JOB, status: "queued" },
      { limit: 5, offset: 0 },
    );
    expect(next.some((j) => j.runAt > ctx.clock.now())).toBe(true);
    // Idempotent.
    expect((await ctx.services.retention.run(tenantId)).deletedCases).toBe(0);
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "retention_delete", entityId: f1.case.id },
      { limit: 5, offset: 0 },
    );
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain("Ronja");
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
  });
});

describe("overviews", () => {
  it("suppress small cells before anything leaves the server, with secondary suppression", async () => {
    // Office A has (from the tests above and here) cases; office B gets exactly 3 open cases now.
    for (let i = 0; i < 3; i++) await fixture({ officeId: officeB, workerId: users.get("workerB")!.id });
    for (let i = 0; i < 12; i++) await fixture({ officeId: officeA, workerId: users.get("worker")!.id });
    const res = await api("analyst", "GET", "/case-overview");
    expect(res.status).toBe(200);
    const tables = res.json!.tables as {
      id: string;
      rows: { key: string }[];
      columns: { key: string }[];
      cells: { value: number | null; suppressed: string | null; display: string }[][];
      rowTotals: { value: number | null; display: string }[];
      columnTotals: { value: number | null; display: string }[];
    }[];
    const caseload = tables.find((t) => t.id === "caseload_office")!;
    const b = caseload.rows.findIndex((r) => r.key === officeB);
    const a = caseload.rows.findIndex((r) => r.key === officeA);
    const integration = caseload.columns.findIndex((c) => c.key === "integration");
    expect(caseload.cells[b]![integration]).toMatchObject({
      value: null,
      suppressed: "primary",
      display: "<5",
    });
    expect(caseload.rowTotals[b]).toMatchObject({ value: null, display: "<5" });
    // Secondary: the column total would reveal office B's cell by subtraction, so office A's cell is hidden too.
    expect(caseload.cells[a]![integration]!.suppressed).toBe("secondary");
    expect(caseload.cells[a]![integration]!.value).toBeNull();
    // No raw small number anywhere in the response.
    for (const t of tables)
      for (const row of t.cells)
        for (const c of row) if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
    // CSV says the same.
    const cookie = await sessionCookieFor(ctx.services, tenantId, users.get("analyst")!.id);
    const csv = await (
      await ctx.app.request(`${TEST_BASE_URL}/api/v1/case-overview/caseload_office/csv`, {
        headers: { cookie },
      })
    ).text();
    expect(csv).toContain("<5");
    // A case worker of office B sees only office B.
    const own = await api("workerB", "GET", "/case-overview");
    expect(own.json!.scope).toBe("offices");
    const ownRows = (own.json!.tables as { id: string; rows: { key: string }[] }[]).find(
      (t) => t.id === "caseload_office",
    )!.rows;
    expect(ownRows.map((r) => r.key)).toEqual([officeB]);
    // Partners see no overview.
    expect((await api("partnerX", "GET", "/case-overview")).status).toBe(403);
  });

  it("takes the tenant's own threshold", async () => {
    const t = (await ctx.services.tenants.byId(tenantId))!;
    await ctx.services.tenants.updateSettings(P("admin"), tenantId, {
      version: t.version,
      name: t.name,
      defaultLanguage: "de",
      mfaRequiredRoles: [],
      smallCells: { minCount: 20 },
    });
    const o = await ctx.services.caseOverview.overview(P("analyst"));
    expect(o.minCount).toBe(20);
    const caseload = o.tables.find((x) => x.id === "caseload_office")!;
    for (const row of caseload.cells)
      for (const c of row) if (c.value !== null) expect(c.value === 0 || c.value >= 20).toBe(true);
    expect(caseload.cells.flat().some((c) => c.display === "<20")).toBe(true);
  });
});
