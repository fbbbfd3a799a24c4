// Members' personal data (decision 061): need-to-know for mail addresses, audited reads once
// each, retention by the daily run, erasure on request with counts (PGlite and PostgreSQL).
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { action as erasureAction, loader as erasureLoader } from "#app/app/routes/staff/network/erasure.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { monthsBefore } from "./privacy.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;
let dpo: string;
let bodyId: string;
const ids: Record<"a" | "b" | "c" | "d", string> = { a: "", b: "", c: "", d: "" };

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
const cookieFor = async (role: "coordinator" | "board_member" | "data_protection_officer") =>
  sessionCookieFor(ctx.services, tenantId, (await createUserWithRole(ctx.services, tenantId, role)).user.id);

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const net = ctx.services.network;
  const system = { kind: "system" as const, tenantId };
  bodyId = (
    await net.createBody(system, {
      name: "Datenschutz-Runde",
      kind: "round_table",
      areaId: null,
      fieldsOfAction: [],
      publicBody: true,
    })
  ).id;
  const add = (name: string, termEnd: string | null, publicConsent = false) =>
    net.addMember(system, bodyId, {
      name,
      email: `${name.toLowerCase()}@example.org`,
      language: "de",
      role: "member",
      votingRight: true,
      organizationId: null,
      termStart: null,
      termEnd,
      publicConsent,
    });
  ids.a = (await add("Anna", "2026-06-30", true)).id;
  ids.b = (await add("Bernd", "2026-06-30")).id;
  ids.c = (await add("Cem", null)).id;
  ids.d = (await add("Dora", "2026-06-30")).id;
  // Anna (named publicly) and Dora (not) attend a meeting whose minutes are published, Bernd one
  // whose minutes are not.
  const meeting = (startsAt: string) =>
    net.scheduleMeeting(system, bodyId, {
      title: "Sitzung",
      startsAt,
      endsAt: null,
      placeId: null,
      onlineUrl: "https://meet.example.org/runde",
      agenda: [],
    });
  const m1 = await meeting("2026-03-10T18:00");
  const m2 = await meeting("2026-03-11T18:00");
  ctx.clock.set(new Date("2026-03-12T09:00:00Z"));
  let v = (await net.setAttendance(system, m1.id, { version: m1.version, memberIds: [ids.a, ids.d] }))
    .version;
  await net.setAttendance(system, m2.id, { version: m2.version, memberIds: [ids.b] });
  for (const state of ["comments", "approved", "published"] as const)
    v = (await net.moveMinutes(system, m1.id, { version: v, state })).version;
  // Sessions are made at the clock's time (they expire when it moves on).
  coordinator = await cookieFor("coordinator");
  board = await cookieFor("board_member");
});
afterAll(() => ctx.close());

/** The erasure page's loader and action as the data-protection officer calls them. */
async function erasurePage(officer: Principal) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-erasure-page",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal: officer,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const page = `${TEST_BASE_URL}/staff/network/erasure`;
  const args = (request: Request) => ({
    context,
    request,
    url: new URL(page),
    pattern: "/staff/network/erasure",
    params: {},
  });
  return {
    load: (q: Record<string, string>) =>
      erasureLoader(args(new Request(`${page}?${new URLSearchParams(q)}`))),
    post: (fields: Record<string, string>) =>
      erasureAction(args(new Request(page, { method: "POST", body: new URLSearchParams(fields) }))),
  };
}

const members = async () => (await api(`/network/bodies/${bodyId}`, coordinator)).body.members as Json[];

describe("members' personal data", () => {
  it("shows mail addresses only to those who invite, and audits each read once", async () => {
    const asCoordinator = await members();
    expect(asCoordinator.find((m) => m.id === ids.a).email).toBe("anna@example.org");
    const asBoard = (await api(`/network/bodies/${bodyId}`, board)).body.members as Json[];
    expect(asBoard).toHaveLength(4);
    expect(asBoard.every((m) => m.email === null)).toBe(true);
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityType: "network_body", entityId: bodyId, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(2);
    expect(JSON.stringify(reads[0]!.changes)).toContain(ids.c);
  });

  it("clears contact data a year after the term, deletes members after three years unless in published minutes", async () => {
    ctx.clock.set(new Date("2027-07-15T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    const first = await ctx.services.network.privacy.retention(tenantId);
    expect(first.contactsCleared).toBeGreaterThanOrEqual(2);
    let after = await members();
    expect(after.map((m) => [m.name, m.email])).toEqual([
      ["Anna", null],
      ["Bernd", null],
      ["Cem", "cem@example.org"],
      ["Dora", null],
    ]);
    ctx.clock.set(new Date("2029-07-15T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    dpo = await cookieFor("data_protection_officer");
    const second = await ctx.services.network.privacy.retention(tenantId);
    expect(second.membersDeleted).toBeGreaterThanOrEqual(1);
    after = await members();
    // Anna stays in the published attendance list (a public record that names her); Bernd is
    // gone, and so is Dora: the published minutes count her without her name (decision 122).
    expect(after.map((m) => m.name)).toEqual(["Anna", "Cem"]);
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "retention_delete", entityType: "network_member" },
      { limit: 10, offset: 0 },
    );
    expect(entries.length).toBeGreaterThanOrEqual(1);
    // The audit entries about Bernd keep ids only.
    const aboutBernd = await ctx.services.audit.list(tenantId, { entityId: ids.b }, { limit: 10, offset: 0 });
    expect(JSON.stringify(aboutBernd)).not.toContain("round_table");
  });

  it("lets the data-protection officer find a member by name, see what goes, and erase them on the page", async () => {
    const { user } = await createUserWithRole(ctx.services, tenantId, "data_protection_officer");
    const { load, post } = await erasurePage({
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role: "data_protection_officer", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    });
    const found = await load({ member: "anna" });
    expect(found.members).toEqual([
      expect.objectContaining({
        id: ids.a,
        name: "Anna",
        bodyName: "Datenschutz-Runde",
        hasEmail: false,
        attendance: 1,
        publishedAttendance: 1,
      }),
    ]);
    // Each member shown is an audited read; too short a name is a field error.
    const reads = await ctx.services.audit.list(
      tenantId,
      { action: "read", entityType: "network_member", entityId: ids.a },
      { limit: 5, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    expect((await load({ member: "an" })).memberErrors?.fields.member).toBeTruthy();
    // Without the confirmation nothing goes.
    const refused = (await post({ intent: "member", id: ids.a })) as unknown as {
      data: Json;
      init: { status: number };
    };
    expect(refused.init.status).toBe(422);
    expect(refused.data.errors.fields.confirm).toBeTruthy();
    expect(await post({ intent: "member", id: ids.a, confirm: "on" })).toEqual({
      ok: true,
      intent: "member",
      erased: 1,
      attendance: 1,
    });
    expect((await load({ member: "Anna" })).members).toEqual([]);
    expect((await members()).map((m) => m.name)).toEqual(["Cem"]);
    const entry = await ctx.services.audit.list(
      tenantId,
      { action: "erase", entityId: ids.a },
      { limit: 5, offset: 0 },
    );
    expect(entry[0]!.changes).toEqual({
      members: { old: 1, new: 0 },
      attendance: { old: 1, new: 0 },
    });
  });

  it("erases a member on request with counts; only the data-protection officer may", async () => {
    expect((await api(`/network/members/${ids.c}`, coordinator, "DELETE")).status).toBe(403);
    const erased = await api(`/network/members/${ids.c}`, dpo, "DELETE");
    expect(erased).toEqual({ status: 200, body: { members: 1, attendance: 0 } });
    expect(await members()).toEqual([]);
    expect((await api(`/network/members/${ids.c}`, dpo, "DELETE")).status).toBe(404);
    const entry = await ctx.services.audit.list(
      tenantId,
      { action: "erase", entityId: ids.c },
      { limit: 5, offset: 0 },
    );
    expect(entry[0]!.changes).toEqual({
      members: { old: 1, new: 0 },
      attendance: { old: 0, new: 0 },
    });
  });

  it("computes the cut-off days", () => {
    expect(monthsBefore("2027-07-15", 12)).toBe("2026-07-15");
    expect(monthsBefore("2029-07-15", 36)).toBe("2026-07-15");
  });
});

describe("participation contributions and minutes comments (decision 101)", () => {
  const system = () => ({ kind: "system" as const, tenantId });
  let eventId: string;
  let adoptedId: string;
  let agendaItemId: string;
  let token: string;
  let publicId: string;
  let meetingId: string;

  beforeAll(async () => {
    const net = ctx.services.network;
    // The clock stands at 2029-07-15 after the members' tests.
    const meeting = await net.scheduleMeeting(system(), bodyId, {
      title: "Auswertung Bürgerforum",
      startsAt: "2029-07-10T18:00",
      endsAt: null,
      placeId: null,
      onlineUrl: "https://meet.example.org/runde",
      agenda: [{ number: "1", title: "Anregungen aus dem Forum", public: true }],
    });
    meetingId = meeting.id;
    agendaItemId = (await api(`/network/meetings/${meetingId}`, coordinator)).body.agenda[0].id;
    const ev = await net.createEvent(system(), {
      title: "Bürgerforum Datenschutz",
      format: "world_cafe",
      description: "",
      targetGroups: [],
      languages: ["de"],
      interpreters: [],
      startsAt: "2029-07-01T17:00",
      endsAt: null,
      placeId: null,
      onlineUrl: "https://meet.example.org/forum",
      published: true,
      acceptsContributions: true,
    });
    eventId = ev.id;
    const staff = await net.recordContribution(system(), eventId, {
      text: "Frau Yilmaz aus der Bahnhofstraße wünscht ein Elterncafé.",
      fieldOfActionId: null,
    });
    let v = (
      await net.moveContribution(system(), staff.id, {
        ...noLinks,
        version: staff.version,
        state: "examined",
      })
    ).version;
    v = (
      await net.moveContribution(system(), staff.id, {
        ...noLinks,
        version: v,
        state: "adopted",
        agendaItemId,
      })
    ).version;
    await net.publishContribution(system(), staff.id, { version: v, published: true });
    adoptedId = staff.id;
    const sent = await net.submitContribution(
      tenantId,
      eventId,
      { text: "Mehr Abendkurse", fieldOfActionId: null, consent: true },
      { language: "de", clientIp: "203.0.113.9" },
    );
    token = sent.trackingToken!;
    const listed = (await api(`/network/events/${eventId}`, coordinator)).body.contributions as Json[];
    publicId = listed.find((c) => c.source === "public").id;
  });

  const noLinks = { reason: null, agendaItemId: null, actionItemId: null };

  it("erases a contribution's text on request: the sender's link goes, what it became stays", async () => {
    expect((await api(`/network/contributions/${adoptedId}/erase`, coordinator, "POST")).status).toBe(403);
    const erased = await api(`/network/contributions/${adoptedId}/erase`, dpo, "POST");
    expect(erased).toEqual({ status: 200, body: { contributions: 1 } });
    const after = (await api(`/network/events/${eventId}`, coordinator)).body.contributions as Json[];
    const c = after.find((x) => x.id === adoptedId);
    expect(c).toMatchObject({ text: "", state: "adopted", agendaItemId, published: false });
    expect(c.erasedAt).not.toBeNull();
    expect(JSON.stringify(await ctx.services.network.publicSite.event(tenantId, eventId))).not.toContain(
      "Yilmaz",
    );
    // Publishing it again is refused: there is nothing left to show.
    const again = await api(`/network/contributions/${adoptedId}/published`, coordinator, "PUT", {
      version: c.version,
      published: true,
    });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ field: "published", code: "network_contribution_erased" });
    // A second request finds nothing more; an unknown id is a 404.
    expect((await api(`/network/contributions/${adoptedId}/erase`, dpo, "POST")).body).toEqual({
      contributions: 0,
    });
    expect((await api(`/network/contributions/${eventId}/erase`, dpo, "POST")).status).toBe(404);
    const entry = await ctx.services.audit.list(
      tenantId,
      { action: "erase", entityId: adoptedId },
      { limit: 5, offset: 0 },
    );
    expect(entry).toHaveLength(1);
    expect(JSON.stringify(entry)).not.toContain("Yilmaz");
  });

  it("lets the data-protection officer find a contribution by its link or text and erase it on the page", async () => {
    const { user } = await createUserWithRole(ctx.services, tenantId, "data_protection_officer");
    const officer: Principal = {
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role: "data_protection_officer", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const page = await erasurePage(officer);
    const load = (q: string) => page.load({ q });
    // The sender's tracking link, as they kept it, finds their contribution.
    const byLink = await load(`${TEST_BASE_URL}/de/contributions/${token}`);
    expect(byLink.matches?.map((m) => m.id)).toEqual([publicId]);
    expect(byLink.matches?.[0]).toMatchObject({
      text: "Mehr Abendkurse",
      eventTitle: "Bürgerforum Datenschutz",
    });
    const reads = await ctx.services.audit.list(
      tenantId,
      { action: "read", entityType: "network_contribution", entityId: publicId },
      { limit: 5, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    // Too short a piece is a field error, not a search over everything.
    expect((await load("ab")).errors?.fields.q).toBeTruthy();
    // A piece of text; LIKE wildcards in it are taken literally.
    const staff = await ctx.services.network.recordContribution(system(), eventId, {
      text: "Herr K. (Tel. 0231 5550) bittet um 100% mehr Sprechstunden.",
      fieldOfActionId: null,
    });
    expect((await load("100%")).matches?.map((m) => m.id)).toEqual([staff.id]);
    expect((await load("1_0")).matches).toEqual([]);
    const post = page.post;
    // Without the confirmation nothing is erased.
    const refused = (await post({ id: staff.id })) as unknown as { data: Json; init: { status: number } };
    expect(refused.init.status).toBe(422);
    expect(refused.data.errors.fields.confirm).toBeTruthy();
    expect((await load("Sprechstunden")).matches).toHaveLength(1);
    expect(await post({ id: staff.id, confirm: "on" })).toEqual({
      ok: true,
      intent: "contribution",
      erased: 1,
    });
    expect((await load("Sprechstunden")).matches).toEqual([]);
    const row = (await api(`/network/events/${eventId}`, coordinator)).body.contributions.find(
      (c: Json) => c.id === staff.id,
    );
    expect(row).toMatchObject({ text: "", state: "received" });
    // Only the data-protection officer: a coordinator's search is refused.
    const { user: coord } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    await expect(
      ctx.services.network.privacy.findContributions(
        {
          ...officer,
          userId: coord.id,
          grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
        },
        { q: "Abendkurse" },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("erases texts three years after the event and comments a year after approved minutes", async () => {
    const net = ctx.services.network;
    expect(await net.publicSite.track(tenantId, token)).not.toBeNull();
    // Minutes out for comments, one comment, then approved.
    let v = (await net.setAttendance(system(), meetingId, { version: 1, memberIds: [] as string[] })).version;
    v = (await net.moveMinutes(system(), meetingId, { version: v, state: "comments" })).version;
    const said = await api(`/network/meetings/${meetingId}/comments`, coordinator, "POST", {
      text: "Bitte Punkt 1 ergänzen.",
    });
    expect(said.status).toBe(200);
    await net.moveMinutes(system(), meetingId, { version: v, state: "approved" });
    const comments = async () =>
      (await api(`/network/meetings/${meetingId}`, coordinator)).body.comments as Json[];
    expect(await comments()).toHaveLength(1);

    ctx.clock.set(new Date("2030-08-01T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    const year = await net.privacy.retention(tenantId);
    expect(year.commentsDeleted).toBe(1);
    expect(await comments()).toEqual([]);
    expect(await net.publicSite.track(tenantId, token)).not.toBeNull();

    ctx.clock.set(new Date("2032-07-02T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    const later = await net.privacy.retention(tenantId);
    expect(later.contributionsErased).toBeGreaterThanOrEqual(1);
    const rows = (await api(`/network/events/${eventId}`, coordinator)).body.contributions as Json[];
    expect(rows.find((c) => c.id === publicId)).toMatchObject({ text: "", state: "received" });
    expect(rows.find((c) => c.id === adoptedId)).toMatchObject({ state: "adopted", agendaItemId });
    expect(await net.publicSite.track(tenantId, token)).toBeNull();
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "retention_erase_text", entityType: "network_contribution" },
      { limit: 10, offset: 0 },
    );
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });
});
