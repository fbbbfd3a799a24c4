import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { action as publicProofAction } from "#app/app/routes/public/funding-proof.tsx";
import { loader as entryLoader } from "#app/app/routes/staff/directory/entry.tsx";
import { action as appAction, loader as appLoader } from "#app/app/routes/staff/funding/application.tsx";
import { loader as callLoader } from "#app/app/routes/staff/funding/call.tsx";
import { action as callsAction, loader as callsLoader } from "#app/app/routes/staff/funding/calls.tsx";
import { action as proofAction, loader as proofLoader } from "#app/app/routes/staff/funding/proof.tsx";
import { loader as nodeLoader } from "#app/app/routes/staff/strategy/node.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import {
  auditLog,
  fundingApplications,
  fundingCalls,
  fundingProofs,
  mailOutbox,
  surveyResponses,
} from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { submissionInput } from "../surveys/contracts.ts";
import { addPaymentInput, createCallInput, saveDraftInput } from "./contracts.ts";
import { UNNA_COST_RULES } from "./model.ts";
import { bookRepaymentInput, examineProofInput, fileProofInput } from "./proof-contracts.ts";

/** The whole chain to a closed proof of use; the numbers and the public list (decision 070). */
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
let areaId: string;
let targetGroup: string;

const square = (code: string, x0: number) => ({
  type: "Feature",
  properties: { code, name: `Quartier ${code}`, level: "quarter", parent: null },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x0, 51.5],
        [x0 + 0.02, 51.5],
        [x0 + 0.02, 51.52],
        [x0, 51.52],
        [x0, 51.5],
      ],
    ],
  },
});

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
      frameworkTemplate: "unna",
    })
  ).id;
  coordinator = as("coordinator");
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({ type: "FeatureCollection", features: [square("KM", 7.6)] }),
  );
  areaId = (await ctx.services.areas.list(tenantId))[0]!.id;
  const axes = await ctx.services.framework.list(tenantId, "de");
  targetGroup = axes.find((a) => a.kind === "target_group")!.terms[0]!.id;
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
      publishFunded: true,
    }),
  );
  callId = call.id;
});
afterAll(() => ctx.close());

async function mailsTo(email: string) {
  return ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));
}

/** Applies with material 1 000 € and rent 500 €, is granted 1 500 € and paid 1 500 € (in `instalments`). */
async function grantedAndPaid(email: string, instalments = ["1.500,00"]) {
  await ctx.services.funding.applicant.start(tenantId, { callId, email, lang: "de" });
  const token = /\/funding\/apply\/([A-Za-z0-9_-]+)/.exec((await mailsTo(email))[0]!.text ?? "")![1]!;
  const draft = {
    version: 1,
    organizationName: "Café Knirps Königsborn",
    contactName: "Maria Schulte",
    title: `Elterncafé ${email}`,
    summary: "Treffpunkt für Eltern",
    budget: [
      { type: "material", amount: "1.000", description: "Spielmaterial" },
      { type: "rent", amount: "500", description: "Raummiete" },
    ],
  };
  const bad = await ctx.services.funding.applicant
    .saveDraft(tenantId, token, parseInput(saveDraftInput, { ...draft, areaId: targetGroup }))
    .catch((e: unknown) => e);
  expect(bad).toMatchObject({ fields: [{ field: "areaId", code: "invalid_choice" }] });
  const saved = await ctx.services.funding.applicant.saveDraft(
    tenantId,
    token,
    parseInput(saveDraftInput, { ...draft, areaId, termIds: [targetGroup] }),
  );
  expect(saved).toMatchObject({ areaId, termIds: [targetGroup] });
  const sub = await ctx.services.funding.applicant.submit(tenantId, token, saved.version);
  const s = await ctx.services.funding.screen(coordinator, sub.id, {
    version: sub.version,
    outcome: "eligible",
    note: null,
  });
  await ctx.services.funding.decide(coordinator, sub.id, {
    version: s.version,
    outcome: "granted",
    amount: 150_000,
    reason: "Förderfähig.",
  });
  const finance = as("finance");
  for (const amount of instalments) {
    const planned = await ctx.services.funding.payments.add(
      coordinator,
      sub.id,
      parseInput(addPaymentInput, { amount, dueDate: "2026-04-01" }),
    );
    const open = planned.payments.find((x) => x.status === "approved")!;
    const p = await ctx.services.funding.payments.order(finance, open.id, { version: open.version });
    await ctx.services.funding.payments.pay(finance, p.id, {
      version: p.version,
      paidDate: "2026-04-01",
      bookingReference: `KA-2026-${open.id.slice(-4)}`,
    });
  }
  return { id: sub.id, token };
}

const filing = (version: number, material: string, reason = "") =>
  parseInput(fileProofInput, {
    version,
    report: "Zwölf Treffen mit Eltern aus sieben Ländern.",
    participants: "38",
    lines: [
      { type: "material", actual: material, reason },
      { type: "rent", actual: "500", reason: "" },
    ],
    receipts: [{ date: "2026-05-04", payee: "Spielwaren Unna", type: "material", amount: material }],
  });

describe("funding: proof of use", () => {
  it("files, is asked for more, files again, and ends in the computed repayment, with a mail at each step", async () => {
    const { id, token } = await grantedAndPaid("knirps@example.org");
    const before = await ctx.services.funding.proofs.byLink(tenantId, token);
    expect(before?.proof).toMatchObject({ status: null, dueDate: "2027-06-30", deviationBp: 2000 });

    // Material 700 € of 1 000 € planned: a 30 % deviation needs a reason, per field.
    const missing = await ctx.services.funding.proofs
      .file(tenantId, token, filing(0, "700"))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({
      code: "validation_failed",
      fields: [{ field: "lines.0.reason", code: "funding_proof_reason_required" }],
    });
    const filed = await ctx.services.funding.proofs.file(
      tenantId,
      token,
      filing(0, "700", "Spenden erhalten"),
    );
    expect(filed).toMatchObject({ status: "submitted", participants: 38 });
    // 700 + 500 = 1 200 € due of 1 500 € paid.
    expect(filed.settlement).toMatchObject({ dueCents: 120_000, paidCents: 150_000, repaymentCents: 30_000 });

    // A board member may read but not examine; "more" needs a message.
    const board = await ctx.services.funding.proofs
      .examine(as("board_member"), id, { version: filed.version, outcome: "accepted", message: null })
      .catch((e: unknown) => e);
    expect(board).toMatchObject({ status: 403 });
    expect(() =>
      parseInput(examineProofInput, { version: 1, outcome: "more_requested", message: "" }),
    ).toThrow(expect.objectContaining({ fields: [{ field: "message", code: "required" }] }));
    const asked = await ctx.services.funding.proofs.examine(coordinator, id, {
      version: filed.version,
      outcome: "more_requested",
      message: "Bitte die Quittung der Raummiete nachreichen.",
    });
    expect(asked.status).toBe("more_requested");

    const again = await ctx.services.funding.proofs.file(
      tenantId,
      token,
      filing(asked.version, "700", "Spenden"),
    );
    const closed = await ctx.services.funding.proofs.examine(coordinator, id, {
      version: again.version,
      outcome: "repayment",
      message: "Nicht verbrauchte Mittel sind zurückzuzahlen.",
    });
    expect(closed.status).toBe("repayment");
    const [stored] = await ctx.handle.db
      .select()
      .from(fundingProofs)
      .where(eq(fundingProofs.applicationId, id));
    expect(stored).toMatchObject({ dueCents: 120_000, repaymentCents: 30_000 });

    // Closed: no filing any more.
    const late = await ctx.services.funding.proofs
      .file(tenantId, token, filing(closed.version, "700", "x"))
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "conflict", fields: [{ code: "funding_proof_closed" }] });

    const subjects = (await mailsTo("knirps@example.org")).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith("Verwendungsnachweis eingegangen"))).toHaveLength(2);
    expect(subjects.some((s) => s.startsWith("Rückfragen zum Verwendungsnachweis"))).toBe(true);
    const last = (await mailsTo("knirps@example.org")).at(-1)!;
    expect(last.subject).toMatch(/^Rückforderung/);
    // The demand states amount, due date (a month on) and the transfer's purpose (decision 131).
    expect(last.text).toContain("300,00");
    expect(last.text).toContain("bis zum 2026-04-01");
    expect(last.text).toContain(`„Rückzahlung ${id.slice(-8).toUpperCase()}“`);
  });

  it("accepts a proof spent as planned; a board member reads it with its receipts", async () => {
    const { id, token } = await grantedAndPaid("weltoffen@example.org");
    const filed = await ctx.services.funding.proofs.file(tenantId, token, filing(0, "1.100"));
    expect(filed.settlement).toMatchObject({ dueCents: 150_000, repaymentCents: 0 });
    const nothing = await ctx.services.funding.proofs
      .examine(coordinator, id, { version: filed.version, outcome: "repayment", message: "x" })
      .catch((e: unknown) => e);
    expect(nothing).toMatchObject({ fields: [{ field: "outcome", code: "funding_proof_nothing_to_repay" }] });
    const ok = await ctx.services.funding.proofs.examine(coordinator, id, {
      version: filed.version,
      outcome: "accepted",
      message: null,
    });
    expect(ok.status).toBe("accepted");
    const read = await ctx.services.funding.proofs.get(as("board_member"), id);
    expect(read.proof.receipts).toHaveLength(1);
  });

  it("refuses a proof after the call's deadline, naming the date", async () => {
    const { token } = await grantedAndPaid("spaet@example.org");
    ctx.clock.set(new Date("2027-07-01T08:00:00Z"));
    try {
      const late = await ctx.services.funding.proofs
        .file(tenantId, token, filing(0, "1.000"))
        .catch((e: unknown) => e);
      expect(late).toMatchObject({
        fields: [{ field: "_", code: "funding_proof_late", params: { due: "2027-06-30" } }],
      });
    } finally {
      ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
    }
  });
});

describe("funding: numbers and the public list", () => {
  it("counts per year, target group and area through the small-cell rule; sums only beside shown counts", async () => {
    const numbers = await ctx.services.funding.numbers.statistics(coordinator, callId, "de");
    const year = numbers.years.find((r) => r.year === 2026)!;
    // Three applications: fewer than five, so hidden, and their sums with them.
    expect(year.filed).toEqual({ value: null, suppressed: "primary" });
    expect(year.grantedCents).toBeNull();
    expect(numbers.targetGroups.map((r) => r.key)).toEqual([targetGroup]);
    expect(numbers.areas[0]).toMatchObject({ key: areaId, label: "Quartier KM", requestedCents: null });
    const denied = await ctx.services.funding.numbers
      .statistics(as("case_worker"), callId, "de")
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 403 });
  });

  it("lists funded projects publicly (title, organization, amount, year) without the contact", async () => {
    const list = await ctx.services.funding.numbers.funded(tenantId);
    expect(list.length).toBe(3);
    expect(list[0]).toMatchObject({
      organizationName: "Café Knirps Königsborn",
      grantedCents: 150_000,
      year: 2026,
    });
    expect(JSON.stringify(list)).not.toContain("Maria Schulte");
  });
});

describe("funding: the pot with paid and returned sums (decision 112)", () => {
  it("sums approved, paid, returned and free exactly per year, on the call page too", async () => {
    // The three grants above: 1 500 € each, paid in full; one proof ended in a 300 € repayment.
    const pots = await ctx.services.funding.pots(coordinator, callId);
    expect(pots).toEqual([
      {
        callId,
        year: 2026,
        plannedCents: 2_000_000,
        committedCents: 450_000,
        availableCents: 1_550_000,
        paidCents: 450_000,
        reclaimedCents: 30_000,
        returnedCents: 0,
        netCents: 450_000,
        decided: 3,
        pending: 0,
      },
    ]);
    expect(await ctx.services.funding.pot(coordinator, callId, 2026)).toEqual(pots[0]);
    // A grant paid in two instalments whose proof ends in a repayment: each sum counts once.
    const { id, token } = await grantedAndPaid("zweite@example.org", ["1.000,00", "500,00"]);
    const filed = await ctx.services.funding.proofs.file(tenantId, token, filing(0, "700", "Spenden"));
    await ctx.services.funding.proofs.examine(coordinator, id, {
      version: filed.version,
      outcome: "repayment",
      message: "Nicht verbrauchte Mittel sind zurückzuzahlen.",
    });
    const after = (await ctx.services.funding.pots(coordinator, callId))[0]!;
    expect(after).toMatchObject({
      committedCents: 600_000,
      paidCents: 600_000,
      reclaimedCents: 60_000,
      returnedCents: 0,
      netCents: 600_000,
      availableCents: 1_400_000,
    });
    const page = await runPage(callLoader, coordinator, `/staff/funding/calls/${callId}`, { id: callId });
    expect(page.pots).toEqual([after]);
    expect(
      await ctx.services.funding.pots(as("partner_staff"), callId).catch((e: unknown) => e),
    ).toMatchObject({
      status: 403,
    });
  });

  it("books repayments received in parts (decision 119): never above the demand, version-checked, audited", async () => {
    const { items } = await ctx.services.funding.listApplications(coordinator, { callId });
    const idOf = (email: string) => items.find((a) => a.title === `Elterncafé ${email}`)!.id;
    const id = idOf("knirps@example.org");
    const r = ctx.services.funding.repayments;
    const before = (await ctx.services.funding.proofs.get(coordinator, id)).proof;
    expect(before.repayment).toEqual({
      demandedCents: 30_000,
      receivedCents: 0,
      outstandingCents: 30_000,
      dueDate: "2026-04-01",
      purpose: `Rückzahlung ${id.slice(-8).toUpperCase()}`,
      bookings: [],
    });
    const input = (version: number, amount: string, receivedDate = "2026-03-01") =>
      parseInput(bookRepaymentInput, { version, amount, receivedDate, reference: "ZE-2026-0017" });
    await expect(r.book(as("board_member"), id, input(before.version, "100"))).rejects.toMatchObject({
      status: 403,
    });
    const first = await r.book(coordinator, id, input(before.version, "200,00"));
    expect(first).toMatchObject({ receivedCents: 20_000, outstandingCents: 10_000 });
    // A second tab with the old version is refused, not booked twice.
    await expect(r.book(coordinator, id, input(before.version, "100"))).rejects.toMatchObject({
      code: "version_conflict",
    });
    const v = (await ctx.services.funding.proofs.get(coordinator, id)).proof.version;
    expect(await r.book(coordinator, id, input(v, "100,01")).catch((e: unknown) => e)).toMatchObject({
      fields: [
        {
          field: "amount",
          code: "funding_repayment_above_demand",
          params: { left: expect.stringContaining("100,00") },
        },
      ],
    });
    expect(
      await r.book(coordinator, id, input(v, "50", "2026-03-03")).catch((e: unknown) => e),
    ).toMatchObject({
      fields: [{ field: "receivedDate", code: "date_in_future" }],
    });
    await expect(r.book(coordinator, idOf("weltoffen@example.org"), input(1, "10"))).rejects.toMatchObject({
      fields: [{ code: "funding_repayment_not_demanded" }],
    });

    // The staff page books the rest through its plain form; an over-receipt comes back per field.
    const post = async (fields: Record<string, string>) =>
      proofAction({
        ...(await pageArgs(coordinator, `/staff/funding/applications/${id}/proof`, { id })),
        request: new Request(`${TEST_BASE_URL}/staff/funding/applications/${id}/proof`, {
          method: "POST",
          body: new URLSearchParams({
            intent: "repayment",
            version: String(v),
            receivedDate: "2026-03-02",
            ...fields,
          }),
        }),
      } as never);
    expect(await post({ amount: "1.000" })).toMatchObject({
      data: {
        ok: false,
        intent: "repayment",
        errors: { fields: { amount: expect.stringContaining("100,00") } },
      },
    });
    expect(await post({ amount: "100", reference: "ZE-2026-0018" })).toMatchObject({ ok: true });
    const page = await runPage(proofLoader, coordinator, `/staff/funding/applications/${id}/proof`, { id });
    expect(page).toMatchObject({ mayBook: true });
    expect(page.proof.repayment).toMatchObject({
      receivedCents: 30_000,
      outstandingCents: 0,
      bookings: [{ amountCents: 20_000 }, { amountCents: 10_000, reference: "ZE-2026-0018" }],
    });
    expect((await ctx.services.funding.pots(coordinator, callId))[0]).toMatchObject({
      paidCents: 600_000,
      reclaimedCents: 60_000,
      returnedCents: 30_000,
      netCents: 570_000,
    });
    const audited = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "repayment_received")));
    expect(audited).toHaveLength(2);

    // The applicant hears of each receipt (decision 131): what came in, then that all is settled.
    const mails = (await mailsTo("knirps@example.org")).filter((m) => m.subject.includes("Rückzahlung"));
    expect(mails.map((m) => m.subject.split(":")[0])).toEqual([
      "Rückzahlung eingegangen",
      "Rückzahlung vollständig eingegangen",
    ]);
    expect(mails[0]!.text).toMatch(/am 2026-03-01 .*200,00.*\n\nNoch offen sind 100,00/s);
    // The treasury's CSV carries each receipt as its own row, negative, in the instalments' columns;
    // the other grant's open demand as one row more.
    const csv = await ctx.services.funding.payments.csv(coordinator, callId);
    const rows = csv
      .split("\r\n")
      .filter((l) => l.includes("Rückzahlung eingegangen") || l.includes("Rückforderung offen"));
    const ref = id.slice(-8).toUpperCase();
    expect(rows.filter((l) => l.startsWith(ref))).toEqual([
      expect.stringMatching(/;-200,00;2026-04-01;2026-03-01;ZE-2026-0017;Rückzahlung eingegangen$/),
      expect.stringMatching(/;-100,00;2026-04-01;2026-03-02;ZE-2026-0018;Rückzahlung eingegangen$/),
    ]);
    const other = idOf("zweite@example.org").slice(-8).toUpperCase();
    expect(rows.filter((l) => l.startsWith(other))).toEqual([
      expect.stringMatching(new RegExp(`^${other};;[^;]+;[^;]+;-300,00;2026-04-01;;;Rückforderung offen$`)),
    ]);
  });
});

describe("funding: links to the goal tree and the directory (decision 086)", () => {
  it("links a funded project to a strategy measure and directory offers, refusing unknown ids per field", async () => {
    const { id } = await grantedAndPaid("links@example.org");
    const measure = await ctx.services.strategy.createNode(coordinator, tenantId, {
      parentId: null,
      kind: "massnahme",
      title: "Elterncafés in den Quartieren",
      description: null,
      status: "planned",
      weight: 1,
      progress: null,
      periodFrom: null,
      periodTo: null,
      responsible: null,
      termIds: [],
      budgetPlannedCents: null,
      budgetSpentCents: null,
    });
    const system = { kind: "system" as const, tenantId };
    const org = (await ctx.services.directory.publishDirect(system, "organization", { name: "Café Knirps" }))
      .entityId;
    const offer = (
      await ctx.services.directory.publishDirect(system, "offer", {
        organizationId: org,
        title: "Elterncafé mehrsprachig",
      })
    ).entityId;
    const l = ctx.services.funding.links;
    const before = await l.get(coordinator, id);
    expect(before).toMatchObject({ measure: null, offers: [] });
    const unknown = "0190f0f0-0000-7000-8000-000000000099";
    const bad = await l
      .set(coordinator, id, { version: before.version, measureId: unknown, offerIds: [offer, org] })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({
      fields: [
        { field: "measureId", code: "funding_measure_unknown" },
        { field: "offerIds.1", code: "funding_offer_unknown" },
      ],
    });
    await expect(
      l.set(as("board_member"), id, { version: before.version, measureId: null, offerIds: [] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const linked = await l.set(coordinator, id, {
      version: before.version,
      measureId: measure.id,
      offerIds: [offer],
    });
    expect(linked).toMatchObject({
      measure: { id: measure.id, title: "Elterncafés in den Quartieren" },
      offers: [{ id: offer, name: "Elterncafé mehrsprachig" }],
    });
    // A stale version is refused, not overwritten.
    await expect(
      l.set(coordinator, id, { version: before.version, measureId: null, offerIds: [] }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect(await l.get(as("board_member"), id)).toEqual(linked);

    // The reverse view (decision 102): the measure and the offer list the funded project, through
    // the funding service; another offer lists nothing, and case workers do not see funding.
    const project = { id, grantedCents: 150_000, organizationName: "Café Knirps Königsborn", year: 2026 };
    expect(await l.fundedFor(as("board_member"), { measureId: measure.id })).toMatchObject([project]);
    expect(await l.fundedFor(coordinator, { offerId: offer })).toMatchObject([project]);
    expect(await l.fundedFor(coordinator, { offerId: org })).toEqual([]);
    await expect(l.fundedFor(as("case_worker"), { offerId: offer })).rejects.toMatchObject({
      code: "forbidden",
    });
    // … on the goal tree's page and the directory's page, as their loaders build them.
    const node = await runPage(nodeLoader, coordinator, `/staff/strategy/${measure.id}`, { id: measure.id });
    expect(node.funded).toMatchObject([project]);
    const entry = await runPage(entryLoader, coordinator, `/staff/directory/offer/${offer}`, {
      type: "offer",
      id: offer,
    });
    expect(entry.funded).toMatchObject([project]);
    const orgPage = await runPage(entryLoader, coordinator, `/staff/directory/organization/${org}`, {
      type: "organization",
      id: org,
    });
    expect(orgPage.funded).toBeNull();

    // The staff form: the application page offers the measure (with its path) and the offers to
    // choose from, and saves the rows that were filled; an error names the row it came from.
    const page = await runPage(appLoader, coordinator, `/staff/funding/applications/${id}`, { id });
    expect(page.choices?.measures).toContainEqual({
      value: measure.id,
      label: "Elterncafés in den Quartieren",
    });
    expect(page.choices?.offers).toContainEqual({ value: offer, label: "Elterncafé mehrsprachig" });
    expect(
      (await runPage(appLoader, as("board_member"), `/staff/funding/applications/${id}`, { id })).choices,
    ).toBeNull();
    const post = async (fields: Record<string, string>) =>
      appAction({
        ...(await pageArgs(coordinator, `/staff/funding/applications/${id}`, { id })),
        request: new Request(`${TEST_BASE_URL}/staff/funding/applications/${id}`, {
          method: "POST",
          body: new URLSearchParams(fields),
        }),
      });
    const v = (await l.get(coordinator, id)).version;
    const refused = (await post({
      intent: "links",
      version: String(v),
      measureId: "",
      "offerIds.0": offer,
      "offerIds.2": unknown,
    })) as unknown as { data: { ok: boolean; errors: { fields: Record<string, string> } } };
    expect(refused.data.ok).toBe(false);
    expect(Object.keys(refused.data.errors.fields)).toEqual(["offerIds.2"]);
    expect(
      await post({ intent: "links", version: String(v), measureId: "", "offerIds.1": offer }),
    ).toMatchObject({
      ok: true,
    });
    expect(await l.get(coordinator, id)).toMatchObject({ measure: null, offers: [{ id: offer }] });
    expect(await l.fundedFor(coordinator, { measureId: measure.id })).toEqual([]);
  });
});

/** A staff page's loader or action arguments for a principal, as the HTTP layer builds them. */
async function pageArgs<P extends Record<string, string>>(principal: Principal, path: string, params: P) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-funding-links",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  } as never);
  const url = new URL(`${TEST_BASE_URL}${path}`);
  return { context, request: new Request(url), url, pattern: path, params };
}
/** Runs a page's loader with the arguments above (each page types its own arguments). */
async function runPage<A, R>(
  fn: (a: A) => R,
  principal: Principal,
  path: string,
  params: Record<string, string>,
): Promise<Awaited<R>> {
  return await fn((await pageArgs(principal, path, params)) as A);
}

describe("funding: the council's year report (decision 112)", () => {
  it("is rendered by a job as a tagged PDF: calls, counts through the small-cell rule, sums, projects by measure", async () => {
    const measure = await ctx.services.strategy.createNode(coordinator, tenantId, {
      parentId: null,
      kind: "massnahme",
      title: "Sprachcafés für Eltern",
      description: null,
      status: "planned",
      weight: 1,
      progress: null,
      periodFrom: null,
      periodTo: null,
      responsible: null,
      termIds: [],
      budgetPlannedCents: null,
      budgetSpentCents: null,
    });
    const { items } = await ctx.services.funding.listApplications(coordinator, { callId });
    const linked = items.find((a) => a.title === "Elterncafé knirps@example.org")!;
    const before = await ctx.services.funding.links.get(coordinator, linked.id);
    await ctx.services.funding.links.set(coordinator, linked.id, {
      version: before.version,
      measureId: measure.id,
      offerIds: [],
    });

    const reports = ctx.services.funding.yearReports;
    await expect(reports.request(as("board_member"), 2026)).rejects.toMatchObject({ status: 403 });
    const asked = await reports.request(coordinator, 2026);
    expect(asked).toMatchObject({ year: 2026, ready: false, renderedAt: null });
    await expect(reports.pdf(as("board_member"), 2026)).rejects.toMatchObject({ status: 404 });
    expect(await reports.list(as("board_member"))).toMatchObject([{ year: 2026, ready: false }]);
    // Letters and mails of the earlier tests are due too: run until nothing is left.
    for (let ran = await ctx.services.jobs.runDue(); ran.claimed > 0; ran = await ctx.services.jobs.runDue())
      expect(ran.failed).toBe(0);
    expect(await reports.list(coordinator)).toMatchObject([{ year: 2026, ready: true }]);
    // The calls page lists it for download; only the integration officer may ask for a new one.
    const page = await runPage(callsLoader, coordinator, "/staff/funding", {});
    expect(page).toMatchObject({ years: [2026], mayReport: true, reports: [{ year: 2026, ready: true }] });
    expect((await runPage(callsLoader, as("board_member"), "/staff/funding", {})).mayReport).toBe(false);
    const bad = await callsAction({
      ...(await pageArgs(coordinator, "/staff/funding", {})),
      request: new Request(`${TEST_BASE_URL}/staff/funding`, {
        method: "POST",
        body: new URLSearchParams({ year: "1999" }),
      }),
    } as never);
    expect(bad).toMatchObject({ data: { ok: false, errors: { fields: { year: expect.any(String) } } } });

    // Five grants of 1 500 € (all paid), two proofs ending in 300 € repayments each, one received.
    const model = await reports.model(tenantId, 2026, new Date("2027-01-15T09:00:00Z"));
    expect(model.calls).toEqual([
      {
        title: "Kleinprojektförderung 2026",
        budgetCents: 2_000_000,
        filed: { value: 5, suppressed: null },
        funded: { value: 5, suppressed: null },
        committedCents: 750_000,
        paidCents: 750_000,
        returnedCents: 30_000,
        availableCents: 1_250_000,
      },
    ]);
    // One project under the measure, four without: both counts below five, their sums hidden.
    expect(model.measures).toEqual([
      { label: "Sprachcafés für Eltern", funded: { value: null, suppressed: "primary" }, grantedCents: null },
      { label: null, funded: { value: null, suppressed: "primary" }, grantedCents: null },
    ]);
    expect(model.projects).toHaveLength(5);
    expect(model.projects).toContainEqual({
      callTitle: "Kleinprojektförderung 2026",
      title: "Elterncafé knirps@example.org",
      organizationName: "Café Knirps Königsborn",
      grantedCents: 150_000,
      measure: "Sprachcafés für Eltern",
    });

    const pdf = await reports.pdf(as("board_member"), 2026);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/S \/Table/);
    expect(raw).toMatch(/\/S \/TD/);
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Kleinprojektförderung: Jahresbericht 2026");
    expect(text).toContain("7.500,00 €");
    expect(text).toContain("300,00 €");
    expect(text).toContain("Sprachcafés für Eltern");
    expect(text).toContain("<5");
    expect(text).not.toContain("Maria Schulte");

    // A stricter rule and a call that keeps its list private: the call's sums are hidden too.
    const t = (await ctx.services.tenants.byId(tenantId))!;
    await ctx.services.tenants.updateSettings(as("admin"), tenantId, {
      version: t.version,
      name: t.name,
      defaultLanguage: "de",
      mfaRequiredRoles: [],
      smallCells: { minCount: 10 },
    });
    await ctx.handle.db.update(fundingCalls).set({ publishFunded: false }).where(eq(fundingCalls.id, callId));
    const strict = await reports.model(tenantId, 2026, new Date("2027-01-15T09:00:00Z"));
    expect(strict.calls[0]).toMatchObject({
      funded: { value: null },
      committedCents: null,
      paidCents: null,
      returnedCents: null,
    });
    expect(strict).toMatchObject({ projects: [], unlistedCalls: 1, minCount: 10 });
  });
});

describe("funding: the narrative report as the call's questionnaire (decision 131)", () => {
  /** A small Sachbericht questionnaire: how it went (required text) and whether the aim was met. */
  async function reportForm() {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("survey").addRows([
      ["type", "name", "label::Deutsch (de)", "required"],
      ["text", "verlauf", "Wie ist das Projekt verlaufen?", "yes"],
      ["select_one ziel", "ziel", "Wurde das Ziel erreicht?", "yes"],
    ]);
    wb.addWorksheet("choices").addRows([
      ["list_name", "name", "label::Deutsch (de)"],
      ["ziel", "ja", "Ja"],
      ["ziel", "teils", "Teilweise"],
    ]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Sachbericht Kleinprojekte", "sachbericht", "Deutsch (de)"],
    ]);
    return (
      await ctx.services.surveys.importXlsForm(coordinator, new Uint8Array(await wb.xlsx.writeBuffer()))
    ).form.id;
  }
  const responses = async (id: string) =>
    (await ctx.handle.db.select().from(surveyResponses).where(eq(surveyResponses.id, id))).length;

  it("stores it as a survey response linked to the grant, shows the answers to staff, erases them with the contact", async () => {
    const formId = await reportForm();
    const call = (reportFormId: string) =>
      parseInput(createCallInput, {
        title: "Kleinprojekte mit Fragebogen",
        status: "open",
        periodStart: "2026-01-01",
        periodEnd: "2026-12-31",
        deadline: null,
        budgetPerYear: "20.000",
        projectCap: "5.000",
        costRules: UNNA_COST_RULES,
        criteria: [{ key: "teilhabe", label: "Teilhabe", weight: 1 }],
        reportFormId,
      });
    await expect(ctx.services.funding.createCall(coordinator, call(randomUUID()))).rejects.toMatchObject({
      fields: [{ field: "reportFormId", code: "invalid_choice" }],
    });
    expect((await ctx.services.funding.createCall(coordinator, call(formId))).reportFormId).toBe(formId);
    // The test's call names the questionnaire from here on (its grants come from `grantedAndPaid`).
    await ctx.handle.db.update(fundingCalls).set({ reportFormId: formId }).where(eq(fundingCalls.id, callId));
    const { id, token } = await grantedAndPaid("bericht@example.org");
    const r = ctx.services.funding.proofReports;
    const form = (await r.formByLink(tenantId, token))!;
    expect(form).toMatchObject({ formId, answered: false, open: true, title: "Sachbericht Kleinprojekte" });

    // Without the questionnaire the proof is refused at "report"; free text is not asked for.
    const noReport = { ...filing(0, "1.100"), report: "" };
    await expect(ctx.services.funding.proofs.file(tenantId, token, noReport)).rejects.toMatchObject({
      fields: [{ field: "report", code: "funding_proof_report_missing" }],
    });
    const submit = (answers: Record<string, string>) =>
      parseInput(submissionInput, {
        formVersion: form.formVersion,
        submissionId: randomUUID(),
        lang: "de",
        answers,
      });
    // A required answer missing: a field error at its question, nothing stored.
    await expect(r.file(tenantId, token, submit({ "q.ziel": "ja" }))).rejects.toMatchObject({
      fields: [{ field: "q.verlauf" }],
    });
    const first = await r.file(tenantId, token, submit({ "q.verlauf": "Gut besucht", "q.ziel": "teils" }));
    expect(await responses(first.responseId)).toBe(1);

    // Filed again through the page's plain form (no JavaScript): the new response replaces the first.
    const posted = await publicProofAction({
      ...(await pageArgs(null as never, `/de/funding/apply/${token}/proof`, { token })),
      request: new Request(`${TEST_BASE_URL}/de/funding/apply/${token}/proof?report=1`, {
        method: "POST",
        body: new URLSearchParams({
          submissionId: randomUUID(),
          formVersion: String(form.formVersion),
          "q.verlauf": "Zwölf Treffen, gut besucht",
          "q.ziel": "ja",
        }),
      }),
    } as never);
    expect(posted).toMatchObject({ data: { ok: true, intent: "report" } });
    expect(await responses(first.responseId)).toBe(0);
    const [app] = await ctx.handle.db
      .select()
      .from(fundingApplications)
      .where(eq(fundingApplications.id, id));
    expect(app!.reportResponseId).not.toBeNull();

    const filed = await ctx.services.funding.proofs.file(tenantId, token, noReport);
    expect(filed).toMatchObject({ status: "submitted", reportFormId: formId, reportAnswered: true });
    // Staff read the answers with the proof, choices by their labels.
    const page = await runPage(proofLoader, coordinator, `/staff/funding/applications/${id}/proof`, { id });
    expect(page.report).toMatchObject({
      formTitle: "Sachbericht Kleinprojekte",
      items: [
        { label: "Wie ist das Projekt verlaufen?", values: ["Zwölf Treffen, gut besucht"] },
        { label: "Wurde das Ziel erreicht?", values: ["Ja"] },
      ],
    });

    // Closed by the examination: no new questionnaire; erasure takes the response with the report.
    await ctx.services.funding.proofs.examine(coordinator, id, {
      version: filed.version,
      outcome: "accepted",
      message: null,
    });
    await expect(r.file(tenantId, token, submit({ "q.verlauf": "x", "q.ziel": "ja" }))).rejects.toMatchObject(
      {
        fields: [{ code: "funding_proof_closed" }],
      },
    );
    await ctx.services.funding.privacy.erase(as("data_protection_officer"), id);
    expect(await responses(app!.reportResponseId!)).toBe(0);
    expect(await ctx.services.funding.proofReports.answers(coordinator, id, "de")).toBeNull();
  });
});
