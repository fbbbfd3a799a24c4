import type { Context, Hono } from "hono";
import type { Translate } from "#app/i18n/translator.ts";
import { AppError } from "#app/server/errors.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import { isContentLanguage } from "../translations/languages.ts";
import { type ICalItem, toICalendar } from "./ical.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { NEAR_ME_SCRIPT } from "./near-me-script.ts";
import { eventItem, offerHoursItems } from "./public-ical.ts";
import { type OfferHit, type PublicEvent, parseOfferSearch, type SearchNotice } from "./search.ts";

/** Offers in one filtered iCal feed at most. */
const ICAL_MAX_OFFERS = 200;
/** How far ahead the list feed of events looks, in days. */
const EVENTS_FEED_DAYS = 366;

/**
 * The public directory's JSON endpoints (no session needed; published data only):
 * - GET /api/public/offers — the offer search, same query parameters as /{lang}/offers, plus
 *   `lang` for the reader's language (titles fall back to German, flagged);
 * - GET /api/public/map — compact GeoJSON of the same search's places (application/geo+json);
 * - GET /api/public/hello — a bare `{"ok":true}` through the same middleware: the benchmark's
 *   baseline.
 * Responses are compressed by the HTTP layer (src/server/http/compression.ts) like every text answer.
 *
 * And the public iCal feeds (served here rather than as React Router resource routes, whose
 * paths cannot end a dynamic segment in ".ics"):
 * - GET /{lang}/offers.ics?… — the opening hours and events of the filtered offers;
 * - GET /{lang}/events.ics?q=… — every public event series with an occurrence in the next year;
 * - GET /{lang}/offers/{id}.ics — one offer's;
 * - GET /{lang}/events/{id}.ics — one event series.
 * `{lang}` is any content language, Einfache Sprache ("de-simple") included.
 */
export function registerPublicDirectoryApi(app: Hono<AppEnv>) {
  app.get("/api/public/hello", (c) => c.json({ ok: true }));

  app.get("/near-me.js", (c) =>
    c.body(NEAR_ME_SCRIPT, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
    }),
  );

  app.get("/api/public/offers", async (c) => {
    const url = new URL(c.req.url);
    const { params, notices } = parseOfferSearch(url.searchParams);
    const lang = c.get("lang");
    const result = await c.get("services").publicDirectory.searchOffers(c.get("tenant").id, params, lang, {
      notices,
    });
    return c.json(
      {
        total: result.total,
        totalIsLowerBound: result.totalIsLowerBound,
        page: result.page,
        pageCount: result.pageCount,
        pageSize: result.pageSize,
        lang,
        near: result.near,
        notices: noticesJson(result.notices, c.get("t")),
        items: result.items.map((o) => offerJson(o, lang)),
      },
      200,
      { "cache-control": "public, max-age=60" },
    );
  });

  app.get("/api/public/map", async (c) => {
    const url = new URL(c.req.url);
    const { params, notices } = parseOfferSearch(url.searchParams);
    const points = await c
      .get("services")
      .publicDirectory.mapPoints(c.get("tenant").id, params, c.get("lang"));
    const { notices: more, ...collection } = points;
    const all = [...notices, ...more];
    return c.json(all.length ? { ...collection, notices: noticesJson(all, c.get("t")) } : collection, 200, {
      "content-type": "application/geo+json; charset=utf-8",
      "cache-control": "public, max-age=60",
    });
  });

  app.get("/:lang/offers.ics", async (c) => {
    const lang = langOf(c);
    const dir = c.get("services").publicDirectory;
    const { params, notices } = parseOfferSearch(new URL(c.req.url).searchParams);
    const result = await dir.searchOffers(c.get("tenant").id, { ...params, page: 1 }, lang, {
      notices,
      pageSize: ICAL_MAX_OFFERS,
    });
    const today = dir.today();
    const base = c.get("services").core.config.baseUrl;
    const items: ICalItem[] = result.items.flatMap((o) =>
      offerHoursItems(
        {
          id: o.id,
          title: o.title.text,
          description: o.summary?.text,
          location: placeText(o.places[0]),
          url: new URL(`/${lang}/offers/${o.id}`, base).href,
          openingHours: o.openingHours,
          validFrom: o.validFrom,
          validTo: o.validTo,
        },
        today,
        DIRECTORY_TIME_ZONE,
      ),
    );
    const events = await dir.eventsOfOffers(
      c.get("tenant").id,
      result.items.map((o) => o.id),
      lang,
    );
    items.push(...events.map((e) => eventItem(eventForICal(e, lang, base))));
    return calendar(c, items, `${c.get("t")("offers.title")} · ${c.get("tenant").name}`, "offers");
  });

  app.get("/:lang/events.ics", async (c) => {
    const lang = langOf(c);
    const dir = c.get("services").publicDirectory;
    const from = dir.now();
    const to = new Date(from.getTime() + EVENTS_FEED_DAYS * 86_400_000);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const events = await dir.eventsInRange(c.get("tenant").id, { from, to }, q, lang);
    const base = c.get("services").core.config.baseUrl;
    const items = events.map((e) => eventItem(eventForICal(e, lang, base)));
    return calendar(c, items, `${c.get("t")("offers.nav_events")} · ${c.get("tenant").name}`, "events");
  });

  app.get("/:lang/offers/:file{[0-9a-fA-F-]{36}\\.ics}", async (c) => {
    const lang = langOf(c);
    const id = c.req.param("file").slice(0, -4);
    const dir = c.get("services").publicDirectory;
    const offer = await dir.offer(c.get("tenant").id, id, lang);
    if (!offer) throw AppError.notFound();
    const base = c.get("services").core.config.baseUrl;
    const items = offerHoursItems(
      {
        id: offer.id,
        title: offer.title.text,
        description: offer.summary?.text,
        location: placeText(offer.places[0]),
        url: new URL(`/${lang}/offers/${offer.id}`, base).href,
        openingHours: offer.openingHours,
        validFrom: offer.validFrom,
        validTo: offer.validTo,
        lastModified: offer.updatedAt,
      },
      dir.today(),
      DIRECTORY_TIME_ZONE,
    );
    const events = await dir.eventsOfOffers(c.get("tenant").id, [offer.id], lang);
    items.push(...events.map((e) => eventItem(eventForICal(e, lang, base))));
    // An offer without hours or events has no calendar to offer (its page does not link one).
    if (!items.length) throw AppError.notFound();
    return calendar(c, items, offer.title.text, `offer-${offer.id}`);
  });

  app.get("/:lang/events/:file{[0-9a-fA-F-]{36}\\.ics}", async (c) => {
    const lang = langOf(c);
    const id = c.req.param("file").slice(0, -4);
    const dir = c.get("services").publicDirectory;
    const ev = await dir.event(c.get("tenant").id, id, lang);
    if (!ev) throw AppError.notFound();
    const base = c.get("services").core.config.baseUrl;
    return calendar(c, [eventItem(eventForICal(ev, lang, base))], ev.title.text, `event-${ev.id}`);
  });
}

function langOf(c: Context<AppEnv>) {
  const lang = c.req.param("lang");
  if (!isContentLanguage(lang)) throw AppError.notFound();
  return lang;
}

function placeText(
  p: { name: string; street: string | null; postcode: string | null; city: string | null } | undefined,
) {
  if (!p) return undefined;
  return [p.name, p.street, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

function eventForICal(e: PublicEvent, lang: string, base: string) {
  return {
    id: e.id,
    title: e.title.text,
    summary: e.summary?.text ?? null,
    startsAt: e.startsAt,
    durationMinutes: e.durationMinutes,
    rrule: e.rrule,
    exdates: e.exdates,
    location: placeText(e.place ?? undefined) ?? null,
    url: new URL(`/${lang}/events#event-${e.id}`, base).href,
    lastModified: e.updatedAt,
  };
}

function calendar(c: Context<AppEnv>, items: ICalItem[], name: string, file: string) {
  const now = c.get("services").publicDirectory.now();
  return c.body(toICalendar(items, { name, timeZone: DIRECTORY_TIME_ZONE, now }), 200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `inline; filename="${file}.ics"`,
    "cache-control": "public, max-age=300",
  });
}

function noticesJson(notices: SearchNotice[], t: Translate) {
  return notices.map((n) => ({
    ...n,
    message: t(`offers.notice_${n.code}`, { param: n.param, value: n.value ?? "" }),
  }));
}

function offerJson(o: OfferHit, lang: string) {
  return {
    id: o.id,
    url: `/${lang}/offers/${o.id}`,
    title: o.title,
    summary: o.summary,
    organization: o.organization,
    places: o.places.map((p) => ({
      id: p.id,
      name: p.name,
      street: p.street,
      postcode: p.postcode,
      city: p.city,
      area: p.areaName,
      lon: p.lon,
      lat: p.lat,
      approximate: p.approximate,
    })),
    distanceKm: o.distanceKm,
    open: o.open
      ? {
          status: o.open.status,
          closesAt: o.open.closesAt?.toISOString() ?? null,
          nextOpensAt: o.open.nextOpensAt?.toISOString() ?? null,
          holiday: o.open.holiday,
        }
      : null,
    appointmentOnly: o.appointmentOnly,
    languages: o.languages,
    free: o.free,
    childcare: o.childcare,
  };
}
