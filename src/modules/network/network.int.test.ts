// Bodies, meetings, invitation with iCal, decisions, action items, minutes and the follow-up,
// through the real HTTP API on the demo tenant (PGlite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ORGANIZATIONS, DEMO_PLACES } from "#app/modules/demo/directory-content.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;
let caseWorker: string;

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  const b = await createUserWithRole(ctx.services, tenantId, "board_member");
  board = await sessionCookieFor(ctx.services, tenantId, b.user.id);
  const w = await createUserWithRole(ctx.services, tenantId, "case_worker");
  caseWorker = await sessionCookieFor(ctx.services, tenantId, w.user.id);
});
afterAll(() => ctx.close());

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

describe("bodies and members", () => {
  it("creates a body and refuses a member whose term has ended, at the end date", async () => {
    const created = await api("/network/bodies", coordinator, "POST", {
      name: "Integrationsrat",
      kind: "integration_council",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Integrationsrat",
      kind: "integration_council",
      members: [],
      publicBody: true,
    });
    const id = created.body.id;
    const ended = await api(`/network/bodies/${id}/members`, coordinator, "POST", {
      name: "Ehemaliges Mitglied",
      role: "member",
      termStart: "2020-01-01",
      termEnd: "2025-12-31",
    });
    expect(ended.status).toBe(422);
    expect(fieldCodes(ended.body)).toEqual(["termEnd:network_term_ended"]);
    expect(ended.body.errors[0].message).toContain("Amtszeit");
    const ok = await api(`/network/bodies/${id}/members`, coordinator, "POST", {
      name: "Vertretung Caritas",
      role: "guest",
      votingRight: true,
      organizationId: DEMO_ORGANIZATIONS.find((o) => o.key === "caritas")!.id,
      termEnd: "2027-12-31",
    });
    expect(ok.status).toBe(201);
    // A guest never votes, whatever was sent.
    expect(ok.body).toMatchObject({ role: "guest", votingRight: false, active: true });
    const unknownOrg = await api(`/network/bodies/${id}/members`, coordinator, "POST", {
      name: "X",
      role: "member",
      organizationId: "0190a0a0-0000-7000-8000-000000000000",
    });
    expect(fieldCodes(unknownOrg.body)).toEqual(["organizationId:network_unknown_reference"]);
  });

  it("lets a board member read but not change; a case worker does not see bodies", async () => {
    expect((await api("/network/bodies", board)).status).toBe(200);
    expect((await api("/network/bodies", board, "POST", { name: "X", kind: "round_table" })).status).toBe(
      403,
    );
    expect((await api("/network/bodies", caseWorker)).status).toBe(403);
  });

  it("pages the bodies by name and a body's meetings by date, each row once (decision 122)", async () => {
    const first = await api("/network/bodies?limit=3", board);
    const total = first.body.total as number;
    expect(total).toBeGreaterThanOrEqual(8);
    const names: string[] = [];
    for (let offset = 0; offset < total; offset += 3) {
      const page = await api(`/network/bodies?limit=3&offset=${offset}`, board);
      expect(page.body.total).toBe(total);
      names.push(...page.body.items.map((b: Json) => b.name));
    }
    expect(names).toHaveLength(total);
    expect(new Set(names).size).toBe(total);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(fieldCodes((await api("/network/bodies?limit=500", board)).body)).toEqual(["limit:too_big"]);

    const steering = (await ctx.services.network.bodies(tenantId)).find(
      (b) => b.name === "Lenkungsgruppe Lüner Dialog",
    )!;
    const body = (await api(`/network/bodies/${steering.id}`, board)).body;
    expect(body.meetingsTotal).toBeGreaterThanOrEqual(1);
    const starts: string[] = [];
    for (let offset = 0; offset < body.meetingsTotal; offset++) {
      const page = await api(`/network/bodies/${steering.id}/meetings?limit=1&offset=${offset}`, board);
      expect(page.body.total).toBe(body.meetingsTotal);
      starts.push(page.body.items[0].startsAt);
    }
    expect(starts).toEqual(body.meetings.map((m: Json) => m.startsAt));
    expect((await api("/network/bodies/0190a0a0-0000-7000-8000-000000000000/meetings", board)).status).toBe(
      404,
    );
  });
});

describe("a meeting from invitation to published minutes", () => {
  let bodyId: string;
  let meetingId: string;
  let members: Json[];

  beforeAll(async () => {
    const b = await api("/network/bodies", coordinator, "POST", {
      name: "Runder Tisch Königsborn",
      kind: "round_table",
    });
    bodyId = b.body.id;
    const add = (name: string, email: string, language: string, role = "member") =>
      api(`/network/bodies/${bodyId}/members`, coordinator, "POST", {
        name,
        email,
        language,
        role,
        votingRight: true,
      });
    members = [
      (await add("Vorsitz Runder Tisch", "vorsitz@example.org", "de", "chair")).body,
      (await add("Vertretung Moscheeverein", "moschee@example.org", "tr")).body,
      (await add("Schulsozialarbeit", "schule@example.org", "ar")).body,
    ];
  });

  it("schedules with agenda, refuses a meeting without place or online address", async () => {
    const none = await api(`/network/bodies/${bodyId}/meetings`, coordinator, "POST", {
      title: "Sitzung",
      startsAt: "2026-03-20T18:00",
    });
    expect(fieldCodes(none.body)).toEqual(["placeId:network_location_required"]);
    const m = await api(`/network/bodies/${bodyId}/meetings`, coordinator, "POST", {
      title: "Frühjahrssitzung",
      startsAt: "2026-03-20T18:00",
      endsAt: "2026-03-20T20:00",
      placeId: DEMO_PLACES[0]!.id,
      agenda: [
        { number: "1", title: "Leseprojekt", public: true },
        { number: "2", title: "Einzelfall einer Familie", public: false },
      ],
    });
    expect(m.status).toBe(201);
    // The wall time is read in Europe/Berlin (UTC+1 in March).
    expect(m.body.startsAt).toBe("2026-03-20T17:00:00.000Z");
    meetingId = m.body.id;
  });

  it("sends the invitation in each member's language with an iCal attachment", async () => {
    const before = (await api(`/network/meetings/${meetingId}`, coordinator)).body;
    const sent = await api(`/network/meetings/${meetingId}/invitation`, coordinator, "POST", {
      version: before.version,
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ invited: 3, meeting: { state: "invited" } });
    const admin: Principal = {
      userId: "00000000-0000-7000-8000-000000000001",
      tenantId,
      sessionId: "test",
      grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const { items } = await ctx.services.mail.list(admin, { limit: 50, offset: 0 });
    const byTo = async (to: string) => ctx.services.mail.get(admin, items.find((i) => i.to === to)!.id);
    const tr = await byTo("moschee@example.org");
    expect(tr.subject).toContain("Davet");
    expect(tr.text).toContain("Gündem");
    // The non-public item is on the members' agenda, marked as such in their language.
    expect(tr.text).toContain("2. Einzelfall einer Familie (kamuya kapalı)");
    const ics = tr.attachments![0]!;
    expect(ics.contentType).toContain("text/calendar");
    expect(ics.content).toContain("METHOD:REQUEST");
    expect(ics.content).toContain(`UID:${meetingId}@lotse`);
    expect(ics.content).toContain("DTSTART:20260320T170000Z");
    expect(ics.content).toContain("Café Chili");
    expect((await byTo("schule@example.org")).subject).toContain("دعوة");
    expect((await byTo("vorsitz@example.org")).subject).toContain("Einladung");
  });

  it("refuses the invitation of a meeting in the past", async () => {
    const past = await api(`/network/bodies/${bodyId}/meetings`, coordinator, "POST", {
      title: "Nachträglich erfasst",
      startsAt: "2026-02-10T18:00",
      onlineUrl: "https://meet.example.org/rt",
    });
    const r = await api(`/network/meetings/${past.body.id}/invitation`, coordinator, "POST", {
      version: past.body.version,
    });
    expect(r.status).toBe(422);
    expect(fieldCodes(r.body)).toEqual(["startsAt:network_meeting_in_past"]);
  });

  it("records decisions and action items with their rules", async () => {
    let m = (await api(`/network/meetings/${meetingId}`, coordinator)).body;
    const [item1, item2] = m.agenda;
    m = (
      await api(`/network/meetings/${meetingId}/attendance`, coordinator, "PUT", {
        version: m.version,
        memberIds: [members[0].id, members[1].id],
      })
    ).body;
    expect(m.state).toBe("held");
    const tooMany = await api(`/network/meetings/${meetingId}/decisions`, coordinator, "POST", {
      version: m.version,
      agendaItemId: item1.id,
      text: "Das Leseprojekt wird fortgesetzt.",
      votesYes: 2,
      votesNo: 1,
    });
    expect(tooMany.status).toBe(422);
    expect(fieldCodes(tooMany.body)).toEqual(["votesYes:network_votes_exceed_present"]);
    expect(tooMany.body.errors[0].message).toContain("(2)");
    const noOwner = await api(`/network/meetings/${meetingId}/action-items`, coordinator, "POST", {
      version: m.version,
      agendaItemId: item1.id,
      title: "Lesepaten gewinnen",
      owner: "  ",
    });
    expect(noOwner.status).toBe(422);
    expect(fieldCodes(noOwner.body)).toEqual(["owner:required"]);
    const measure = await api(`/network/meetings/${meetingId}/action-items`, coordinator, "POST", {
      version: m.version,
      agendaItemId: item1.id,
      title: "Lesepaten gewinnen",
      owner: "Caritas",
      measureId: "0190a0a0-0000-7000-8000-000000000000",
    });
    // No strategy module wired yet: a measure link cannot be checked, so it is refused.
    expect(fieldCodes(measure.body)).toEqual(["measureId:network_measure_unknown"]);
    m = (
      await api(`/network/meetings/${meetingId}/decisions`, coordinator, "POST", {
        version: m.version,
        agendaItemId: item1.id,
        text: "Das Leseprojekt wird fortgesetzt.",
        votesYes: 2,
        votesNo: 0,
      })
    ).body;
    m = (
      await api(`/network/meetings/${meetingId}/action-items`, coordinator, "POST", {
        version: m.version,
        agendaItemId: item1.id,
        title: "Lesepaten gewinnen",
        owner: "Caritas",
        dueDate: "2026-02-27",
      })
    ).body;
    m = (
      await api(`/network/meetings/${meetingId}/action-items`, coordinator, "POST", {
        version: m.version,
        agendaItemId: item2.id,
        title: "Hilfeplan abstimmen",
        owner: "Jugendamt",
        dueDate: "2026-04-30",
      })
    ).body;
    expect(m.agenda[0].decisions).toHaveLength(1);
    expect(m.agenda[0].actionItems[0]).toMatchObject({ owner: "Caritas", status: "open" });
  });

  it("gives the second of two secretaries saving the minutes a conflict", async () => {
    const m = (await api(`/network/meetings/${meetingId}`, coordinator)).body;
    const items = [{ agendaItemId: m.agenda[0].id, discussion: "Erste Fassung" }];
    const first = await api(`/network/meetings/${meetingId}/minutes`, coordinator, "PUT", {
      version: m.version,
      items,
    });
    expect(first.status).toBe(200);
    const second = await api(`/network/meetings/${meetingId}/minutes`, coordinator, "PUT", {
      version: m.version,
      items: [{ agendaItemId: m.agenda[0].id, discussion: "Zweite Fassung" }],
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("version_conflict");
    expect((await api(`/network/meetings/${meetingId}`, coordinator)).body.agenda[0].discussion).toBe(
      "Erste Fassung",
    );
  });

  it("takes the minutes through comments to published; closed minutes refuse changes", async () => {
    let m = (await api(`/network/meetings/${meetingId}`, coordinator)).body;
    const early = await api(`/network/meetings/${meetingId}/comments`, board, "POST", { text: "Zu früh" });
    expect(fieldCodes(early.body)).toEqual(["text:network_comments_closed"]);
    m = (
      await api(`/network/meetings/${meetingId}/minutes/state`, coordinator, "PUT", {
        version: m.version,
        state: "comments",
      })
    ).body;
    const c = await api(`/network/meetings/${meetingId}/comments`, board, "POST", {
      text: "Bitte Punkt 1 ergänzen.",
    });
    expect(c.status).toBe(200);
    expect(c.body.comments[0]).toMatchObject({ text: "Bitte Punkt 1 ergänzen." });
    const skip = await api(`/network/meetings/${meetingId}/minutes/state`, coordinator, "PUT", {
      version: c.body.version,
      state: "published",
    });
    expect(fieldCodes(skip.body)).toEqual(["state:network_minutes_transition"]);
    m = (
      await api(`/network/meetings/${meetingId}/minutes/state`, coordinator, "PUT", {
        version: c.body.version,
        state: "approved",
      })
    ).body;
    const late = await api(`/network/meetings/${meetingId}/minutes`, coordinator, "PUT", {
      version: m.version,
      items: [],
    });
    expect(fieldCodes(late.body)).toEqual(["_:network_minutes_closed"]);
    m = (
      await api(`/network/meetings/${meetingId}/minutes/state`, coordinator, "PUT", {
        version: m.version,
        state: "published",
      })
    ).body;
    expect(m.minutesState).toBe("published");
  });

  it("lists open action items across bodies, overdue first, until they are done", async () => {
    const open = (await api("/network/action-items/open?limit=500", board)).body;
    expect(open.total).toBe(open.items.length);
    const overdue = open.items.filter((x: Json) => x.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    // Every overdue item comes before every item that is not.
    const firstNotOverdue = open.items.findIndex((x: Json) => !x.overdue);
    expect(open.items.slice(firstNotOverdue).some((x: Json) => x.overdue)).toBe(false);
    const dues = open.items.map((x: Json) => x.dueDate).filter(Boolean);
    expect(dues).toEqual([...dues].sort());
    const lese = open.items.find((x: Json) => x.title === "Lesepaten gewinnen");
    expect(lese).toMatchObject({ overdue: true, bodyName: "Runder Tisch Königsborn" });
    const done = await api(`/network/action-items/${lese.id}/status`, coordinator, "PUT", {
      version: lese.version,
      status: "done",
    });
    expect(done.body.status).toBe("done");
    const stale = await api(`/network/action-items/${lese.id}/status`, coordinator, "PUT", {
      version: lese.version,
      status: "open",
    });
    expect(stale.status).toBe(409);
    const after = (await api("/network/action-items/open?limit=500", board)).body;
    expect(after.total).toBe(open.total - 1);
    expect(after.items.some((x: Json) => x.id === lese.id)).toBe(false);
  });
});
