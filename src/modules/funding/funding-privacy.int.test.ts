import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundingApplications, mailOutbox } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { addPaymentInput, createCallInput, saveDraftInput } from "./contracts.ts";
import { UNNA_COST_RULES } from "./model.ts";

/** Decision letters, payments, erasure on request and retention (decision 062), on both databases. */
let ctx: TestContext;
let tenantId: string;
let n = 0;
const as = (role: Role): Principal => ({
  userId: `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}`,
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});
let coordinator: Principal;
let callId: string;

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  coordinator = as("coordinator");
  const call = await ctx.services.funding.createCall(
    coordinator,
    parseInput(createCallInput, {
      title: "Kleinprojektförderung 2026",
      status: "open",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      deadline: null,
      budgetPerYear: "20.000",
      projectCap: "5.000",
      costRules: UNNA_COST_RULES,
      criteria: [{ key: "teilhabe", label: "Teilhabe", weight: 1 }],
    }),
  );
  callId = call.id;
});
afterAll(() => ctx.close());

async function tokenMailedTo(email: string) {
  const rows = await ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));
  return /\/funding\/apply\/([A-Za-z0-9_-]+)/.exec(rows[0]!.text ?? "")![1]!;
}

/** Applies (submitted, or only a draft) in `lang`; returns the id and the link's token. */
async function apply(email: string, lang: string, submit = true) {
  const started = await ctx.services.funding.applicant.start(tenantId, { callId, email, lang });
  const token = await tokenMailedTo(email);
  if (!submit) return { id: started.id, token };
  const saved = await ctx.services.funding.applicant.saveDraft(
    tenantId,
    token,
    parseInput(saveDraftInput, {
      version: 1,
      organizationName: "Initiative WeltOffen",
      contactName: "Aylin Demir",
      title: `Sprachcafé ${email}`,
      summary: "Begegnung auf Augenhöhe",
      budget: [
        { type: "personnel", amount: "2.000", description: "Honorar" },
        { type: "material", amount: "500", description: "" },
      ],
    }),
  );
  await ctx.services.funding.applicant.submit(tenantId, token, saved.version);
  return { id: started.id, token };
}

async function decide(id: string, outcome: "granted" | "refused" | "ineligible") {
  const a = await ctx.services.funding.getApplication(coordinator, id);
  const s = await ctx.services.funding.screen(coordinator, id, {
    version: a.version,
    outcome: outcome === "ineligible" ? "ineligible" : "eligible",
    note: null,
  });
  if (outcome === "ineligible") return;
  await ctx.services.funding.decide(coordinator, id, {
    version: s.version,
    outcome,
    amount: outcome === "granted" ? s.eligibleCents : undefined,
    reason: outcome === "granted" ? "Förderfähig und wirksam." : "Kein Bezug zur Integration.",
  });
}

const row = async (id: string) =>
  (await ctx.handle.db.select().from(fundingApplications).where(eq(fundingApplications.id, id)))[0];

describe("funding: decision letter", () => {
  it("is rendered in a job in German and the applicant's language, for the applicant and staff", async () => {
    const { id, token } = await apply("letter@example.org", "en");
    await decide(id, "granted");
    // Not before the job ran.
    expect(await ctx.services.funding.letters.letterLangs(tenantId, id)).toEqual([]);
    await ctx.services.jobs.runDue();
    expect(await ctx.services.funding.letters.letterLangs(tenantId, id)).toEqual(["de", "en"]);
    expect((await ctx.services.funding.applicant.byLink(tenantId, token)).state).toBe("submitted");

    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/funding/drafts/${token}/letter/en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const en = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, " ");
    expect(en).toContain("Grant decision: Sprachcafé letter@example.org");
    expect(en).toContain("Courtesy translation");
    // Another link, or none, reads nothing.
    const other = await ctx.app.request(`${TEST_BASE_URL}/api/v1/funding/drafts/${"x".repeat(40)}/letter/de`);
    expect(other.status).toBe(400);

    const de = await ctx.services.funding.letters.letter(coordinator, id, "de", "req-letter");
    expect(pdfText(de).replace(/\s+/g, " ")).toContain("eine Zuwendung in Höhe von 1.500,00");
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads.filter((r) => r.requestId === "req-letter")).toHaveLength(1);
    await expect(ctx.services.funding.letters.letter(as("case_worker"), id, "de")).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("funding: payments", () => {
  it("instalments stay within the grant, are paid once, and go to the treasury as CSV", async () => {
    const { id } = await apply("pay@example.org", "de");
    const plan = (amount: string, dueDate: string) =>
      ctx.services.funding.payments.add(coordinator, id, parseInput(addPaymentInput, { amount, dueDate }));
    await expect(plan("100", "2026-04-01")).rejects.toMatchObject({
      fields: [{ field: "_", code: "funding_not_granted" }],
    });
    await decide(id, "granted");
    await plan("1.000,00 €", "2026-04-01");
    const two = await plan("300", "2026-06-01");
    expect(two).toMatchObject({
      grantedCents: 150_000,
      plannedCents: 130_000,
      paidCents: 0,
      leftCents: 20_000,
    });
    // €200.01 would overdraw the grant by a cent: a field error with the figures.
    const over = await plan("200,01", "2026-09-01").catch((e: unknown) => e);
    expect(over).toMatchObject({ fields: [{ field: "amount", code: "funding_payments_above_grant" }] });
    expect(JSON.stringify(over)).toContain("200,00");
    expect(() => parseInput(addPaymentInput, { amount: "-5", dueDate: "2026-09-01" })).toThrow();
    await expect(
      ctx.services.funding.payments.add(as("board_member"), id, { amount: 1, dueDate: "2026-09-01" }),
    ).rejects.toMatchObject({ code: "forbidden" });

    // Finance signs the order (second person), then two finance officers book it at once:
    // exactly one payment.
    const finance = as("finance");
    const first = await ctx.services.funding.payments.order(finance, two.payments[0]!.id, {
      version: two.payments[0]!.version,
    });
    const results = await Promise.allSettled(
      ["KA-2026-0815", "KA-2026-0816"].map((ref) =>
        ctx.services.funding.payments.pay(finance, first.id, {
          version: first.version,
          paidDate: "2026-04-02",
          bookingReference: ref,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    const after = await ctx.services.funding.payments.list(coordinator, id);
    expect(after).toMatchObject({ plannedCents: 130_000, paidCents: 100_000 });

    const csv = await ctx.services.funding.payments.csv(coordinator, callId);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Aktenzeichen;Zahlung;Empfänger;Projekt;Betrag;Fällig am;Bezahlt am;Buchungszeichen;Status",
    );
    const mine = lines.filter((l) => l.startsWith(id.slice(-8).toUpperCase()));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatch(/;1000,00;2026-04-01;2026-04-02;KA-2026-081[56];ausgezahlt$/);
    expect(mine[1]).toMatch(/;300,00;2026-06-01;;;sachlich richtig$/);
  });
});

describe("funding: erasure on request", () => {
  it("the data-protection officer deletes an application not granted, and erases only the contact of a grant", async () => {
    const refused = await apply("refused@example.org", "de");
    await decide(refused.id, "refused");
    const granted = await apply("granted@example.org", "tr");
    await decide(granted.id, "granted");
    await ctx.services.jobs.runDue();

    await expect(ctx.services.funding.privacy.erase(coordinator, refused.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    const dpo = as("data_protection_officer");
    expect(await ctx.services.funding.privacy.erase(dpo, refused.id, "req-erase")).toEqual({
      mode: "deleted",
      reviews: 0,
      letters: 1,
    });
    expect(await row(refused.id)).toBeUndefined();

    expect(await ctx.services.funding.privacy.erase(dpo, granted.id)).toEqual({
      mode: "contact_erased",
      reviews: 0,
      letters: 2,
    });
    const kept = await row(granted.id);
    expect(kept).toMatchObject({ contactName: "", contactEmail: "", summary: "", tokenHash: null });
    expect(kept?.erasedAt).toBeInstanceOf(Date);
    // The financial record stays: organization, title, figures, decision.
    expect(kept).toMatchObject({
      status: "granted",
      grantedCents: 150_000,
      organizationName: "Initiative WeltOffen",
    });
    expect((await ctx.services.funding.applicant.byLink(tenantId, granted.token)).state).toBe("unknown");
    const audit = await ctx.services.audit.list(
      tenantId,
      { entityId: granted.id, action: "erase_contact" },
      { limit: 5, offset: 0 },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ letters: { old: 2, new: 0 } });
    // The pot still counts the grant.
    expect((await ctx.services.funding.pot(coordinator, callId, 2026)).committedCents).toBeGreaterThanOrEqual(
      150_000,
    );
  });
});

describe("funding: retention (daily job)", () => {
  it("deletes stale drafts and refusals, erases a grant's contact after the audit period and its record after ten years", async () => {
    const draft = await apply("draft@example.org", "de", false);
    const ineligible = await apply("ineligible@example.org", "de");
    await decide(ineligible.id, "ineligible");
    const granted = await apply("kept@example.org", "de");
    await decide(granted.id, "granted");
    const pending = await apply("pending@example.org", "de");

    // Before the periods end nothing goes.
    ctx.clock.set(new Date("2026-05-20T05:00:00Z"));
    expect(await ctx.services.funding.privacy.retention(tenantId)).toEqual({ deleted: 0, contactErased: 0 });

    // The draft's link expired 1 May (+30 days), the refusal is a year old: both deleted.
    ctx.clock.set(new Date("2027-03-03T05:00:00Z"));
    expect(await ctx.services.funding.privacy.retention(tenantId)).toEqual({ deleted: 2, contactErased: 0 });
    expect(await row(draft.id)).toBeUndefined();
    expect(await row(ineligible.id)).toBeUndefined();
    expect(await row(pending.id)).toMatchObject({ status: "submitted", contactName: "Aylin Demir" });

    // 1 January 2033: the grant of 2026 keeps its figures, loses its contact (this and the earlier grants).
    ctx.clock.set(new Date("2033-01-01T05:00:00Z"));
    const r = await ctx.services.funding.privacy.retention(tenantId);
    expect(r.contactErased).toBeGreaterThanOrEqual(2);
    expect(await row(granted.id)).toMatchObject({ contactName: "", grantedCents: 150_000 });
    const entries = await ctx.services.audit.list(
      tenantId,
      { entityId: granted.id, action: "retention_erase_contact" },
      { limit: 5, offset: 0 },
    );
    expect(entries).toHaveLength(1);
    // A second run finds nothing more.
    expect((await ctx.services.funding.privacy.retention(tenantId)).contactErased).toBe(0);

    // 1 January 2037: the financial record of 2026 is deleted too.
    ctx.clock.set(new Date("2037-01-01T05:00:00Z"));
    expect((await ctx.services.funding.privacy.retention(tenantId)).deleted).toBeGreaterThanOrEqual(1);
    expect(await row(granted.id)).toBeUndefined();
  });

  it("the daily job is queued for each tenant and runs the retention", async () => {
    await ctx.services.funding.privacy.scheduleAll();
    ctx.clock.set(new Date("2037-01-03T06:00:00Z"));
    // Mails queued by the earlier tests are due too: run until nothing is left.
    for (
      let ran = await ctx.services.jobs.runDue();
      ran.claimed > 0;
      ran = await ctx.services.jobs.runDue()
    ) {
      expect(ran.failed).toBe(0);
    }
    const daily = await ctx.services.jobs.list(tenantId, { type: "funding.daily" }, { limit: 50, offset: 0 });
    expect(daily.some((j) => j.status === "done")).toBe(true);
    // It queued its next run itself.
    expect(daily.some((j) => j.status === "queued" && j.runAt > ctx.clock.now())).toBe(true);
  });
});
