// Cooperation agreements and declarations (issue 18, decision 061) through the HTTP API on the
// demo tenant (PGlite and PostgreSQL): the state machine, bad input, what expires soon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ORGANIZATIONS } from "#app/modules/demo/directory-content.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;
let coordinatorEmail: string;
const orgId = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.id;

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the assertions
type Json = any;
async function api(path: string, cookie: string, method = "GET", body?: unknown) {
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", origin: TEST_BASE_URL, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const fieldCodes = (body: Json) =>
  body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator", { preferredLanguage: "en" });
  coordinatorEmail = c.user.email;
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  const b = await createUserWithRole(ctx.services, tenantId, "board_member");
  board = await sessionCookieFor(ctx.services, tenantId, b.user.id);
});
afterAll(() => ctx.close());

describe("cooperation agreements", () => {
  it("lists the demo's agreements, next review first, and marks what expires soon", async () => {
    const list = await api("/network/agreements", board);
    expect(list.status).toBe(200);
    const titles = list.body.map((a: Json) => a.title);
    expect(titles).toContain("Lüner Erklärung zur kommunalen Bildungslandschaft");
    expect(list.body.filter((a: Json) => a.kind === "agreement")).toHaveLength(8);
    // Review in 30 and 45 days: soon; in 90 days: not.
    const soon = list.body.filter((a: Json) => a.reviewSoon).map((a: Json) => a.title);
    expect(soon).toEqual([
      "Sprechstunde Allgemeiner Sozialer Dienst an einer Grundschule",
      "Leseprojekt in Grundschulen",
    ]);
  });

  it("refuses bad input with the field named", async () => {
    const bad = await api("/network/agreements", coordinator, "POST", {
      kind: "agreement",
      title: "Hausaufgabenhilfe",
      subject: "Hausaufgabenhilfe im Quartier",
      parties: [orgId("caritas"), "0190a0a0-0000-7000-8000-000000000000"],
      startDate: "2026-04-01",
      reviewDate: "2026-03-01",
      measureId: "0190a0a0-0000-7000-8000-000000000001",
    });
    expect(bad.status).toBe(422);
    expect(fieldCodes(bad.body).sort()).toEqual(
      [
        "measureId:network_measure_unknown",
        "parties.1:network_unknown_reference",
        "reviewDate:date_range",
      ].sort(),
    );
    expect((await api("/network/agreements", board, "POST", { kind: "agreement" })).status).toBe(403);
  });

  it("goes draft → signed → under review → renewed, never signed without a signatory", async () => {
    let a = (
      await api("/network/agreements", coordinator, "POST", {
        kind: "agreement",
        title: "Hausaufgabenhilfe",
        subject: "Hausaufgabenhilfe im Quartier",
        parties: [orgId("caritas"), orgId("vhs")],
        startDate: "2026-03-01",
        reviewDate: "2027-03-01",
      })
    ).body;
    expect(a).toMatchObject({ state: "draft", reviewSoon: false, signatories: [] });
    const unsigned = await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
      version: a.version,
      state: "signed",
    });
    expect(fieldCodes(unsigned.body)).toEqual(["state:network_agreement_unsigned"]);
    const future = await api(`/network/agreements/${a.id}/signatories`, coordinator, "POST", {
      organizationId: orgId("caritas"),
      function: "Geschäftsführung",
      signedOn: "2026-04-01",
    });
    expect(fieldCodes(future.body)).toEqual(["signedOn:network_signed_in_future"]);
    a = (
      await api(`/network/agreements/${a.id}/signatories`, coordinator, "POST", {
        organizationId: orgId("caritas"),
        function: "Geschäftsführung",
        signedOn: "2026-03-01",
      })
    ).body;
    expect(a.signatories).toHaveLength(1);
    a = (
      await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
        version: a.version,
        state: "signed",
      })
    ).body;
    const skip = await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
      version: a.version,
      state: "renewed",
    });
    expect(fieldCodes(skip.body)).toEqual(["state:network_agreement_transition"]);
    a = (
      await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
        version: a.version,
        state: "under_review",
      })
    ).body;
    const stale = await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
      version: a.version - 1,
      state: "ended",
    });
    expect(stale.status).toBe(409);
    const early = await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
      version: a.version,
      state: "renewed",
      reviewDate: "2026-12-01",
    });
    expect(fieldCodes(early.body)).toEqual(["reviewDate:network_agreement_renewal_date"]);
    a = (
      await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
        version: a.version,
        state: "renewed",
        reviewDate: "2028-03-01",
      })
    ).body;
    expect(a).toMatchObject({ state: "renewed", reviewDate: "2028-03-01" });
    // An agreement is never published; a signed declaration may be.
    const pub = await api(`/network/agreements/${a.id}/published`, coordinator, "PUT", {
      version: a.version,
      published: true,
    });
    expect(fieldCodes(pub.body)).toEqual(["published:network_agreement_not_publishable"]);
  });

  it("edits the terms while a draft or under review, with the version it read", async () => {
    let a = (
      await api("/network/agreements", coordinator, "POST", {
        kind: "agreement",
        title: "Elterncafé",
        subject: "Elterncafé an der Grundschule",
        parties: [orgId("caritas")],
        startDate: "2026-03-01",
      })
    ).body;
    const terms = {
      title: "Elterncafé im Quartier",
      subject: "Elterncafé an zwei Grundschulen",
      text: "Die Partner laden monatlich zum Elterncafé ein.",
      parties: [orgId("caritas"), orgId("vhs")],
      startDate: "2026-03-01",
      reviewDate: "2027-02-01",
    };
    expect(
      (await api(`/network/agreements/${a.id}`, board, "PATCH", { version: a.version, ...terms })).status,
    ).toBe(403);
    const bad = await api(`/network/agreements/${a.id}`, coordinator, "PATCH", {
      version: a.version,
      ...terms,
      reviewDate: "2026-02-01",
    });
    expect(fieldCodes(bad.body)).toEqual(["reviewDate:date_range"]);
    const edited = await api(`/network/agreements/${a.id}`, coordinator, "PATCH", {
      version: a.version,
      ...terms,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ ...terms, state: "draft", version: a.version + 1 });
    const stale = await api(`/network/agreements/${a.id}`, coordinator, "PATCH", {
      version: a.version,
      ...terms,
    });
    expect(stale.status).toBe(409);
    a = edited.body;
    a = (
      await api(`/network/agreements/${a.id}/signatories`, coordinator, "POST", {
        organizationId: orgId("vhs"),
        signedOn: "2026-03-01",
      })
    ).body;
    a = (
      await api(`/network/agreements/${a.id}/state`, coordinator, "PUT", {
        version: a.version,
        state: "signed",
      })
    ).body;
    const signed = await api(`/network/agreements/${a.id}`, coordinator, "PATCH", {
      version: a.version,
      ...terms,
    });
    expect(fieldCodes(signed.body)).toEqual(["_:network_agreement_not_editable"]);
  });
});

describe("commitments, reminders and the agreement as a PDF (decision 085)", () => {
  const admin = (): Principal => ({
    userId: "00000000-0000-7000-8000-000000000001",
    tenantId,
    sessionId: "test",
    grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  });
  let agreementId: string;

  it("records commitments per party with an owner; refuses others' and declarations'", async () => {
    const a = (
      await api("/network/agreements", coordinator, "POST", {
        kind: "agreement",
        title: "Sprachcafé im Stadtteil",
        subject: "Wöchentliches Sprachcafé",
        text: "Die Partner öffnen das Sprachcafé jeden Dienstag.\n\nDie VHS stellt Lehrkräfte.",
        parties: [orgId("caritas"), orgId("vhs")],
        startDate: "2026-01-01",
        reviewDate: "2027-01-01",
      })
    ).body;
    agreementId = a.id;
    const path = `/network/agreements/${a.id}/commitments`;
    const stranger = await api(path, coordinator, "POST", {
      partyId: orgId("in-via"),
      text: "Räume",
      owner: "Frau K.",
    });
    expect(fieldCodes(stranger.body)).toEqual(["partyId:network_commitment_party"]);
    const ownerless = await api(path, coordinator, "POST", { partyId: orgId("vhs"), text: "Lehrkräfte" });
    expect(ownerless.status).toBe(422);
    expect(fieldCodes(ownerless.body)).toEqual(["owner:required"]);
    expect((await api(path, board, "POST", { partyId: orgId("vhs"), text: "x", owner: "y" })).status).toBe(
      403,
    );
    const overdue = await api(path, coordinator, "POST", {
      partyId: orgId("vhs"),
      text: "Zwei Lehrkräfte für das Sprachcafé benennen",
      owner: "Fachbereich Sprachen",
      dueDate: "2026-02-15",
    });
    expect(overdue.status).toBe(201);
    expect(overdue.body).toMatchObject({ status: "open", overdue: true });
    const later = await api(path, coordinator, "POST", {
      partyId: orgId("caritas"),
      text: "Raum im Familienzentrum",
      owner: "Leitung Familienzentrum",
      dueDate: "2026-06-01",
    });
    expect(later.body).toMatchObject({ overdue: false });
    const done = await api(`${path}/${later.body.id}`, coordinator, "PATCH", {
      version: later.body.version,
      status: "done",
    });
    expect(done.body).toMatchObject({ status: "done", version: later.body.version + 1 });
    const stale = await api(`${path}/${later.body.id}`, coordinator, "PATCH", {
      version: later.body.version,
      status: "dropped",
    });
    expect(stale.status).toBe(409);
    const view = (await api(`/network/agreements/${a.id}`, board)).body;
    expect(view.commitments.map((c: Json) => [c.owner, c.status])).toEqual([
      ["Fachbereich Sprachen", "open"],
      ["Leitung Familienzentrum", "done"],
    ]);
    const declaration = (await api("/network/agreements", board)).body.find(
      (d: Json) => d.kind === "declaration",
    );
    const refused = await api(`/network/agreements/${declaration.id}/commitments`, coordinator, "POST", {
      partyId: orgId("vhs"),
      text: "x",
      owner: "y",
    });
    expect(fieldCodes(refused.body)).toContain("_:network_commitment_declaration");
  });

  it("renders the agreement as a tagged PDF in a job; the download is an audited read", async () => {
    expect((await api(`/network/agreements/${agreementId}`, board)).body.pdf).toBeNull();
    // Each change queued the job; it runs what the handler runs (the demo's own queue is long).
    const queued = await ctx.services.jobs.list(
      tenantId,
      { status: "queued", type: "network.agreement_pdf" },
      { limit: 200, offset: 0 },
    );
    expect(queued.filter((j) => j.payload.agreementId === agreementId).length).toBeGreaterThanOrEqual(3);
    await ctx.services.network.renderAgreementPdf(tenantId, agreementId);
    const view = (await api(`/network/agreements/${agreementId}`, board)).body;
    expect(view.pdf).toMatchObject({ version: view.version });
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/network/agreements/${agreementId}/pdf`, {
      headers: { origin: TEST_BASE_URL, cookie: board },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (de-DE)");
    expect(raw).toContain("pdfuaid:part");
    expect(raw).toMatch(/\/S \/H1/);
    const text = pdfText(pdf);
    expect(text).toContain("Sprachcafé im Stadtteil");
    expect(text).toContain("Zwei Lehrkräfte für das Sprachcafé benennen");
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: agreementId, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(1);
  });

  it("the daily job mails coordinators due reviews and overdue items once each", async () => {
    const first = await ctx.services.network.privacy.reminders.remind(tenantId);
    expect(first.items).toBeGreaterThanOrEqual(2);
    const { items } = await ctx.services.mail.list(admin(), { limit: 200, offset: 0 });
    const mine = items.filter((i) => i.to === coordinatorEmail);
    expect(mine).toHaveLength(1);
    const mail = await ctx.services.mail.get(admin(), mine[0]!.id);
    expect(mail.subject).toContain("from the network");
    // The demo's review in 30 days is due, the one in 45 days not yet.
    expect(mail.text).toContain("Sprechstunde Allgemeiner Sozialer Dienst an einer Grundschule");
    expect(mail.text).not.toContain("Leseprojekt in Grundschulen");
    expect(mail.text).toContain("Sprachcafé im Stadtteil: Zwei Lehrkräfte für das Sprachcafé benennen");
    expect(mail.text).not.toContain("Raum im Familienzentrum");
    const again = await ctx.services.network.privacy.reminders.remind(tenantId);
    expect(again).toEqual({ items: 0, mails: 0 });
  });
});
