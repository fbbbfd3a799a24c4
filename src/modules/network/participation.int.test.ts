// Participation events and contributions (issue 18 "What must work" 4, decision 077) on the demo
// tenant, on PGlite and PostgreSQL: bad input per field, the event in the public calendar and
// its iCal feed, the public form without an account (consent, honeypot, rate limit), the handling
// received → examined → adopted/declined with its link, moderation and the tracker.
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { loader as trackLoader } from "#app/app/routes/public/contribution-status.tsx";
import { loader as meetingsLoader } from "#app/app/routes/public/meetings.tsx";
import {
  action as contributeAction,
  loader as eventLoader,
} from "#app/app/routes/public/participation-event.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { DEMO_PLACES } from "#app/modules/demo/directory-content.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { scheduleMeetingInput } from "./contracts.ts";
import { PUBLIC_SUBMISSIONS_PER_HOUR } from "./participation.model.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;

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
  body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort();

async function pageArgs(
  path: string,
  params: Record<string, string>,
  opts: { lang?: Language; form?: Record<string, string>; clientIp?: string } = {},
) {
  const lang = opts.lang ?? "de";
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-participation",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal: null,
    lang,
    clientIp: opts.clientIp,
    t: createTranslator(lang, catalogs().get(lang) ?? {}, catalogs().get("de")),
  } as never);
  const url = new URL(`${TEST_BASE_URL}${path}`);
  const request = opts.form
    ? new Request(url, { method: "POST", body: new URLSearchParams(opts.form) })
    : new Request(url);
  return { context, request, url, pattern: url.pathname, params: { lang, id: "", token: "", ...params } };
}
// biome-ignore lint/suspicious/noExplicitAny: a route's data() or plain result
const unwrap = (r: any) => (r && typeof r === "object" && "data" in r ? r.data : r);

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  const b = await createUserWithRole(ctx.services, tenantId, "board_member");
  board = await sessionCookieFor(ctx.services, tenantId, b.user.id);
});
afterAll(() => ctx.close());

const forum = {
  title: "Bürgerforum Gahmen",
  format: "world_cafe",
  description: "Wie wollen wir im Stadtteil zusammenleben?",
  languages: "de, tr, ar",
  interpreters: ["tr"],
  startsAt: "2026-04-18T10:00",
  endsAt: "2026-04-18T14:00",
  placeId: DEMO_PLACES[0]!.id,
  published: true,
  acceptsContributions: true,
};

describe("participation events", () => {
  it("refuses bad input with every field named, and board members cannot create", async () => {
    const badCodes = await api("/network/events", coordinator, "POST", {
      ...forum,
      languages: ["de", "Türkisch"],
    });
    expect(fieldCodes(badCodes.body)).toEqual(["languages.1:network_language_code"]);
    const bad = await api("/network/events", coordinator, "POST", {
      ...forum,
      endsAt: "2026-04-18T09:00",
      placeId: null,
      targetGroups: ["0190a0a0-0000-7000-8000-000000000000"],
    });
    expect(bad.status).toBe(422);
    expect(fieldCodes(bad.body)).toEqual(
      [
        "endsAt:date_range",
        "placeId:network_location_required",
        "targetGroups.0:network_unknown_reference",
      ].sort(),
    );
    const denied = await api("/network/events", board, "POST", forum);
    expect(denied.status).toBe(403);
  });

  it("shows a published event in the month's calendar and in the iCal feed, an unpublished one nowhere", async () => {
    const open = await api("/network/events", coordinator, "POST", forum);
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ languages: ["de", "tr", "ar"], interpreters: ["tr"], published: true });
    const hidden = await api("/network/events", coordinator, "POST", {
      ...forum,
      title: "Interne Vorbereitung",
      published: false,
    });
    const page = await meetingsLoader(await pageArgs("/de/meetings?month=2026-04", {}));
    const day = page.days.find((d) => d.date === "2026-04-18")!;
    expect(day.events.map((e) => e.title)).toEqual(["Bürgerforum Gahmen"]);
    expect(day.events[0]!.place?.name).toBe(DEMO_PLACES[0]!.name);
    const ics = await (await ctx.app.request(`${TEST_BASE_URL}/tr/meetings.ics`)).text();
    expect(ics).toContain(`UID:${open.body.id}@lotse-participation`);
    expect(ics).toContain("Bürgerforum Gahmen");
    expect(ics).not.toContain("Interne Vorbereitung");
    await expect(
      eventLoader(await pageArgs(`/de/participation/${hidden.body.id}`, { id: hidden.body.id })),
    ).rejects.toMatchObject({ init: { status: 404 } });
  });
});

describe("contributions", () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = (
      await api("/network/events", coordinator, "POST", {
        ...forum,
        title: "Stadtteilgespräch Süd",
        format: "district_talk",
      })
    ).body.id;
  });
  const submit = async (form: Record<string, string>, clientIp = "203.0.113.7", lang: Language = "tr") =>
    unwrap(
      await contributeAction(
        await pageArgs(`/${lang}/participation/${eventId}`, { id: eventId }, { lang, form, clientIp }),
      ),
    );

  it("takes a public contribution in Turkish only with consent, per field, and drops the honeypot", async () => {
    const noConsent = await submit({ text: "" });
    expect(noConsent.ok).toBe(false);
    expect(Object.keys(noConsent.errors.fields).sort()).toEqual(["consent", "text"]);
    expect(noConsent.errors.fields.consent).toBe("Lütfen onayınızı verin.");
    const bot = await submit(
      { text: "Billige Uhren", consent: "on", website: "http://spam.example" },
      "198.51.100.9",
    );
    expect(bot).toMatchObject({ ok: true, receipt: { trackingToken: null } });
    const ok = await submit({ text: "Mehr Sprachkurse am Abend für berufstätige Eltern", consent: "on" });
    expect(ok.ok).toBe(true);
    expect(ok.receipt.trackingToken).toMatch(/^[\w-]{30,}$/);
    const view = await api(`/network/events/${eventId}`, board);
    expect(
      view.body.contributions.map((c: Json) => [c.text, c.source, c.language, c.state, c.published]),
    ).toEqual([["Mehr Sprachkurse am Abend für berufstätige Eltern", "public", "tr", "received", false]]);
    const tracked = await trackLoader(
      await pageArgs(
        `/tr/contributions/${ok.receipt.trackingToken}`,
        { token: ok.receipt.trackingToken },
        { lang: "tr" },
      ),
    );
    expect(unwrap(tracked).found.contribution).toMatchObject({ state: "received", reason: null, link: null });
    // Not yet moderated: not on the public page.
    expect(
      unwrap(await eventLoader(await pageArgs(`/de/participation/${eventId}`, { id: eventId })))
        .contributions,
    ).toEqual([]);
  });

  it("handles a contribution: declining needs a reason; adopted links to an agenda item the public can follow", async () => {
    const recorded = await api(`/network/events/${eventId}/contributions`, coordinator, "POST", {
      text: "Elterncafé in der Grundschule",
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id;
    const skip = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 1,
      state: "adopted",
    });
    expect(fieldCodes(skip.body)).toEqual(["state:network_contribution_transition"]);
    const examined = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 1,
      state: "examined",
    });
    expect(examined.body.state).toBe("examined");
    const noReason = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 2,
      state: "declined",
    });
    expect(fieldCodes(noReason.body)).toEqual(["reason:network_contribution_reason"]);
    const stale = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 1,
      state: "declined",
      reason: "x",
    });
    expect(stale.status).toBe(409);

    // A public agenda item of a public body's meeting.
    const body = (await ctx.services.network.bodies(tenantId)).find(
      (b) => b.name === "AG Arbeit und Wirtschaft",
    )!;
    const meeting = await ctx.services.network.scheduleMeeting(
      { kind: "system", tenantId },
      body.id,
      parseInput(scheduleMeetingInput, {
        title: "AG-Sitzung Mai",
        startsAt: "2026-05-05T17:00",
        onlineUrl: "https://meet.example.org/ag",
        agenda: [{ number: "3", title: "Elterncafés", public: true }],
      }),
    );
    const view = await api(`/network/meetings/${meeting.id}`, coordinator);
    const publicItem = view.body.agenda.find((a: Json) => a.number === "3")!;
    const unknown = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 2,
      state: "adopted",
      agendaItemId: "0190a0a0-0000-7000-8000-000000000000",
    });
    expect(fieldCodes(unknown.body)).toEqual(["agendaItemId:network_unknown_reference"]);
    const adopted = await api(`/network/contributions/${id}/state`, coordinator, "PUT", {
      version: 2,
      state: "adopted",
      reason: "Wird in der Lenkungsgruppe beraten.",
      agendaItemId: publicItem.id,
    });
    expect(adopted.body).toMatchObject({ state: "adopted", agendaItemId: publicItem.id });
    const published = await api(`/network/contributions/${id}/published`, coordinator, "PUT", {
      version: 3,
      published: true,
    });
    expect(published.body.published).toBe(true);
    const page = unwrap(await eventLoader(await pageArgs(`/de/participation/${eventId}`, { id: eventId })));
    expect(page.contributions).toHaveLength(1);
    expect(page.contributions[0]).toMatchObject({
      text: "Elterncafé in der Grundschule",
      state: "adopted",
      reason: "Wird in der Lenkungsgruppe beraten.",
    });
    expect(page.contributions[0].link).toMatchObject({
      meetingId: meeting.id,
      agendaNumber: "3",
      agendaTitle: "Elterncafés",
    });
    const choices = await ctx.services.network
      .contributionLinkChoices({ tenantId } as never)
      .catch(() => null);
    expect(choices).toBeNull(); // read through the policy: no principal, no choices
  });
  it("limits public submissions per client address and hour (429), others still get through", async () => {
    for (let i = 0; i < PUBLIC_SUBMISSIONS_PER_HOUR; i++)
      expect((await submit({ text: `Anregung ${i}`, consent: "on" }, "203.0.113.50")).ok).toBe(true);
    const limited = await contributeAction(
      await pageArgs(
        `/de/participation/${eventId}`,
        { id: eventId },
        { form: { text: "Noch eine", consent: "on" }, clientIp: "203.0.113.50" },
      ),
    );
    expect((limited as Json).init.status).toBe(429);
    expect((limited as Json).data.errors.title).toContain("60");
    expect((await submit({ text: "Von woanders", consent: "on" }, "203.0.113.51")).ok).toBe(true);
    // An hour later the address may send again; the daily job clears hashed addresses after a day.
    ctx.clock.advance(3_600_001);
    expect((await submit({ text: "Eine Stunde später", consent: "on" }, "203.0.113.50")).ok).toBe(true);
    ctx.clock.advance(24 * 3_600_000);
    expect(await ctx.services.network.clearSourceKeys(tenantId)).toBeGreaterThanOrEqual(
      PUBLIC_SUBMISSIONS_PER_HOUR + 2,
    );
    expect(await ctx.services.network.clearSourceKeys(tenantId)).toBe(0);
  });
  it("gives the event's report as a tagged PDF in the reader's language (decision 101)", async () => {
    // Sessions are made at the clock's time; it moved on above.
    const b = await createUserWithRole(ctx.services, tenantId, "board_member");
    const reader = await sessionCookieFor(ctx.services, tenantId, b.user.id);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/network/events/${eventId}/report/pdf`, {
      headers: { origin: TEST_BASE_URL, cookie: reader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString("latin1")).toContain("/StructTreeRoot");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Stadtteilgespräch Süd");
    expect(text).toContain("Elterncafé in der Grundschule");
    expect(text).toContain("Wird in der Lenkungsgruppe beraten.");
    const unknown = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/network/events/0190a0a0-0000-7000-8000-000000000000/report/pdf`,
      { headers: { origin: TEST_BASE_URL, cookie: reader } },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("paging an event's contributions (decision 122)", () => {
  it("pages staff and public lists in the order they came in; bad paging is a field error or the first page", async () => {
    // Sessions are made at the clock's time; it moved on above.
    const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, tenantId, c.user.id);
    const eventId = (await api("/network/events", cookie, "POST", { ...forum, title: "Fachtag Paging" })).body
      .id as string;
    const ids: string[] = [];
    for (const text of ["Erste Anregung", "Zweite Anregung", "Dritte Anregung"])
      ids.push((await api(`/network/events/${eventId}/contributions`, cookie, "POST", { text })).body.id);
    const walked: string[] = [];
    for (let offset = 0; offset < 3; offset += 2) {
      const page = await api(`/network/events/${eventId}/contributions?limit=2&offset=${offset}`, cookie);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(3);
      walked.push(...page.body.items.map((x: Json) => x.id));
    }
    expect(walked).toEqual(ids);
    expect((await api(`/network/events/${eventId}`, cookie)).body.contributionCount).toBe(3);
    expect((await api(`/network/events/${eventId}/contributions?limit=0`, cookie)).status).toBe(422);
    expect(
      (await api("/network/events/0190a0a0-0000-7000-8000-000000000000/contributions", cookie)).status,
    ).toBe(404);

    // The public page shows published ones only, paged by `offset`; a bad offset shows the first page.
    for (const id of [ids[0], ids[2]])
      await api(`/network/contributions/${id}/published`, cookie, "PUT", { version: 1, published: true });
    const second = unwrap(
      await eventLoader(await pageArgs(`/de/participation/${eventId}?offset=1`, { id: eventId })),
    );
    expect(second.total).toBe(2);
    expect(second.contributions.map((x: Json) => x.text)).toEqual(["Dritte Anregung"]);
    const bad = unwrap(
      await eventLoader(await pageArgs(`/de/participation/${eventId}?offset=nonsense`, { id: eventId })),
    );
    expect(bad.contributions.map((x: Json) => x.text)).toEqual(["Erste Anregung", "Dritte Anregung"]);
  });
});
