// Round 4 of issue 19 (decision 078): receipts uploaded through the status link, the applicant's
// call of funds, the two-step approval with the four-eyes rule, the treasury's exports, reminders.
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundingReceiptFiles, mailOutbox } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { createCallInput, requestFundsInput, saveDraftInput } from "./contracts.ts";
import { translatorFor } from "./letter.ts";
import { formatMoney, UNNA_COST_RULES } from "./model.ts";
import { MAX_RECEIPT_BYTES } from "./receipts.ts";

let ctx: TestContext;
let tenantId: string;
let n = 0;
const userId = () => `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}`;
const as = (...roles: Role[]): Principal => ({
  userId: userId(),
  tenantId,
  sessionId: "s",
  grants: roles.map((role) => ({ role, scopeType: "tenant" as const, scopeId: null })),
  mfaSatisfied: true,
});
let coordinator: Principal;
let callId: string;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

async function createCall(title: string, deadline: string | null) {
  const call = await ctx.services.funding.createCall(
    coordinator,
    parseInput(createCallInput, {
      title,
      status: "open",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      deadline,
      budgetPerYear: "20.000",
      projectCap: "5.000",
      costRules: UNNA_COST_RULES,
      criteria: [{ key: "teilhabe", label: "Teilhabe", weight: 1 }],
    }),
  );
  return call.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  coordinator = as("coordinator");
  callId = await createCall("Kleinprojektförderung 2026", null);
});
afterAll(() => ctx.close());

const mailsTo = (email: string) =>
  ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));

/** Applies (personnel 2 000 € at 50 %, material 500 €); granted 1 500 € unless only a draft is wanted. */
async function grant(email: string, lang = "de", opts: { call?: string; draftOnly?: boolean } = {}) {
  const started = await ctx.services.funding.applicant.start(tenantId, {
    callId: opts.call ?? callId,
    email,
    lang,
  });
  const token = /\/funding\/apply\/([A-Za-z0-9_-]+)/.exec((await mailsTo(email))[0]!.text ?? "")![1]!;
  if (opts.draftOnly) return { id: started.id, token };
  const saved = await ctx.services.funding.applicant.saveDraft(
    tenantId,
    token,
    parseInput(saveDraftInput, {
      version: 1,
      organizationName: "Initiative WeltOffen",
      contactName: "Aylin Demir",
      title: `Sprachcafé ${email}`,
      summary: "Begegnung",
      budget: [
        { type: "personnel", amount: "2.000", description: "Honorar" },
        { type: "material", amount: "500", description: "" },
      ],
    }),
  );
  const sub = await ctx.services.funding.applicant.submit(tenantId, token, saved.version);
  const s = await ctx.services.funding.screen(coordinator, sub.id, {
    version: sub.version,
    outcome: "eligible",
    note: null,
  });
  await ctx.services.funding.decide(coordinator, sub.id, {
    version: s.version,
    outcome: "granted",
    amount: s.eligibleCents,
    reason: "Förderfähig.",
  });
  return { id: sub.id, token };
}

describe("funding: receipts uploaded with the proof of use", () => {
  it("checks each file by its content, stores all or none, audits staff's reads, erases them with the contact", async () => {
    const { id, token } = await grant("belege@example.org");
    const r = ctx.services.funding.receipts;
    // A text file named .pdf, an empty file and one over the limit: an error per file, nothing stored.
    const big = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    big.set(PDF);
    const bad = await r
      .upload(tenantId, token, [
        { fileName: "quittung.png", content: PNG },
        { fileName: "rechnung.pdf", content: new TextEncoder().encode("Rechnung 120,00 EUR") },
        { fileName: "leer.jpg", content: new Uint8Array() },
        { fileName: "scan.pdf", content: big },
      ])
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({
      code: "validation_failed",
      fields: [
        { field: "files.1", code: "funding_receipt_type", params: { name: "rechnung.pdf" } },
        { field: "files.2", code: "funding_receipt_empty" },
        { field: "files.3", code: "funding_receipt_too_large", params: { maxMb: 5 } },
      ],
    });
    expect(await r.listByLink(tenantId, token)).toEqual([]);

    const up = await r.upload(tenantId, token, [
      { fileName: "quittung.png", content: PNG },
      { fileName: "rechnung.pdf", content: PDF },
    ]);
    expect(up.map((f) => [f.fileName, f.mimeType])).toEqual([
      ["quittung.png", "image/png"],
      ["rechnung.pdf", "application/pdf"],
    ]);
    await expect(
      r.upload(tenantId, "x".repeat(40), [{ fileName: "a.png", content: PNG }]),
    ).rejects.toMatchObject({
      code: "invalid_token",
    });

    // Staff read a file: the bytes as uploaded, one audited read; no access without funding.read.
    const file = await r.download(coordinator, id, up[1]!.id, "req-receipt");
    expect(Buffer.from(file.content).equals(Buffer.from(PDF))).toBe(true);
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: up[1]!.id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    await expect(r.download(as("case_worker"), id, up[1]!.id)).rejects.toMatchObject({ code: "forbidden" });

    // The applicant removes a wrong upload; erasure on request takes the rest with the contact data.
    await r.remove(tenantId, token, up[0]!.id);
    expect((await r.list(coordinator, id)).map((f) => f.fileName)).toEqual(["rechnung.pdf"]);
    await ctx.services.funding.privacy.erase(as("data_protection_officer"), id);
    const left = await ctx.handle.db
      .select({ id: fundingReceiptFiles.id })
      .from(fundingReceiptFiles)
      .where(eq(fundingReceiptFiles.applicationId, id));
    expect(left).toEqual([]);
  });
});

describe("funding: calling funds and the two-step approval", () => {
  it("the applicant calls within the grant, staff approve, a second person orders, finance pays once", async () => {
    const { id, token } = await grant("abruf@example.org");
    const p = ctx.services.funding.payments;
    const call = (amount: string) =>
      p.request(
        tenantId,
        token,
        parseInput(requestFundsInput, { amount, dueDate: "2026-04-01", note: "Honorar April" }),
      );
    const first = await call("1.000,00");
    expect(first).toMatchObject({ grantedCents: 150_000, plannedCents: 100_000, leftCents: 50_000 });
    expect(first.payments[0]).toMatchObject({ status: "requested", note: "Honorar April" });
    // 600 € of 500 € left: refused with the figures.
    const over = await call("600").catch((e: unknown) => e);
    expect(over).toMatchObject({ fields: [{ field: "amount", code: "funding_payments_above_grant" }] });

    const requested = first.payments[0]!;
    await expect(
      p.approve(as("board_member"), requested.id, { version: requested.version }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    // One person with both roles approves and may not order it too (four-eyes).
    const both = as("coordinator", "finance");
    const approved = await p.approve(both, requested.id, { version: requested.version });
    expect(approved).toMatchObject({ status: "approved", approvedBy: both.userId });
    await expect(p.order(both, approved.id, { version: approved.version })).rejects.toMatchObject({
      fields: [{ code: "funding_payment_four_eyes" }],
    });
    await expect(p.order(coordinator, approved.id, { version: approved.version })).rejects.toMatchObject({
      code: "forbidden",
    });
    const finance = as("finance");
    // Booking before the order is refused.
    await expect(
      p.pay(finance, approved.id, {
        version: approved.version,
        paidDate: "2026-04-02",
        bookingReference: "KA-1",
      }),
    ).rejects.toMatchObject({ fields: [{ code: "funding_payment_wrong_step" }] });
    // Two finance officers order at once: one order.
    const orders = await Promise.allSettled(
      [finance, as("finance")].map((f) => p.order(f, approved.id, { version: approved.version })),
    );
    expect(orders.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const ordered = await p.list(coordinator, id).then((v) => v.payments[0]!);
    expect(ordered).toMatchObject({ status: "ordered" });

    // The open orders as XLSX and the order as a tagged PDF naming both signatures.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await p.ordersXlsx(finance)).buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe("Aktenzeichen");
    const mine = ws
      .getRows(2, ws.rowCount - 1)!
      .find((r) => r.getCell(1).value === id.slice(-8).toUpperCase());
    expect(mine?.getCell(5).value).toBe(1000);
    await expect(p.ordersXlsx(coordinator)).rejects.toMatchObject({ code: "forbidden" });
    const pdf = await p.orderPdf(finance, ordered.id);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (de-DE)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Auszahlungsanordnung");
    expect(text).toContain("1.000,00 €");

    const paid = await p.pay(finance, ordered.id, {
      version: ordered.version,
      paidDate: "2026-04-02",
      bookingReference: "KA-2026-0815",
    });
    expect(paid).toMatchObject({ status: "paid", paidDate: "2026-04-02" });
    await expect(
      p.pay(finance, ordered.id, { version: paid.version, paidDate: "2026-04-03", bookingReference: "KA-2" }),
    ).rejects.toMatchObject({ fields: [{ code: "funding_payment_already_paid" }] });

    // The rest is called; finance sends the approval back with a note: it no longer counts.
    const second = (await call("500")).payments.find((x) => x.status === "requested")!;
    const ok2 = await p.approve(coordinator, second.id, { version: second.version });
    const back = await p.returnByFinance(finance, ok2.id, {
      version: ok2.version,
      note: "Bitte Rechnung beifügen.",
    });
    expect(back).toMatchObject({ status: "returned", note: "Bitte Rechnung beifügen." });
    expect(await p.byLink(tenantId, token)).toMatchObject({
      plannedCents: 100_000,
      paidCents: 100_000,
      leftCents: 50_000,
    });
  });
});

describe("funding: the applicant hears about their instalments (decision 086)", () => {
  it("mails in the applicant's language when a call is approved, sent back and paid — not when staff plan", async () => {
    const email = "mittel-ar@example.org";
    const { id, token } = await grant(email, "ar");
    const p = ctx.services.funding.payments;
    const t = translatorFor("ar");
    const title = `Sprachcafé ${email}`;
    const paymentMails = async () =>
      (await mailsTo(email)).filter((m) =>
        ["approved", "returned", "paid"].some(
          (k) => m.subject === t(`funding.mail_payment_${k}_subject`, { title }),
        ),
      );
    const call = async (amount: string) =>
      (
        await p.request(
          tenantId,
          token,
          parseInput(requestFundsInput, { amount, dueDate: "2026-05-01", note: "Miete Mai" }),
        )
      ).payments.find((x) => x.status === "requested")!;
    const first = await call("400");
    await p.returnByStaff(coordinator, first.id, {
      version: first.version,
      note: "Bitte Mietvertrag nennen.",
    });
    const second = await call("400");
    const approved = await p.approve(coordinator, second.id, { version: second.version });
    const finance = as("finance");
    const ordered = await p.order(finance, approved.id, { version: approved.version });
    await p.pay(finance, ordered.id, {
      version: ordered.version,
      paidDate: "2026-04-20",
      bookingReference: "KA-9",
    });
    // Staff planning an instalment themselves is no step the applicant asked for: no mail.
    await p.add(coordinator, id, { amount: 10_000, dueDate: "2026-06-01" });

    const mails = await paymentMails();
    const subject = (k: string) => t(`funding.mail_payment_${k}_subject`, { title });
    expect(mails.map((m) => m.subject).sort()).toEqual(["returned", "approved", "paid"].map(subject).sort());
    const mail = (k: string) => mails.find((m) => m.subject === subject(k))!.text ?? "";
    expect(mail("returned")).toContain("Bitte Mietvertrag nennen.");
    expect(mail("paid")).toContain("2026-04-20");
    expect(mail("paid")).toContain(formatMoney(40_000, "ar"));
  });
});

describe("funding: reminders (daily job)", () => {
  it("reminds a draft before the call closes and a grant before the proof is due, once each, in the applicant's language", async () => {
    const closing = await createCall("Aktionsfonds 2026", "2026-03-20");
    const draft = await grant("entwurf@example.org", "tr", { call: closing, draftOnly: true });
    const granted = await grant("nachweis@example.org", "uk");
    const run = () => ctx.services.funding.privacy.reminders(tenantId);

    ctx.clock.set(new Date("2026-03-10T05:00:00Z"));
    expect((await run()).deadline).toBe(0);
    ctx.clock.set(new Date("2026-03-15T05:00:00Z"));
    expect((await run()).deadline).toBe(1);
    expect((await run()).deadline).toBe(0);
    const tr = (await mailsTo("entwurf@example.org")).at(-1)!;
    expect(tr.subject).toContain("Aktionsfonds 2026");
    expect(tr.subject).not.toMatch(/Erinnerung/);
    expect(draft.id).toBeTruthy();

    // The 2026 grant's proof is due 30 June 2027 (six months): reminded from 2 June, once.
    ctx.clock.set(new Date("2027-05-20T05:00:00Z"));
    expect((await run()).proof).toBe(0);
    ctx.clock.set(new Date("2027-06-10T05:00:00Z"));
    expect((await run()).proof).toBeGreaterThanOrEqual(1);
    expect((await run()).proof).toBe(0);
    const uk = (await mailsTo("nachweis@example.org")).at(-1)!;
    expect(uk.text).toContain("2027-06-30");
    expect(uk.subject).toMatch(/[А-Яа-яІіЇї]/);
    expect(granted.id).toBeTruthy();
  });
});
