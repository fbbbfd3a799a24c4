import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
let coordinator: string;
let coordinatorId: string;
let mediatorCookie: string;
let mediatorUserId: string;
let otherVolunteerCookie: string;
let adminId: string;

beforeAll(async () => {
  // Monday 2026-03-02, 10:00 in Unna.
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna", name: "Kreis Unna", kind: "county" })).id;
  const c = await createUserWithRole(ctx.services, tenantId, "volunteer_coordinator");
  coordinatorId = c.user.id;
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  const m = await createUserWithRole(ctx.services, tenantId, "volunteer");
  mediatorUserId = m.user.id;
  mediatorCookie = await sessionCookieFor(ctx.services, tenantId, m.user.id);
  const o = await createUserWithRole(ctx.services, tenantId, "volunteer");
  otherVolunteerCookie = await sessionCookieFor(ctx.services, tenantId, o.user.id);
  adminId = (await createUserWithRole(ctx.services, tenantId, "admin")).user.id;
});
afterAll(() => ctx.close());

const api = (path: string, init: RequestInit & { cookie?: string; json?: unknown } = {}) =>
  ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    ...init,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    headers: {
      "content-type": "application/json",
      origin: TEST_BASE_URL,
      "accept-language": "de",
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
  });

type Problem = { code: string; errors: { field: string; code: string; message: string }[] };
type Req = {
  id: string;
  version: number;
  state: string;
  volunteerId: string | null;
  volunteerName: string | null;
};

const certs = [
  { kind: "training", issuedOn: "2025-05-10", validUntil: null },
  { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
  { kind: "police_clearance", issuedOn: "2025-04-01", validUntil: "2026-03-31", result: "clear" },
];
const somaliMediator = (userId: string | null) => ({
  name: "Amina Warsame",
  userId,
  email: "amina@example.org",
  uiLanguage: "ar",
  status: "active",
  languages: [
    { code: "so", level: "native", oral: true, written: true },
    { code: "ar", level: "C1", oral: true, written: false },
  ],
  areas: ["Unna"],
  modes: ["on_site", "phone"],
  settings: ["kita", "school", "health"],
  certificates: certs,
  availability: [{ weekday: 2, from: 8 * 60, to: 14 * 60 }],
  absences: [],
});
const booking = (over: Record<string, unknown> = {}) => ({
  institutionName: "Kita Sonnenblume",
  contactName: "Frau Beispiel",
  contactEmail: "kita@example.org",
  language: "so",
  mode: "phone",
  setting: "kita",
  topic: "Elterngespräch Eingewöhnung",
  date: "2026-03-10",
  startTime: "09:00",
  durationMinutes: 60,
  ...over,
});

describe("volunteer pool", () => {
  let volunteerId: string;
  let requestId: string;

  it("keeps a volunteer's profile behind the policy and audits each read", async () => {
    expect(
      (await api("/volunteers", { method: "POST", cookie: otherVolunteerCookie, json: somaliMediator(null) }))
        .status,
    ).toBe(403);
    const bad = await api("/volunteers", {
      method: "POST",
      cookie: coordinator,
      json: {
        ...somaliMediator(null),
        languages: [{ code: "Somali", level: "native", oral: true, written: true }],
      },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).errors[0]).toMatchObject({
      field: "languages.0.code",
      code: "language_code",
    });

    const created = await api("/volunteers", {
      method: "POST",
      cookie: coordinator,
      json: somaliMediator(mediatorUserId),
    });
    expect(created.status).toBe(201);
    volunteerId = ((await created.json()) as { id: string }).id;
    const read = await api(`/volunteers/${volunteerId}`, { cookie: coordinator });
    expect(((await read.json()) as { email: string }).email).toBe("amina@example.org");
    const reads = await ctx.services.audit.list(
      tenantId,
      { actorUserId: coordinatorId, action: "read", entityType: "volunteer", entityId: volunteerId },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    expect((await api(`/volunteers/${volunteerId}`, { cookie: mediatorCookie })).status).toBe(403);
  });

  it("checks the pool's rules per field and books a double submit once", async () => {
    const bad = await api("/mediation-requests", {
      method: "POST",
      cookie: coordinator,
      json: booking({ date: "2026-03-05", setting: "court", durationMinutes: 240 }),
    });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as Problem;
    expect(problem.errors.map((e) => [e.field, e.code])).toEqual([
      ["date", "volunteers_lead_time"],
      ["setting", "volunteers_setting_excluded"],
      ["durationMinutes", "too_big"],
    ]);
    expect(problem.errors[0]!.message).toContain("2026-03-09");
    const past = await api("/mediation-requests", {
      method: "POST",
      cookie: coordinator,
      json: booking({ date: "2026-02-27" }),
    });
    expect(((await past.json()) as Problem).errors[0]!.code).toBe("volunteers_date_in_past");

    const first = await api("/mediation-requests", {
      method: "POST",
      cookie: coordinator,
      json: booking({ idempotencyKey: "form-token-1" }),
    });
    const second = await api("/mediation-requests", {
      method: "POST",
      cookie: coordinator,
      json: booking({ idempotencyKey: "form-token-1" }),
    });
    expect([first.status, second.status]).toEqual([201, 200]);
    requestId = ((await first.json()) as Req).id;
    expect(((await second.json()) as Req).id).toBe(requestId);
    // A language nobody speaks is accepted and flagged when matching.
    const ti = await api("/mediation-requests", {
      method: "POST",
      cookie: coordinator,
      json: booking({ language: "ti" }),
    });
    expect(ti.status).toBe(201);
  });

  it("matches, refuses a stale second confirmation, and walks the chain to settled", async () => {
    const proposal = (await (await api("/mediation-requests/matching", { cookie: coordinator })).json()) as {
      proposals: {
        requestId: string;
        volunteerId: string;
        requestVersion: number;
        parts: { code: string }[];
      }[];
      unserved: { language: string; reason: string }[];
    };
    expect(proposal.proposals).toHaveLength(1);
    expect(proposal.proposals[0]).toMatchObject({ requestId, volunteerId });
    expect(proposal.proposals[0]!.parts.map((p) => p.code)).toContain("remote");
    expect(proposal.unserved).toEqual([expect.objectContaining({ language: "ti", reason: "no_speaker" })]);

    const offers = proposal.proposals.map((p) => ({
      requestId: p.requestId,
      volunteerId: p.volunteerId,
      version: p.requestVersion,
    }));
    const [a, b] = await Promise.all([
      api("/mediation-requests/matching/confirm", { method: "POST", cookie: coordinator, json: { offers } }),
      api("/mediation-requests/matching/confirm", { method: "POST", cookie: coordinator, json: { offers } }),
    ]);
    const results = [
      (await a.json()) as { offered: number; failed: { code: string }[] },
      (await b.json()) as { offered: number; failed: { code: string }[] },
    ];
    expect(results.map((r) => r.offered).sort()).toEqual([0, 1]);
    expect(results.flatMap((r) => r.failed.map((f) => f.code))).toEqual(["version_conflict"]);

    const step = async (cookie: string, body: Record<string, unknown>) => {
      const current = (await (
        await api(`/mediation-requests/${requestId}`, { cookie: coordinator })
      ).json()) as Req;
      return api(`/mediation-requests/${requestId}/events`, {
        method: "POST",
        cookie,
        json: { ...body, version: current.version },
      });
    };
    // Only the mediator offered answers for themself.
    expect((await step(otherVolunteerCookie, { type: "accept" })).status).toBe(403);
    expect((await step(mediatorCookie, { type: "confirm" })).status).toBe(403);
    expect((await step(mediatorCookie, { type: "accept" })).status).toBe(200);
    expect((await step(coordinator, { type: "confirm" })).status).toBe(200);
    const mails = await ctx.services.mail.list(
      {
        userId: adminId,
        tenantId,
        sessionId: "s",
        grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      },
      { limit: 10, offset: 0 },
    );
    // The mediator got the offer and the confirmation; the institution and the coordinator hear
    // of their steps too (decision 076).
    const mediatorMails = mails.items.filter((m) => m.to === "amina@example.org");
    expect(mediatorMails).toHaveLength(2);
    expect(mails.items.some((m) => m.to === "kita@example.org")).toBe(true);
    // Arabic is the mediator's language.
    expect(mediatorMails.map((m) => m.subject).some((s) => s.includes("تم تأكيد المهمة"))).toBe(true);

    const early = await step(coordinator, { type: "hold", minutes: 50 });
    expect(((await early.json()) as Problem).errors[0]).toMatchObject({
      field: "type",
      code: "volunteers_transition",
    });
    const claimEarly = await step(mediatorCookie, { type: "claim" });
    expect(claimEarly.status).toBe(403);
    expect(
      ((await (await step(coordinator, { type: "claim" })).json()) as Problem).errors[0]!.message,
    ).toContain("stattgefunden");
    ctx.clock.set(new Date("2026-03-10T10:30:00Z"));
    coordinator = await sessionCookieFor(ctx.services, tenantId, coordinatorId);
    for (const body of [{ type: "hold", minutes: 50 }, { type: "claim" }, { type: "settle" }]) {
      expect((await step(coordinator, body)).status).toBe(200);
    }
    const done = (await (
      await api(`/mediation-requests/${requestId}`, { cookie: coordinator })
    ).json()) as Req & {
      heldMinutes: number;
    };
    expect(done).toMatchObject({ state: "settled", heldMinutes: 50, volunteerName: "Amina Warsame" });
  });

  it("refuses an overlapping offer and one whose certificate has expired on the day", async () => {
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
    coordinator = await sessionCookieFor(ctx.services, tenantId, coordinatorId);
    const book = async (over: Record<string, unknown>) =>
      (await (
        await api("/mediation-requests", { method: "POST", cookie: coordinator, json: booking(over) })
      ).json()) as Req;
    const first = await book({ date: "2026-03-17", startTime: "10:00" });
    const overlapping = await book({ date: "2026-03-17", startTime: "10:30" });
    const offer = (r: Req) =>
      api(`/mediation-requests/${r.id}/events`, {
        method: "POST",
        cookie: coordinator,
        json: { type: "offer", volunteerId, version: r.version },
      });
    // 2026-03-17 is a Tuesday, inside the police clearance (until 2026-03-31); 2026-04-07 is not.
    expect((await offer(first)).status).toBe(200);
    const clash = await offer(overlapping);
    expect(clash.status).toBe(422);
    expect(((await clash.json()) as Problem).errors[0]).toMatchObject({
      field: "volunteerId",
      code: "volunteers_unfit",
    });
    const april = await book({ date: "2026-04-07", startTime: "09:00" });
    const expired = await offer(april);
    expect(((await expired.json()) as Problem).errors[0]!.message).toContain("abgelaufen");
  });

  it("erases a volunteer: the profile goes, the requests stay without them", async () => {
    const erased = await api(`/volunteers/${volunteerId}`, { method: "DELETE", cookie: coordinator });
    expect(((await erased.json()) as { requestsUnlinked: number }).requestsUnlinked).toBe(2);
    expect((await api(`/volunteers/${volunteerId}`, { cookie: coordinator })).status).toBe(404);
    const list = (await (await api("/mediation-requests", { cookie: coordinator })).json()) as {
      items: Req[];
    };
    expect(list.items.every((r) => r.volunteerId !== volunteerId)).toBe(true);
    // The profile's audit entries keep that something happened, no longer what.
    const entries = await ctx.services.audit.list(
      tenantId,
      { entityType: "volunteer", entityId: volunteerId },
      { limit: 20, offset: 0 },
    );
    expect(entries.find((e) => e.action === "create")?.changes).toBeNull();
    expect(entries.find((e) => e.action === "erase")?.changes).not.toBeNull();
  });
});
