// Cooperation agreements and declarations (issue 18, decision 061) through the HTTP API on the
// demo tenant (PGlite and PostgreSQL): the state machine, bad input, what expires soon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ORGANIZATIONS } from "#app/modules/demo/directory-content.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;
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
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
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
