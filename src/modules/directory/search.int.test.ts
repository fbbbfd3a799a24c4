import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { UNNA_AREAS } from "../demo/unna-areas.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import { postcodes } from "./schema.ts";
import { type OfferSearchParams, parseOfferSearch } from "./search.ts";

let ctx: TestContext;
let tenantId: string;
const ids = {} as Record<
  | "org"
  | "mitte"
  | "massen"
  | "course"
  | "cafe"
  | "counsel"
  | "paid"
  | "expired"
  | "future"
  | "choir"
  | "fest",
  string
>;

// Monday 2 March 2026, 10:00 in Berlin.
const MONDAY_10 = new Date("2026-03-02T09:00:00Z");

const weekdays = (days: string[], opens: string, closes: string) => ({
  weekly: Object.fromEntries(days.map((d) => [d, [{ opens, closes }]])),
});

async function publish(
  type: "organization" | "place" | "offer" | "event",
  data: unknown,
  translations?: object,
) {
  const { entityId } = await ctx.services.directory.publishDirect(
    { kind: "system", tenantId },
    type,
    data,
    translations ? { translations: translations as Record<string, Record<string, string>> } : {},
  );
  return entityId;
}

beforeAll(async () => {
  ctx = await createTestContext({ now: MONDAY_10 });
  const tenant = await ctx.services.tenants.create({
    slug: "suchstadt",
    name: "Suchstadt",
    kind: "municipality",
    frameworkTemplate: "unna",
  });
  tenantId = tenant.id;
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(UNNA_AREAS));
  // Build the area lookup index before places are published (locate() runs inside their transaction).
  await ctx.services.areas.locate(tenantId, 7.69, 51.537);
  await ctx.handle.db.insert(postcodes).values([
    { tenantId, postcode: "59423", name: "Unna", lon: 7.6905, lat: 51.5365, approximate: true },
    { tenantId, postcode: "59427", name: "Unna-Massen", lon: 7.629, lat: 51.5525, approximate: true },
  ]);
  const axes = await ctx.services.framework.list(tenantId, "de");
  const term = (kind: string, key: string) =>
    axes
      .filter((a) => a.kind === kind)
      .flatMap((a) => a.terms)
      .find((t) => t.key === key)!.id;

  ids.org = await publish("organization", { name: "Testträger e. V." });
  ids.mitte = await publish("place", {
    organizationId: ids.org,
    name: "Familienzentrum Mitte",
    street: "Bahnhofstraße 12",
    postcode: "59423",
    city: "Unna",
    lon: 7.6897,
    lat: 51.5366,
    languages: ["ar"],
  });
  ids.massen = await publish("place", {
    organizationId: ids.org,
    name: "Treff Massen",
    street: "Kleistraße 3",
    postcode: "59427",
    city: "Unna",
    lon: 7.629,
    lat: 51.5525,
    languages: ["tr"],
  });
  ids.course = await publish(
    "offer",
    {
      organizationId: ids.org,
      title: "Sprachkurs mit Kinderbetreuung",
      summary: "Deutsch lernen am Vormittag, die Kinder werden betreut.",
      openingHours: weekdays(["1", "2", "3", "4", "5"], "08:45", "13:00"),
      childcare: true,
      free: true,
      termIds: [term("offer_category", "sprachangebote"), term("target_group", "frauen")],
      placeIds: [ids.mitte],
    },
    { ar: { title: "دورة لغة مع رعاية الأطفال", summary: "تعلم الألمانية في الصباح" } },
  );
  ids.cafe = await publish(
    "offer",
    {
      organizationId: ids.org,
      title: "Café Begegnung",
      summary: "Offener Treff für alle.",
      openingHours: weekdays(["1", "2", "3", "4"], "16:00", "19:00"),
      languages: ["de"],
      termIds: [term("offer_category", "freizeit-austausch")],
      placeIds: [ids.massen],
    },
    { en: { title: "Café Encounter" } },
  );
  ids.counsel = await publish(
    "offer",
    {
      organizationId: ids.org,
      title: "Beratung für Geflüchtete",
      placeIds: [ids.mitte],
      termIds: [term("offer_category", "beratung-integration")],
    },
    { ar: { title: "استشارة للاجئين" } },
  );
  ids.paid = await publish("offer", {
    organizationId: ids.org,
    title: "Nachhilfe gegen Gebühr",
    free: false,
    placeIds: [ids.massen],
  });
  ids.expired = await publish("offer", {
    organizationId: ids.org,
    title: "Sprachkurs Winter 2025",
    validTo: "2025-12-31",
    placeIds: [ids.mitte],
  });
  ids.future = await publish("offer", {
    organizationId: ids.org,
    title: "Sprachkurs Sommer",
    validFrom: "2026-06-01",
    placeIds: [ids.mitte],
  });
  // Weekly choir on Wednesdays 18:00 (Berlin) from 4 March, one cancelled date; a single festival.
  ids.choir = await publish(
    "event",
    {
      organizationId: ids.org,
      offerId: ids.cafe,
      placeId: ids.massen,
      title: "Chorprobe im Treff",
      startsAt: "2026-03-04T18:00",
      durationMinutes: 90,
      rrule: "FREQ=WEEKLY;BYDAY=WE",
      exdates: ["2026-03-11"],
    },
    { ar: { title: "تمرين الجوقة" } },
  );
  ids.fest = await publish("event", {
    organizationId: ids.org,
    title: "Stadtteilfest",
    startsAt: "2026-03-21T14:00",
    durationMinutes: 240,
  });
}, 60_000);
afterAll(() => ctx?.close());

async function search(query: string, lang: ContentLanguage = "de", pageSize?: number) {
  const { params, notices } = parseOfferSearch(new URLSearchParams(query));
  return ctx.services.publicDirectory.searchOffers(tenantId, params, lang, {
    notices,
    ...(pageSize ? { pageSize } : {}),
  });
}
const idsOf = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
const sorted = (list: string[]) => [...list].sort();

describe("public offer search", () => {
  it("lists only published offers valid today", async () => {
    const r = await search("");
    expect(sorted(idsOf(r))).toEqual(sorted([ids.course, ids.cafe, ids.counsel, ids.paid]));
    expect(r.total).toBe(4);
    expect(r.notices).toEqual([]);
  });

  it("tolerates typos and finds parts of compounds", async () => {
    expect(idsOf(await search("q=Sprachkurz"))).toEqual([ids.course]);
    expect(idsOf(await search("q=sprach"))).toEqual([ids.course]);
    expect(idsOf(await search("q=Kinderbetreung"))).toEqual([ids.course]);
    expect(idsOf(await search("q=KAFFEE+cafe"))).toEqual([ids.cafe]);
    expect(idsOf(await search("q=Quantenphysik"))).toEqual([]);
    // Unknown words among known ones are left out.
    expect(idsOf(await search("q=Sprachkurs+Xylofonwerkstatt"))).toEqual([ids.course]);
  });

  it("ranks the closer spelling first", async () => {
    // "begegnung" is exact for the café; nothing else is near it.
    const r = await search("q=Begegnung");
    expect(idsOf(r)[0]).toBe(ids.cafe);
  });

  it("falls back across languages, showing German with a note when there is no translation", async () => {
    // An Arabic query finds the German offer through its Arabic translation.
    const ar = await search("q=دورة لغة", "ar");
    expect(idsOf(ar)).toEqual([ids.course]);
    expect(ar.items[0]!.title).toEqual({ text: "دورة لغة مع رعاية الأطفال", lang: "ar", isFallback: false });
    // Folded letter variants: ة/ه.
    expect(idsOf(await search("q=استشاره", "ar"))).toEqual([ids.counsel]);
    // A German query in the Arabic UI: the café has no Arabic title → German, flagged.
    const de = await search("q=Begegnung", "ar");
    expect(de.items[0]!.title).toEqual({ text: "Café Begegnung", lang: "de", isFallback: true });
    // An English query finds the offer by its English title.
    expect(idsOf(await search("q=encounter", "en"))).toEqual([ids.cafe]);
    // Easy German without an easy text: the German one, flagged for the note (decision 094).
    const simple = await search("q=Begegnung", "de-simple");
    expect(simple.items[0]!.title).toEqual({ text: "Café Begegnung", lang: "de", isFallback: true });
  });

  it("finds Arabic word forms through light stemming, and nothing for an emoji-only query (decision 094)", async () => {
    // Plural and definite form ("the language's courses") find the singular course.
    expect(idsOf(await search(`q=${encodeURIComponent("دورات اللغة")}`, "ar"))).toEqual([ids.course]);
    expect(idsOf(await search(`q=${encodeURIComponent("للاجئين")}`, "ar"))).toEqual([ids.counsel]);
    // Emoji, punctuation: no word to look for, so nothing rather than all four offers.
    const emoji = await search(`q=${encodeURIComponent("🙂🎉")}`, "ar");
    expect(emoji.total).toBe(0);
    expect(emoji.items).toEqual([]);
  });

  it("filters by framework terms (term keys), with a notice for unknown ones", async () => {
    expect(idsOf(await search("category=sprachangebote"))).toEqual([ids.course]);
    expect(sorted(idsOf(await search("category=sprachangebote&category=freizeit-austausch")))).toEqual(
      sorted([ids.course, ids.cafe]),
    );
    expect(idsOf(await search("target=frauen"))).toEqual([ids.course]);
    expect(idsOf(await search("category=sprachangebote&target=frauen&q=kurs"))).toEqual([ids.course]);
    expect(idsOf(await search("field=wohnen-wohnumfeld"))).toEqual([]);
    expect(idsOf(await search("phase=grundschule"))).toEqual([]);
    const unknown = await search("category=astrologie");
    expect(unknown.notices).toEqual([{ code: "unknown_term", param: "category", value: "astrologie" }]);
    expect(unknown.total).toBe(4);
  });

  it("filters by spoken language (offer or place), free of charge and childcare", async () => {
    // The café's place speaks Turkish, the paid tutoring's too; the course's place Arabic.
    expect(sorted(idsOf(await search("spoken=tr")))).toEqual(sorted([ids.cafe, ids.paid]));
    expect(sorted(idsOf(await search("spoken=ar")))).toEqual(sorted([ids.course, ids.counsel]));
    expect(idsOf(await search("spoken=de"))).toEqual([ids.cafe]);
    const bad = await search("spoken=klingonisch");
    expect(bad.notices).toEqual([{ code: "unknown_language", param: "spoken", value: "klingonisch" }]);
    expect(idsOf(await search("free=1"))).not.toContain(ids.paid);
    expect(idsOf(await search("free=1")).length).toBe(3);
    expect(idsOf(await search("childcare=1"))).toEqual([ids.course]);
  });

  it("filters by district including its sub-areas", async () => {
    expect(sorted(idsOf(await search("district=unna-massen")))).toEqual(sorted([ids.cafe, ids.paid]));
    expect(sorted(idsOf(await search("district=unna-mitte")))).toEqual(sorted([ids.course, ids.counsel]));
    expect((await search("district=unna")).total).toBe(4);
    const bad = await search("district=atlantis");
    expect(bad.notices).toEqual([{ code: "unknown_district", param: "district", value: "atlantis" }]);
    expect(bad.total).toBe(4);
  });

  it("finds offers near coordinates, a postcode or a known street, nearest first", async () => {
    const coords = await search("near=7.629,51.5525&radius=1");
    expect(sorted(idsOf(coords))).toEqual(sorted([ids.cafe, ids.paid]));
    expect(coords.near).toMatchObject({ kind: "coordinates", radiusKm: 1 });
    expect(coords.items[0]!.distanceKm).toBe(0);
    const postcode = await search("near=59423&radius=1");
    expect(sorted(idsOf(postcode))).toEqual(sorted([ids.course, ids.counsel]));
    expect(postcode.near).toMatchObject({ kind: "postcode", label: "59423 Unna" });
    // A postcode inside an address.
    expect((await search("near=Irgendwo 5, 59427 Unna&radius=1")).near?.label).toBe("59427 Unna-Massen");
    const street = await search("near=Bahnhofstr&radius=0.5");
    expect(street.near).toMatchObject({ kind: "street", label: "Bahnhofstraße 12" });
    expect(sorted(idsOf(street))).toEqual(sorted([ids.course, ids.counsel]));
    // Everything within 10 km, the nearest first.
    const wide = await search("near=7.629,51.5525&radius=10");
    expect(wide.total).toBe(4);
    expect(wide.items.map((i) => i.distanceKm)).toEqual(
      [...wide.items.map((i) => i.distanceKm)].sort((a, b) => a! - b!),
    );
    const unknown = await search("near=Atlantis");
    expect(unknown.notices).toEqual([{ code: "near_not_found", param: "near", value: "Atlantis" }]);
    expect(unknown.total).toBe(4);
  });

  it("filters by open now on the clock (Europe/Berlin)", async () => {
    try {
      // Monday 10:00: the course (8:45–13) is open, the café (16–19) is not.
      const morning = await search("open=now");
      expect(idsOf(morning)).toEqual([ids.course]);
      expect(morning.items[0]!.open?.status).toBe("open");
      ctx.clock.set(new Date("2026-03-03T16:30:00Z")); // Tuesday 17:30
      expect(idsOf(await search("open=now"))).toEqual([ids.cafe]);
      ctx.clock.set(new Date("2026-04-03T08:00:00Z")); // Good Friday 10:00: holiday, but hours don't close for it
      const listed = await search("q=sprachkurs");
      expect(listed.items[0]!.open?.status).toBe("open");
      ctx.clock.set(new Date("2026-03-07T10:00:00Z")); // Saturday
      expect(idsOf(await search("open=now"))).toEqual([]);
    } finally {
      ctx.clock.set(MONDAY_10);
    }
  });

  it("says what it did not understand instead of failing", async () => {
    const r = await search("free=vielleicht&open=later&radius=-3&page=abc&place=nope");
    expect(r.notices.map((n) => `${n.code}:${n.param}`).sort()).toEqual([
      "invalid_radius:radius",
      "invalid_value:free",
      "invalid_value:open",
      "invalid_value:page",
      "invalid_value:place",
    ]);
    expect(r.total).toBe(4);
  });

  it("pages", async () => {
    const p1 = await search("", "de", 3);
    const p2 = await search("page=2", "de", 3);
    expect(p1.pageCount).toBe(2);
    expect(p1.items).toHaveLength(3);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...idsOf(p1), ...idsOf(p2)]).size).toBe(4);
    const beyond = await search("page=9", "de", 3);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(4);
  });

  it("shows an offer's detail only while published and valid", async () => {
    const d = await ctx.services.publicDirectory.offer(tenantId, ids.course, "ar");
    expect(d?.title.text).toBe("دورة لغة مع رعاية الأطفال");
    expect(d?.places.map((p) => p.name)).toEqual(["Familienzentrum Mitte"]);
    expect(d?.places[0]?.areaName).toBe("Unna-Mitte");
    expect(d?.terms.flatMap((a) => a.terms.map((t) => t.key)).sort()).toEqual(["frauen", "sprachangebote"]);
    expect(await ctx.services.publicDirectory.offer(tenantId, ids.expired, "de")).toBeNull();
    expect(await ctx.services.publicDirectory.offer(tenantId, "not-a-uuid", "de")).toBeNull();
  });

  it("map points: one per place with the number of matching offers", async () => {
    const params = (q: string): OfferSearchParams => parseOfferSearch(new URLSearchParams(q)).params;
    const all = await ctx.services.publicDirectory.mapPoints(tenantId, params(""));
    const byPlace = Object.fromEntries(all.features.map((f) => [f.properties.p, f.properties.n]));
    expect(byPlace).toEqual({ [ids.mitte]: 2, [ids.massen]: 2 });
    expect(all.features.find((f) => f.properties.p === ids.massen)!.geometry.coordinates).toEqual([
      7.629, 51.5525,
    ]);
    const typo = await ctx.services.publicDirectory.mapPoints(tenantId, params("q=Sprachkurz"));
    expect(typo.features.map((f) => [f.properties.p, f.properties.n])).toEqual([[ids.mitte, 1]]);
  });

  it("finds the responsible office by postcode or coordinates", async () => {
    const areas = await ctx.services.areas.list(tenantId);
    const actor = { kind: "system" as const, tenantId };
    const office = await ctx.services.offices.create(actor, {
      name: "Willkommensbüro Mitte",
      kind: "welcome_office",
      placeId: ids.mitte,
      email: null,
      phone: "02303 1234",
    });
    await ctx.services.offices.setCatchment(actor, office.id, {
      version: office.version,
      areaIds: [areas.find((a) => a.code === "unna-mitte")!.id],
    });
    const found = await ctx.services.publicDirectory.findOffice(tenantId, "59423");
    expect(found.office).toMatchObject({ name: "Willkommensbüro Mitte", areaName: "Unna-Mitte" });
    expect(found.office?.place?.street).toBe("Bahnhofstraße 12");
    const none = await ctx.services.publicDirectory.findOffice(tenantId, "7.629, 51.5525");
    expect(none.near?.kind).toBe("coordinates");
    expect(none.office).toBeNull();
    const unknown = await ctx.services.publicDirectory.findOffice(tenantId, "Hauptstraße in Atlantis");
    expect(unknown.notices.map((n) => n.code)).toEqual(["near_not_found"]);
  });
});

describe("events", () => {
  const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

  it("expands recurring events into the date range, skipping cancelled dates", async () => {
    const march = await ctx.services.publicDirectory.eventsInRange(
      tenantId,
      range("2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
      "",
      "ar",
    );
    const choir = march.find((e) => e.id === ids.choir)!;
    expect(choir.title).toEqual({ text: "تمرين الجوقة", lang: "ar", isFallback: false });
    expect(choir.occurrences.map((o) => o.start.toISOString())).toEqual([
      "2026-03-04T17:00:00.000Z",
      "2026-03-18T17:00:00.000Z",
      "2026-03-25T17:00:00.000Z",
    ]);
    expect(march.find((e) => e.id === ids.fest)?.title.isFallback).toBe(true);
    // A range without the festival, and a text search with a typo.
    const april = await ctx.services.publicDirectory.eventsInRange(
      tenantId,
      range("2026-04-01T00:00:00+02:00", "2026-04-08T00:00:00+02:00"),
      "chorprobe",
      "de",
    );
    expect(april.map((e) => e.id)).toEqual([ids.choir]);
    expect(april[0]!.occurrences).toHaveLength(1);
    expect(
      await ctx.services.publicDirectory.eventsInRange(
        tenantId,
        range("2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
        "Stadtteilfst",
        "de",
      ),
    ).toHaveLength(1);
  });
});

describe("iCal feeds", () => {
  const get = (path: string) => ctx.app.request(`${TEST_BASE_URL}${path}`);

  it("an offer: weekly opening hours as series, plus its events", async () => {
    const res = await get(`/de/offers/${ids.cafe}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const cal = await res.text();
    for (const day of ["MO", "TU", "WE", "TH"]) expect(cal).toContain(`RRULE:FREQ=WEEKLY;BYDAY=${day}`);
    expect(cal).not.toContain("BYDAY=FR");
    expect(cal).toContain("Chorprobe im Treff");
    expect(cal).toContain("DTSTART;TZID=Europe/Berlin:20260302T160000");
  });

  it("the filtered offers, in the reader's language", async () => {
    const cal = await (await get("/ar/offers.ics?category=sprachangebote")).text();
    expect(cal).toContain("SUMMARY:دورة لغة مع رعاية الأطفال");
    expect(cal).not.toContain("Café Begegnung");
  });

  it("an event series, and 404 for what is not public", async () => {
    const cal = await (await get(`/de/events/${ids.choir}.ics`)).text();
    expect(cal).toContain("RRULE:FREQ=WEEKLY;BYDAY=WE");
    expect(cal).toContain("EXDATE");
    expect((await get(`/de/offers/${ids.expired}.ics`)).status).toBe(404);
    expect((await get("/xx/offers.ics")).status).toBe(404);
  });

  it("stamps feeds with the time they were written and ends them with CRLF", async () => {
    const cal = await (await get("/de/offers.ics")).text();
    // The clock stands at MONDAY_10; no stamp lies in the future of it.
    const stamps = cal.split("\r\n").filter((l) => l.startsWith("DTSTAMP:"));
    expect(stamps.length).toBeGreaterThan(0);
    for (const s of stamps) expect(s <= "DTSTAMP:20260302T090000Z").toBe(true);
    expect(cal.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("lists every coming event in /{lang}/events.ics, filtered by q", async () => {
    const all = await (await get("/de/events.ics")).text();
    expect(all).toContain("SUMMARY:Chorprobe im Treff");
    expect(all).toContain("SUMMARY:Stadtteilfest");
    const some = await (await get("/de/events.ics?q=Stadtteilfest")).text();
    expect(some).toContain("SUMMARY:Stadtteilfest");
    expect(some).not.toContain("Chorprobe");
  });

  it("an offer with nothing to put in a calendar has no feed; an empty list feed is still valid", async () => {
    expect((await get(`/de/offers/${ids.paid}.ics`)).status).toBe(404);
    const res = await get("/de/offers.ics?q=Quantenphysik");
    expect(res.status).toBe(200);
    const cal = await res.text();
    expect(cal).not.toContain("BEGIN:VEVENT");
    expect(cal).toContain("BEGIN:VTIMEZONE");
  });

  it("every feed parses in ical.js, occurrences and zone included", async () => {
    const feeds = [
      "/de/offers.ics",
      "/ar/offers.ics?category=sprachangebote",
      "/de/offers.ics?q=Quantenphysik",
      `/de/offers/${ids.cafe}.ics`,
      `/de/events/${ids.choir}.ics`,
      "/de/events.ics",
      "/de-simple/events.ics",
    ];
    for (const path of feeds) {
      const comp = new ICAL.Component(ICAL.parse(await (await get(path)).text()));
      expect(comp.name, path).toBe("vcalendar");
      expect(comp.getAllSubcomponents("vtimezone").length, path).toBe(1);
    }
    const choir = new ICAL.Component(ICAL.parse(await (await get(`/de/events/${ids.choir}.ics`)).text()));
    const zone = new ICAL.Timezone(choir.getFirstSubcomponent("vtimezone") ?? undefined);
    ICAL.TimezoneService.register(zone, "Europe/Berlin");
    const event = new ICAL.Event(choir.getFirstSubcomponent("vevent") ?? undefined);
    const series = event.iterator();
    const starts = [series.next(), series.next(), series.next()].map((t) => t?.toJSDate().toISOString());
    ICAL.TimezoneService.remove("Europe/Berlin");
    // 4 March, (11 March cancelled), 18 March, 25 March — 18:00 in Berlin (CET, UTC+1).
    expect(starts).toEqual([
      "2026-03-04T17:00:00.000Z",
      "2026-03-18T17:00:00.000Z",
      "2026-03-25T17:00:00.000Z",
    ]);
  });

  it("serves the feeds in Einfache Sprache too", async () => {
    const res = await get("/de-simple/offers.ics");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("SUMMARY:Café Begegnung");
    expect((await get("/de-simple/events.ics")).status).toBe(200);
  });
});

describe("public JSON endpoints", () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    ctx.app.request(`${TEST_BASE_URL}${path}`, { headers });

  it("hello is a bare baseline", async () => {
    const res = await get("/api/public/hello");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("searches in the reader's language with notices, never failing on bad input", async () => {
    const res = await get(`/api/public/offers?q=${encodeURIComponent("Sprachkurz")}&lang=ar&radius=x`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: number;
      items: { id: string; title: { text: string }; url: string }[];
      notices: { code: string; message: string }[];
    };
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: ids.course, url: `/ar/offers/${ids.course}` });
    expect(body.items[0]!.title.text).toBe("دورة لغة مع رعاية الأطفال");
    expect(body.notices).toHaveLength(1);
    expect(body.notices[0]!.code).toBe("invalid_radius");
    expect(body.notices[0]!.message).not.toContain("offers.");
  });

  it("serves the map as GeoJSON, compressible by Accept-Encoding", async () => {
    const res = await get("/api/public/map?category=sprachangebote", { "accept-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/geo+json");
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    // One feature is below the compression threshold (decision 047): it goes out as it is.
    expect(res.headers.get("content-encoding")).toBeNull();
    const body = await res.json();
    expect(body).toEqual({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [7.6897, 51.5366] },
          properties: { p: ids.mitte, n: 1 },
        },
      ],
    });
  });
});

describe("map read model", () => {
  const points = async (q: string) => {
    const { params } = parseOfferSearch(new URLSearchParams(q));
    const map = await ctx.services.publicDirectory.mapPoints(tenantId, params);
    return Object.fromEntries(map.features.map((f) => [f.properties.p, f.properties.n]));
  };

  it("applies the place filters and follows archiving and validity dates", async () => {
    expect(await points("district=unna-massen")).toEqual({ [ids.massen]: 2 });
    expect(await points("near=7.6897,51.5366&radius=1")).toEqual({ [ids.mitte]: 2 });
    expect(await points(`place=${ids.massen}`)).toEqual({ [ids.massen]: 2 });
    const coordinator: Principal = {
      userId: "00000000-0000-7000-8000-000000000001",
      tenantId,
      sessionId: "s",
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const dir = ctx.services.directory;
    // An archived offer leaves the map.
    const counsel = await dir.get(coordinator, "offer", ids.counsel);
    await dir.archive(coordinator, "offer", ids.counsel, counsel.version);
    expect(await points("")).toEqual({ [ids.mitte]: 1, [ids.massen]: 2 });
    // The summer course counts from its first day on.
    ctx.clock.set(new Date("2026-06-01T08:00:00Z"));
    try {
      expect(await points("district=unna-mitte")).toEqual({ [ids.mitte]: 2 });
    } finally {
      ctx.clock.set(MONDAY_10);
    }
    // An archived place leaves the map with its offers.
    const massen = await dir.get(coordinator, "place", ids.massen);
    await dir.archive(coordinator, "place", ids.massen, massen.version);
    expect(await points("")).toEqual({ [ids.mitte]: 1 });
  });
});
