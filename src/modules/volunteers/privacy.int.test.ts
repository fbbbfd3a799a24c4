import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "#app/server/db/schema.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
let coordinator: Principal;
let coordinatorCookie: string;
let dpoCookie: string;
let volunteerCookie: string;
let orgId: string;

const principalOf = (userId: string, role: string): Principal => ({
  userId,
  tenantId,
  sessionId: "test",
  grants: [{ role: role as Principal["grants"][number]["role"], scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

beforeAll(async () => {
  // Monday 2026-03-02, 10:00 in Unna.
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna", name: "Kreis Unna", kind: "county" })).id;
  const c = await createUserWithRole(ctx.services, tenantId, "volunteer_coordinator");
  coordinator = principalOf(c.user.id, "volunteer_coordinator");
  coordinatorCookie = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  const d = await createUserWithRole(ctx.services, tenantId, "data_protection_officer");
  dpoCookie = await sessionCookieFor(ctx.services, tenantId, d.user.id);
  const v = await createUserWithRole(ctx.services, tenantId, "volunteer");
  volunteerCookie = await sessionCookieFor(ctx.services, tenantId, v.user.id);
  const [org] = await ctx.handle.db
    .insert(organizations)
    .values({ tenantId, name: "Kita Sonnenblume", status: "published", email: "kita@example.org" })
    .returning();
  orgId = org!.id;
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

const certs = [
  { kind: "training", issuedOn: "2025-05-10", validUntil: null },
  { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
  { kind: "police_clearance", issuedOn: "2025-04-01", validUntil: "2030-03-31", result: "clear" },
] as const;
const profile = (name: string, status: "active" | "inactive" | "applicant" = "active") => ({
  name,
  userId: null,
  email: `${name.split(" ")[0]!.toLowerCase()}@example.org`,
  phone: null,
  uiLanguage: "ar" as const,
  status,
  languages: [{ code: "so", level: "native" as const, oral: true, written: true }],
  areas: ["Unna"],
  modes: ["on_site" as const, "phone" as const],
  settings: ["kita" as const, "school" as const],
  travelMode: null,
  certificates: [...certs],
  availability: [{ weekday: 2, from: 8 * 60, to: 14 * 60 }],
  absences: [],
});
const admin = () => principalOf("00000000-0000-7000-8000-000000000001", "admin");
const mails = async () => {
  const { items } = await ctx.services.mail.list(admin(), { limit: 100, offset: 0 });
  return items;
};

describe("volunteer pool: booking links, Art. 15, Art. 17 and retention", () => {
  let token: string;
  let linkId: string;

  it("issues a booking link for a directory organization's contact and mails it", async () => {
    expect((await api("/mediation-links", { cookie: volunteerCookie })).status).toBe(403);
    const bad = await api("/mediation-links", {
      method: "POST",
      cookie: coordinatorCookie,
      json: {
        organizationId: "00000000-0000-7000-8000-00000000dead",
        contactName: "X",
        contactEmail: "x@example.org",
      },
    });
    expect(bad.status).toBe(422);
    const res = await api("/mediation-links", {
      method: "POST",
      cookie: coordinatorCookie,
      json: {
        organizationId: orgId,
        contactName: "Frau Beispiel",
        contactEmail: "leitung@example.org",
        language: "ar",
      },
    });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { id: string; token: string; url: string; institutionName: string };
    expect(link.institutionName).toBe("Kita Sonnenblume");
    expect(link.url).toContain(`/ar/mediation/${link.token}`);
    token = link.token;
    linkId = link.id;
    const mail = (await mails()).find((m) => m.to === "leitung@example.org");
    expect(mail?.subject).toContain("رابط الحجز");
    const listed = (await (await api("/mediation-links", { cookie: coordinatorCookie })).json()) as object[];
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("books through the link with the pool's rules per field, once per form token", async () => {
    const s = ctx.services.volunteers;
    expect(await s.linkForToken(tenantId, token)).toEqual({
      institutionName: "Kita Sonnenblume",
      contactName: "Frau Beispiel",
    });
    const form = {
      language: "so",
      mode: "phone" as const,
      setting: "kita" as const,
      topic: "Elterngespräch",
      area: null,
      date: "2026-03-10",
      startTime: "09:00",
      durationMinutes: 60,
      idempotencyKey: "form-token-0001",
    };
    await expect(
      s.bookByLink(tenantId, token, { ...form, date: "2026-03-04", setting: "court" }),
    ).rejects.toMatchObject({
      fields: [
        { field: "date", code: "volunteers_lead_time" },
        { field: "setting", code: "volunteers_setting_excluded" },
      ],
    });
    const first = await s.bookByLink(tenantId, token, form);
    const again = await s.bookByLink(tenantId, token, form);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const request = await s.getRequest(coordinator, first.id);
    expect(request).toMatchObject({
      organizationId: orgId,
      contactName: "Frau Beispiel",
      contactEmail: "leitung@example.org",
      state: "submitted",
    });
    const status = await s.linkStatus(tenantId, token);
    expect(status?.requests).toEqual([
      expect.objectContaining({ id: first.id, date: "2026-03-10", phase: "searching" }),
    ]);
    await expect(s.bookByLink(tenantId, "not-a-token", form)).rejects.toMatchObject({
      code: "invalid_token",
    });
  });

  it("mails the confirmed assignment to the mediator with an iCal event", async () => {
    const s = ctx.services.volunteers;
    const v = await s.create(coordinator, profile("Amina Warsame"));
    const [r] = (await s.linkStatus(tenantId, token))!.requests;
    let req = await s.getRequest(coordinator, r!.id);
    req = await s.applyEvent(coordinator, req.id, { type: "offer", volunteerId: v.id, version: req.version });
    req = await s.applyEvent(coordinator, req.id, { type: "accept", version: req.version });
    req = await s.applyEvent(coordinator, req.id, { type: "confirm", version: req.version });
    const confirmed = (await mails()).find(
      (m) => m.to === "amina@example.org" && m.subject.includes("2026-03-10"),
    );
    expect(confirmed).toBeDefined();
    const full = await ctx.services.mail.get(admin(), confirmed!.id);
    const ics = full.attachments?.find((a) => a.contentType.startsWith("text/calendar"));
    expect(ics?.content).toContain("BEGIN:VEVENT");
    expect(ics?.content).toContain(`UID:${req.id}@lotse`);
    // 09:00 in Unna on 10 March is 08:00 UTC; 60 minutes.
    expect(ics?.content).toContain("DTSTART:20260310T080000Z");
    expect(ics?.content).toContain("DTEND:20260310T090000Z");
    expect(ics?.content).not.toContain("leitung@example.org");
    expect((await s.linkStatus(tenantId, token))?.requests[0]?.phase).toBe("confirmed");
  });

  it("exports one volunteer's data (Art. 15), audited", async () => {
    const [v] = (await ctx.services.volunteers.list(coordinator)).filter((x) => x.name === "Amina Warsame");
    expect((await api(`/volunteers/${v!.id}/export`, { cookie: volunteerCookie })).status).toBe(403);
    const res = await api(`/volunteers/${v!.id}/export`, { cookie: dpoCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const doc = (await res.json()) as {
      volunteer: { email: string };
      assignments: { state: string }[];
      accessLog: unknown[];
    };
    expect(doc.volunteer.email).toBe("amina@example.org");
    expect(doc.assignments).toEqual([expect.objectContaining({ state: "confirmed" })]);
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "export", entityType: "volunteer", entityId: v!.id },
      { limit: 10, offset: 0 },
    );
    expect(entries).toHaveLength(1);
  });

  it("revokes a link: form and status page stop working", async () => {
    const res = await api(`/mediation-links/${linkId}/revoke`, { method: "POST", cookie: coordinatorCookie });
    expect(res.status).toBe(200);
    expect(await ctx.services.volunteers.linkForToken(tenantId, token)).toBeNull();
    expect(await ctx.services.volunteers.linkStatus(tenantId, token)).toBeNull();
    expect(
      (await api(`/mediation-links/${linkId}/revoke`, { method: "POST", cookie: coordinatorCookie })).status,
    ).toBe(404);
  });

  it("erases a volunteer on request with the counts audited", async () => {
    const v = await ctx.services.volunteers.create(coordinator, profile("Berhane Tesfay"));
    expect((await api(`/volunteers/${v.id}`, { method: "DELETE", cookie: volunteerCookie })).status).toBe(
      403,
    );
    const res = await api(`/volunteers/${v.id}`, { method: "DELETE", cookie: dpoCookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      requestsUnlinked: 0,
      tandemsUnlinked: 0,
      claimsUnlinked: 0,
      statementsUnlinked: 0,
    });
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "erase", entityType: "volunteer", entityId: v.id },
      { limit: 10, offset: 0 },
    );
    expect(entries[0]?.changes).toEqual({
      requestsUnlinked: { old: null, new: 0 },
      tandemsUnlinked: { old: null, new: 0 },
      claimsUnlinked: { old: null, new: 0 },
      statementsUnlinked: { old: null, new: 0 },
    });
    expect((await api(`/volunteers/${v.id}`, { cookie: coordinatorCookie })).status).toBe(404);
  });

  it("invites an institution account that posts its own requests, checked by the coordinator before any offer", async () => {
    const invite = (json: Record<string, unknown>) =>
      api("/volunteer-institutions/invitations", { method: "POST", cookie: coordinatorCookie, json });
    const contact = { name: "Ayşe Demir", email: "leitung@kita-sonne.example.org", language: "tr" };
    const unknown = await invite({ ...contact, organizationId: "00000000-0000-7000-8000-00000000dead" });
    expect(((await unknown.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      "organizationId",
    );
    const invited = await invite({ ...contact, organizationId: orgId });
    expect(invited.status).toBe(201);
    const { userId } = (await invited.json()) as { userId: string };
    const mail = (await mails()).find((m) => m.to === contact.email)!;
    // In the contact's language; the body (the link to choose a password) is not in the summary.
    expect(mail.subject).toContain("Kita Sonnenblume için dil aracılığı");
    const kita = await sessionCookieFor(ctx.services, tenantId, userId);

    const book = (json: Record<string, unknown>) =>
      api("/institution/mediation-requests", { method: "POST", cookie: kita, json });
    const request = {
      organizationId: orgId,
      language: "so",
      mode: "phone",
      setting: "kita",
      topic: "Elterngespräch",
      date: "2026-03-17",
      startTime: "09:00",
      durationMinutes: 60,
    };
    const other = await book({ ...request, organizationId: "00000000-0000-7000-8000-00000000beef" });
    expect(((await other.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe("invalid_choice");
    const booked = await book(request);
    expect(booked.status).toBe(201);
    const r = (await booked.json()) as { id: string; version: number; state: string; contactEmail: string };
    expect(r).toMatchObject({ state: "submitted", contactEmail: contact.email });
    const list = async () =>
      (await (await api("/institution/mediation-requests", { cookie: kita })).json()) as {
        id: string;
        version: number;
        state: string;
        awaitingApproval: boolean;
        mediator: unknown;
      }[];
    // The organization's earlier request (booked by the coordinator above) is listed beside it.
    const own = await list();
    expect(own.map((x) => x.id)).toContain(r.id);
    expect(own.find((x) => x.id === r.id)).toMatchObject({ awaitingApproval: true, mediator: null });
    expect((await api("/institution/mediation-requests", { cookie: volunteerCookie })).status).toBe(403);

    // Not offered before the coordinator checked it, neither by hand nor in the batch.
    const mediator = await ctx.services.volunteers.create(coordinator, profile("Hodan Ali") as never);
    const event = (json: Record<string, unknown>) =>
      api(`/mediation-requests/${r.id}/events`, { method: "POST", cookie: coordinatorCookie, json });
    const early = await event({ type: "offer", volunteerId: mediator.id, version: r.version });
    expect(((await early.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      "volunteers_not_approved",
    );
    const batch = (await (
      await api("/mediation-requests/matching", { cookie: coordinatorCookie })
    ).json()) as {
      proposals: { requestId: string }[];
    };
    expect(batch.proposals.map((p) => p.requestId)).not.toContain(r.id);
    expect((await event({ type: "check", version: r.version })).status).toBe(200);
    const checked = (await list()).find((x) => x.id === r.id);
    expect(checked).toMatchObject({ state: "checked", awaitingApproval: false });

    // The institution ends the engagement itself.
    const end = await api(`/institution/mediation-requests/${r.id}/events`, {
      method: "POST",
      cookie: kita,
      json: { type: "cancel", version: checked!.version },
    });
    expect(await end.json()).toMatchObject({ state: "cancelled", cancelledBy: "institution" });
  });

  it("applies the retention periods in the daily run", async () => {
    const s = ctx.services.volunteers;
    // Leaves on 2026-03-02: police clearance kept until June, the profile until March 2029.
    const leaver = await s.create(coordinator, profile("Chiara Rossi"));
    const left = await s.update(coordinator, leaver.id, {
      ...profile("Chiara Rossi", "inactive"),
      version: leaver.version,
    });
    const stays = await s.create(coordinator, profile("Dana Popescu"));
    ctx.clock.set(new Date("2026-06-03T09:00:00Z"));
    const june = await s.daily.retention(tenantId);
    expect(june.policeClearancesRemoved).toBe(1);
    expect(june.volunteersDeleted).toBe(0);
    expect((await s.get(coordinator, left.id)).certificates.map((c) => c.kind)).toEqual([
      "training",
      "confidentiality_pledge",
    ]);
    expect((await s.get(coordinator, stays.id)).certificates).toHaveLength(3);
    // A year after the conversation the contact's name and mail go; the revoked link too.
    ctx.clock.set(new Date("2027-03-11T09:00:00Z"));
    const later = await s.daily.retention(tenantId);
    expect(later).toMatchObject({ contactsRemoved: 1, linksDeleted: 1 });
    const { items } = await s.listRequests(coordinator, { page: 1 });
    // The conversation of 2026-03-10; the institution's own request of 2026-03-17 is younger.
    expect(items.find((i) => i.date === "2026-03-10")).toMatchObject({
      contactName: "",
      contactEmail: "",
      institutionName: "Kita Sonnenblume",
    });
    ctx.clock.set(new Date("2029-03-03T09:00:00Z"));
    const end = await s.daily.retention(tenantId);
    expect(end.volunteersDeleted).toBe(1);
    await expect(s.get(coordinator, left.id)).rejects.toMatchObject({ status: 404 });
    expect((await s.get(coordinator, stays.id)).name).toBe("Dana Popescu");
    const deleted = await ctx.services.audit.list(
      tenantId,
      { action: "retention_delete", entityType: "volunteer", entityId: left.id },
      { limit: 10, offset: 0 },
    );
    expect(deleted).toHaveLength(1);
  });
});
