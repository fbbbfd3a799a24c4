import { readOnlyMethods } from "../../server/db/ambient.ts";
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import type { AddressService } from "../addresses/service.ts";
import type { AreaListItem, AreaService } from "../areas/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { OfficeSummary } from "../offices/service.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { TranslationService } from "../translations/service.ts";
import { type OpenState, openState } from "./hours.ts";
import { DIRECTORY_HOLIDAY_STATE, DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { expandOccurrences } from "./recurrence.ts";
import type { Accessibility, ContactPerson, OpeningHours } from "./schema.ts";
import {
  DEFAULT_RADIUS_KM,
  type OfferSearchParams,
  OPEN_NOW_CANDIDATES,
  PAGE_SIZE,
  type SearchNotice,
  TERM_FILTER_NAMES,
  TERM_FILTERS,
  type TermFilter,
} from "./search-params.ts";
import { type OfferFilter, type PlaceRow, searchRepo } from "./search-repo.ts";
import { queryWords } from "./search-text.ts";
import { SPOKEN_LANGUAGES } from "./spoken-languages.ts";
import { isoDate, toLocal } from "./time-zone.ts";

export * from "./search-params.ts";

/**
 * The public read model of the directory (the public search, map, detail pages, office finder):
 * published entries only, valid today, in the reader's language with German as the fallback.
 *
 * Text search: a query's words are folded like search_text (search-text.ts) and looked up in
 * the tenant's vocabulary by trigram similarity (typos: "sprachkurz" → "sprachkurs"; parts of
 * compounds: "kurs" → "sprachkurs"); an offer must hold one of the found words for every
 * query word that has any. search_text holds every language, so a German query finds an
 * offer whose page is in Arabic and vice versa. The word index (GIN over search_words) keeps
 * this fast at state scale.
 */

/** A text in the reader's language, or the German source (isFallback) when there is no translation. */
export type LocalText = { text: string; lang: string; isFallback: boolean };

export type NearPoint = {
  lon: number;
  lat: number;
  /** What the point was found from: a house of the address list, a street, a postcode, coordinates. */
  kind: "coordinates" | "postcode" | "street" | "address";
  /** The address, postcode (and its name) or street it was resolved to; null for coordinates. */
  label: string | null;
  approximate: boolean;
};

export type PublicPlace = {
  id: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number;
  lat: number;
  approximate: boolean;
  areaName: string | null;
  languages: string[];
  openingHours: OpeningHours | null;
  accessibility: Accessibility;
};

export type OfferHit = {
  id: string;
  title: LocalText;
  summary: LocalText | null;
  organization: { id: string; name: string | null };
  places: PublicPlace[];
  distanceKm: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** The offer's own opening hours, else those of its first place with hours. */
  openingHours: OpeningHours | null;
  /** Null when neither the offer nor its places publish opening hours. */
  open: OpenState | null;
  appointmentOnly: boolean;
  languages: string[];
  free: boolean;
  childcare: boolean;
};

export type OfferSearchResult = {
  params: OfferSearchParams;
  items: OfferHit[];
  total: number;
  /** True when "open now" checked only the first OPEN_NOW_CANDIDATES matches. */
  totalIsLowerBound: boolean;
  page: number;
  pageCount: number;
  pageSize: number;
  near: (NearPoint & { radiusKm: number }) | null;
  notices: SearchNotice[];
};

export type MapFeatureCollection = {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "Point"; coordinates: [number, number] };
    /** p: place id, n: number of matching offers there. */
    properties: { p: string; n: number };
  }[];
};

export type PublicEvent = {
  id: string;
  title: LocalText;
  summary: LocalText | null;
  /** Sanitised rich text. */
  description: LocalText | null;
  startsAt: Date;
  durationMinutes: number;
  rrule: string | null;
  exdates: string[];
  free: boolean;
  languages: string[];
  offerId: string | null;
  organizationName: string | null;
  place: { name: string; street: string | null; postcode: string | null; city: string | null } | null;
  updatedAt: Date;
};

const ALL_TIME = { from: new Date(0), to: new Date("9999-01-01T00:00:00Z") };

export type OfficeHit = OfficeSummary & {
  areaName: string;
  place: PublicPlace | null;
  open: OpenState | null;
};

export type OfficeFinding = {
  near: NearPoint | null;
  notices: SearchNotice[];
  /** Null when the point is in no office's catchment (or could not be resolved); else `offices[0]`. */
  office: OfficeHit | null;
  /**
   * Every candidate office: one for an address or coordinates; for a postcode, each office whose
   * catchment holds some of the postcode's addresses (most addresses first, decision 095).
   */
  offices: OfficeHit[];
};

type ResponsibleFor = (
  tenantId: string,
  lon: number,
  lat: number,
) => Promise<{ office: OfficeSummary; area: { name: string } } | null>;

export type PublicDirectoryDeps = CoreDeps & {
  translations: TranslationService;
  framework: FrameworkService;
  areas: AreaService;
  /** services.offices.responsibleFor (late-bound: the office service is created elsewhere). */
  responsibleOffice?: ResponsibleFor;
  /** The tenant's address list (decision 095): streets, house numbers, coordinates in either order. */
  addresses?: Pick<AddressService, "resolve" | "coordinates" | "postcodeSpread">;
};

/** Similar vocabulary words taken per query word. */
const VARIANTS_PER_WORD = 24;
const MAP_MAX_POINTS = 60_000;
const MAX_Q = 200;

const COORDS = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** "lon,lat" without the address list (a directory built without it): undefined when no pair. */
function legacyCoordinates(text: string): { lon: number; lat: number } | null | undefined {
  const c = COORDS.exec(text);
  if (!c) return undefined;
  const lon = Number(c[1]);
  const lat = Number(c[2]);
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 ? { lon, lat } : null;
}
const POSTCODE = /(?:^|\D)(\d{5})(?:\D|$)/;

export function hoursOpts() {
  return { timeZone: DIRECTORY_TIME_ZONE, state: DIRECTORY_HOLIDAY_STATE };
}

function toPublicPlace(p: Omit<PlaceRow, "offer_id">, areaNames: Map<string, string>): PublicPlace {
  return {
    id: p.id,
    name: p.name,
    street: p.street,
    postcode: p.postcode,
    city: p.city,
    lon: Number(p.lon),
    lat: Number(p.lat),
    approximate: p.coordinates_approximate,
    areaName: p.area_id ? (areaNames.get(p.area_id) ?? null) : null,
    languages: p.languages ?? [],
    openingHours: p.opening_hours,
    accessibility: (p.accessibility ?? {}) as Accessibility,
  };
}

function local(
  resolved: Record<string, { text: string; lang: string; isFallback: boolean }> | undefined,
  field: string,
  german: string | null,
  lang: string,
): LocalText | null {
  const r = resolved?.[field];
  if (r) return { text: r.text, lang: r.lang, isFallback: r.isFallback };
  if (german === null || german.trim() === "") return null;
  return { text: german, lang: "de", isFallback: lang !== "de" };
}

/** Framework terms and areas change rarely: the public read model keeps them this long per tenant. */
const REFERENCE_CACHE_MS = 30_000;

export function createPublicDirectory(deps: PublicDirectoryDeps) {
  const { db } = deps;
  // Reference data per tenant (and language), shared by concurrent requests; wall-clock expiry
  // (not the domain clock): a changed term or area shows within REFERENCE_CACHE_MS.
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    const now = performance.now();
    if (hit && now - hit.at < REFERENCE_CACHE_MS) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    if (cache.size > 1000) cache.clear();
    return value;
  }
  const framework = (tenantId: string, lang: ContentLanguage) =>
    cached(`fw|${tenantId}|${lang}`, () => deps.framework.list(tenantId, lang));
  const areaList = (tenantId: string) => cached(`areas|${tenantId}`, () => deps.areas.list(tenantId));

  function today(): string {
    const l = toLocal(deps.clock.now(), DIRECTORY_TIME_ZONE);
    return isoDate(l.year, l.month, l.day);
  }

  async function areaNameMap(tenantId: string, ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = new Set(ids);
    if (!wanted.size) return new Map();
    const all = await areaList(tenantId);
    return new Map(all.filter((a) => wanted.has(a.id)).map((a) => [a.id, a.name]));
  }

  /**
   * Coordinates (either order, decision 095), an address or street of the tenant's address list
   * (typo-tolerant), a postcode (also inside an address), a postcode's place name, or a street
   * of a published place.
   */
  async function resolveNear(tenantId: string, text: string): Promise<NearPoint | null> {
    const coords = deps.addresses
      ? await deps.addresses.coordinates(tenantId, text)
      : legacyCoordinates(text);
    if (coords !== undefined)
      return coords
        ? { lon: coords.lon, lat: coords.lat, kind: "coordinates", label: null, approximate: false }
        : null;
    if (deps.addresses && /\p{L}{3}/u.test(text)) {
      const hit = await deps.addresses.resolve(tenantId, text);
      if (hit)
        return { lon: hit.lon, lat: hit.lat, kind: hit.kind, label: hit.label, approximate: hit.approximate };
    }
    const code = POSTCODE.exec(text)?.[1];
    if (code) {
      const pc = await searchRepo.postcode(db, tenantId, code, null);
      if (pc)
        return {
          lon: pc.lon,
          lat: pc.lat,
          kind: "postcode",
          label: pc.name ? `${pc.postcode} ${pc.name}` : pc.postcode,
          approximate: true,
        };
      // No centroid kept: where most of the postcode's addresses lie.
      const spread = deps.addresses ? await deps.addresses.postcodeSpread(tenantId, code) : [];
      return spread[0]
        ? { lon: spread[0].lon, lat: spread[0].lat, kind: "postcode", label: code, approximate: true }
        : null;
    }
    const folded = text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[%_\\]/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (folded.length < 3) return null;
    const byName = await searchRepo.postcode(db, tenantId, null, folded);
    if (byName)
      return {
        lon: byName.lon,
        lat: byName.lat,
        kind: "postcode",
        label: byName.name ? `${byName.postcode} ${byName.name}` : byName.postcode,
        approximate: true,
      };
    // A street: without a geocoder only streets of published places are known; the house number is ignored.
    const street = folded.replace(/\s*\d+\s*[a-z]?\s*(,.*)?$/, "").trim();
    if (street.length < 3) return null;
    const place = await searchRepo.placeByStreet(db, tenantId, street);
    return place
      ? { lon: place.lon, lat: place.lat, kind: "street", label: place.street, approximate: true }
      : null;
  }

  function descendants(all: AreaListItem[], rootId: string): string[] {
    const children = new Map<string, string[]>();
    for (const a of all) {
      if (!a.parentId) continue;
      if (!children.has(a.parentId)) children.set(a.parentId, []);
      children.get(a.parentId)!.push(a.id);
    }
    const out: string[] = [];
    const stack = [rootId];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.includes(id)) continue;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  /**
   * Turns the URL's parameters into a filter of ids and numbers. `empty` when a part cannot
   * match anything (no query word known): the result is then empty without asking further.
   */
  async function resolveFilter(
    tenantId: string,
    params: OfferSearchParams,
    lang: ContentLanguage,
    notices: SearchNotice[],
  ): Promise<{ filter: OfferFilter; empty: boolean; near: OfferSearchResult["near"] }> {
    const filter: OfferFilter = { today: today() };
    let empty = false;
    const words = queryWords(params.q);
    // A query of only emoji, punctuation or single letters has no word to look for: it finds
    // nothing, rather than everything as no query does.
    if (params.q.trim() && !words.length) empty = true;
    if (words.length) {
      const variants = await searchRepo.similarWords(db, tenantId, words, VARIANTS_PER_WORD);
      const groups = words.map((_, i) => variants.filter((v) => v.query === i));
      const known = groups.filter((g) => g.length > 0);
      // Words nobody wrote are left out, unless none is known at all.
      if (!known.length) empty = true;
      filter.words = known.map((g) => ({
        all: g.map((v) => v.word),
        exact: g.filter((v) => v.similarity >= 0.999).map((v) => v.word),
      }));
    }
    const termFilters = TERM_FILTER_NAMES.filter((n) => params[n].length);
    if (termFilters.length) {
      const axes = await framework(tenantId, lang);
      filter.termGroups = [];
      for (const name of termFilters) {
        const terms = axes.filter((a) => a.kind === TERM_FILTERS[name]).flatMap((a) => a.terms);
        const ids: string[] = [];
        for (const key of params[name]) {
          const term = terms.find((t) => t.key === key);
          if (!term) {
            notices.push({ code: "unknown_term", param: name, value: key });
            continue;
          }
          // A term includes its refinements.
          const stack = [term.id];
          while (stack.length) {
            const id = stack.pop()!;
            if (ids.includes(id)) continue;
            ids.push(id);
            stack.push(...terms.filter((t) => t.parentId === id).map((t) => t.id));
          }
        }
        if (ids.length) filter.termGroups.push(ids);
      }
    }
    if (params.spoken.length) {
      const known = params.spoken.filter((l) => (SPOKEN_LANGUAGES as readonly string[]).includes(l));
      for (const l of params.spoken)
        if (!known.includes(l)) notices.push({ code: "unknown_language", param: "spoken", value: l });
      if (known.length) filter.spoken = known;
    }
    if (params.free) filter.free = true;
    if (params.childcare) filter.childcare = true;
    let near: OfferSearchResult["near"] = null;
    if (params.near) {
      const point = await resolveNear(tenantId, params.near);
      if (point) {
        const radiusKm = params.radius ?? DEFAULT_RADIUS_KM;
        near = { ...point, radiusKm };
        filter.near = { lon: point.lon, lat: point.lat, radiusKm };
      } else notices.push({ code: "near_not_found", param: "near", value: params.near });
    }
    if (params.district) {
      const all = await areaList(tenantId);
      const area = all.find((a) => a.code.toLowerCase() === params.district.toLowerCase());
      if (area) filter.areaIds = descendants(all, area.id);
      else notices.push({ code: "unknown_district", param: "district", value: params.district });
    }
    if (params.place) filter.placeId = params.place;
    if (params.open) filter.withHours = true;
    return { filter, empty, near };
  }

  async function publicEvents(
    tenantId: string,
    rows: Awaited<ReturnType<typeof searchRepo.events>>,
    lang: ContentLanguage,
  ): Promise<PublicEvent[]> {
    const texts = await deps.translations.resolve(
      tenantId,
      "event",
      rows.map((r) => r.id),
      lang,
    );
    return rows.map((r) => ({
      id: r.id,
      title: local(texts.get(r.id), "title", r.title, lang)!,
      summary: local(texts.get(r.id), "summary", r.summary, lang),
      description: local(texts.get(r.id), "description", r.description, lang),
      startsAt: new Date(r.starts_at),
      durationMinutes: Number(r.duration_minutes),
      rrule: r.rrule,
      exdates: r.exdates ?? [],
      free: r.free,
      languages: r.languages ?? [],
      offerId: r.offer_id,
      organizationName: r.organization_name,
      place: r.place_name
        ? { name: r.place_name, street: r.place_street, postcode: r.place_postcode, city: r.place_city }
        : null,
      updatedAt: new Date(r.updated_at),
    }));
  }

  function stateOf(hours: OpeningHours | null): OpenState | null {
    if (!hours) return null;
    try {
      return openState(hours, deps.clock.now(), hoursOpts());
    } catch {
      // Hours that passed validation always evaluate; anything else is shown without a state.
      return null;
    }
  }

  // Published data only: every method reads on the read path (a replica when configured, decision 083).
  return readOnlyMethods({
    resolveNear,

    /** The offer search behind /{lang}/offers and GET /api/public/offers. */
    async searchOffers(
      tenantId: string,
      input: OfferSearchParams,
      lang: ContentLanguage,
      opts: { notices?: SearchNotice[]; pageSize?: number } = {},
    ): Promise<OfferSearchResult> {
      const params = { ...input };
      const notices = [...(opts.notices ?? [])];
      const pageSize = opts.pageSize ?? PAGE_SIZE;
      const { filter, empty, near } = await resolveFilter(tenantId, params, lang, notices);
      const base = { params, pageSize, near, notices, totalIsLowerBound: false };
      if (empty) return { ...base, items: [], total: 0, page: 1, pageCount: 0 };

      let rows: Awaited<ReturnType<typeof searchRepo.searchOffers>>;
      let total: number;
      let totalIsLowerBound = false;
      const openStates = new Map<string, OpenState | null>();
      if (params.open) {
        const candidates = await searchRepo.searchOffers(db, tenantId, filter, {
          limit: OPEN_NOW_CANDIDATES,
          offset: 0,
        });
        const open = candidates.filter((r) => {
          const s = stateOf(r.opening_hours ?? r.place_hours);
          openStates.set(r.id, s);
          return s?.status === "open";
        });
        totalIsLowerBound = (candidates[0]?.total ?? 0) > OPEN_NOW_CANDIDATES;
        total = open.length;
        rows = open.slice((params.page - 1) * pageSize, params.page * pageSize);
      } else {
        rows = await searchRepo.searchOffers(db, tenantId, filter, {
          limit: pageSize,
          offset: (params.page - 1) * pageSize,
        });
        total = rows[0]?.total ?? 0;
        if (!rows.length && params.page > 1) {
          // Past the last page (a stale link): the total still tells how many there are.
          const first = await searchRepo.searchOffers(db, tenantId, filter, { limit: 1, offset: 0 });
          total = first[0]?.total ?? 0;
        }
      }
      const ids = rows.map((r) => r.id);
      const [places, texts] = await Promise.all([
        searchRepo.placesOfOffers(db, tenantId, ids),
        deps.translations.resolve(tenantId, "offer", ids, lang),
      ]);
      const areaNames = await areaNameMap(
        tenantId,
        places.flatMap((p) => (p.area_id ? [p.area_id] : [])),
      );
      const items: OfferHit[] = rows.map((r) => {
        const own = places.filter((p) => p.offer_id === r.id).map((p) => toPublicPlace(p, areaNames));
        const hours = r.opening_hours ?? own.find((p) => p.openingHours)?.openingHours ?? null;
        return {
          id: r.id,
          title: local(texts.get(r.id), "title", r.title, lang)!,
          summary: local(texts.get(r.id), "summary", r.summary, lang),
          organization: { id: r.organization_id, name: r.organization_name },
          places: own,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
          openingHours: hours,
          open: openStates.has(r.id) ? (openStates.get(r.id) ?? null) : stateOf(hours),
          appointmentOnly: r.appointment_only,
          languages: r.languages ?? [],
          free: r.free,
          childcare: r.childcare,
        };
      });
      return {
        ...base,
        items,
        total,
        totalIsLowerBound,
        page: params.page,
        pageCount: Math.ceil(total / pageSize),
      };
    },

    /**
     * Compact GeoJSON of the search's places for the map: one point per published place with
     * matching offers, coordinates rounded to 5 decimals (about 1 m), properties p (place id)
     * and n (offer count). "open now" and paging do not apply to the map.
     */
    async mapPoints(
      tenantId: string,
      input: OfferSearchParams,
      lang: ContentLanguage = "de",
    ): Promise<MapFeatureCollection & { notices: SearchNotice[] }> {
      const notices: SearchNotice[] = [];
      const { filter, empty } = await resolveFilter(tenantId, { ...input, open: false }, lang, notices);
      const points = empty ? [] : await searchRepo.mapPoints(db, tenantId, filter, MAP_MAX_POINTS);
      return {
        type: "FeatureCollection",
        notices,
        features: points.map((p) => ({
          type: "Feature",
          geometry: { type: "Point", coordinates: [Number(p.lon), Number(p.lat)] },
          properties: { p: p.place_id, n: Number(p.n) },
        })),
      };
    },

    /** The detail page's offer: null when it does not exist, is not published or not valid today. */
    async offer(tenantId: string, id: string, lang: ContentLanguage) {
      if (!isUuid(id)) return null;
      const row = await searchRepo.offer(db, tenantId, id, today());
      if (!row) return null;
      const [places, texts, terms, axes] = await Promise.all([
        searchRepo.placesOfOffers(db, tenantId, [id]),
        deps.translations.resolve(tenantId, "offer", [id], lang),
        searchRepo.termsOf(db, tenantId, "offer", [id]),
        framework(tenantId, lang),
      ]);
      const areaNames = await areaNameMap(
        tenantId,
        places.flatMap((p) => (p.area_id ? [p.area_id] : [])),
      );
      const t = texts.get(id);
      const termIds = new Set(terms.map((x) => x.term_id));
      const publicPlaces = places.map((p) => toPublicPlace(p, areaNames));
      const hours = row.opening_hours ?? publicPlaces.find((p) => p.openingHours)?.openingHours ?? null;
      const contacts: (ContactPerson & { roleText: LocalText | null })[] = (row.contacts ?? []).map(
        (c, i) => ({
          ...c,
          roleText: local(t, `contact_${i}_role`, c.role ?? null, lang),
        }),
      );
      return {
        id: row.id,
        title: local(t, "title", row.title, lang)!,
        summary: local(t, "summary", row.summary, lang),
        /** Sanitised rich text (sanitised at write). */
        description: local(t, "description", row.description, lang),
        costNote: local(t, "cost_note", row.cost_note, lang),
        registrationNote: local(t, "registration_note", row.registration_note, lang),
        openingHours: hours,
        hoursArePlaces: !row.opening_hours && Boolean(hours),
        open: stateOf(hours),
        appointmentOnly: row.appointment_only,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        contacts,
        languages: row.languages ?? [],
        ageMin: row.age_min,
        ageMax: row.age_max,
        free: row.free,
        childcare: row.childcare,
        registrationRequired: row.registration_required,
        organization: {
          id: row.organization_id,
          name: row.organization_name,
          website: row.organization_website,
          email: row.organization_email,
          phone: row.organization_phone,
        },
        places: publicPlaces.map((p) => ({ ...p, open: stateOf(p.openingHours) })),
        terms: axes
          .filter((a) => (Object.values(TERM_FILTERS) as string[]).includes(a.kind))
          .map((a) => ({
            kind: a.kind,
            label: a.label,
            terms: a.terms.filter((x) => termIds.has(x.id)).map((x) => ({ key: x.key, label: x.label })),
          }))
          .filter((a) => a.terms.length),
        updatedAt: new Date(row.updated_at),
        lastCheckedAt: row.last_checked_at ? new Date(row.last_checked_at) : null,
      };
    },

    /** Filter choices for the search form: the terms of each filter axis and the areas. */
    async filterOptions(tenantId: string, lang: ContentLanguage) {
      const [axes, areas] = await Promise.all([framework(tenantId, lang), areaList(tenantId)]);
      const terms = Object.fromEntries(
        TERM_FILTER_NAMES.map((name) => [
          name,
          axes
            .filter((a) => a.kind === TERM_FILTERS[name])
            .flatMap((a) => a.terms)
            .map((t) => ({
              key: t.key,
              label: t.label?.text ?? t.key,
              isFallback: t.label?.isFallback ?? false,
            })),
        ]),
      ) as Record<TermFilter, { key: string; label: string; isFallback: boolean }[]>;
      return {
        terms,
        areas: areas
          .filter((a) => a.level !== "city")
          .map((a) => ({ code: a.code, name: a.name, level: a.level }))
          .sort((a, b) => a.name.localeCompare(b.name, "de")),
      };
    },

    /** Published events with occurrences in [from, to), optionally matching a text; with their occurrences there. */
    async eventsInRange(
      tenantId: string,
      range: { from: Date; to: Date },
      q: string,
      lang: ContentLanguage,
    ): Promise<(PublicEvent & { occurrences: { start: Date; end: Date }[] })[]> {
      const words = queryWords(q);
      if (q.trim() && !words.length) return [];
      let groups: { all: string[] }[] | undefined;
      if (words.length) {
        const variants = await searchRepo.similarWords(db, tenantId, words, VARIANTS_PER_WORD);
        groups = words
          .map((_, i) => ({ all: variants.filter((v) => v.query === i).map((v) => v.word) }))
          .filter((g) => g.all.length);
        if (!groups.length) return [];
      }
      const events = await publicEvents(tenantId, await searchRepo.events(db, tenantId, range, groups), lang);
      return events
        .map((e) => ({ ...e, occurrences: expandOccurrences(e, range, DIRECTORY_TIME_ZONE) }))
        .filter((e) => e.occurrences.length > 0);
    },

    /** One published event series, or null. */
    async event(tenantId: string, id: string, lang: ContentLanguage): Promise<PublicEvent | null> {
      if (!isUuid(id)) return null;
      const rows = await searchRepo.events(db, tenantId, ALL_TIME, undefined, [id]);
      return (await publicEvents(tenantId, rows, lang))[0] ?? null;
    },

    /** Published events of these offers (for the offers' iCal feeds). */
    async eventsOfOffers(
      tenantId: string,
      offerIds: string[],
      lang: ContentLanguage,
    ): Promise<PublicEvent[]> {
      if (!offerIds.length) return [];
      const rows = await searchRepo.events(db, tenantId, ALL_TIME, undefined, undefined, offerIds);
      return publicEvents(tenantId, rows, lang);
    },

    /**
     * Which office is responsible for a point given as coordinates, an address, a street or a
     * postcode. A postcode whose addresses lie in several offices' catchments names each of them.
     */
    async findOffice(tenantId: string, text: string): Promise<OfficeFinding> {
      const notices: SearchNotice[] = [];
      const typed = text.trim().slice(0, MAX_Q);
      const near = await resolveNear(tenantId, typed);
      if (!near) {
        notices.push({ code: "near_not_found", param: "near", value: text.slice(0, 100) });
        return { near: null, notices, office: null, offices: [] };
      }
      if (!deps.responsibleOffice) return { near, notices, office: null, offices: [] };
      const code = near.kind === "postcode" ? POSTCODE.exec(typed)?.[1] : undefined;
      const spread = code && deps.addresses ? await deps.addresses.postcodeSpread(tenantId, code) : [];
      const probes = spread.length ? spread : [near];
      const offices: OfficeHit[] = [];
      for (const p of probes) {
        const hit = await deps.responsibleOffice(tenantId, p.lon, p.lat);
        if (!hit || offices.some((o) => o.id === hit.office.id)) continue;
        const placeRow = hit.office.placeId
          ? await searchRepo.place(db, tenantId, hit.office.placeId)
          : undefined;
        const areaNames = await areaNameMap(tenantId, placeRow?.area_id ? [placeRow.area_id] : []);
        const place = placeRow ? toPublicPlace(placeRow, areaNames) : null;
        offices.push({
          ...hit.office,
          areaName: hit.area.name,
          place,
          open: stateOf(place?.openingHours ?? null),
        });
      }
      return { near, notices, office: offices[0] ?? null, offices };
    },

    today,
    now: () => deps.clock.now(),
  });
}
export type PublicDirectory = ReturnType<typeof createPublicDirectory>;
