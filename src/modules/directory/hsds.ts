/**
 * Mapping of the directory to the Open Referral Human Services Data Specification (HSDS) 3.0:
 * organization → organization, offer → service, place → location (+ physical address,
 * accessibility, languages), offer × place → service_at_location, framework axes and terms →
 * taxonomies and taxonomy_terms (linked through attributes). Pure functions; the service
 * (interchange.ts) loads the rows and texts.
 *
 * HSDS wants an id for every nested object (phone, schedule, address …). Lotse has no rows for
 * them, so their ids are derived deterministically (UUID v5-style from the owner's id and a
 * label): the same data gives the same ids on every request and in every export.
 */
import { createHash } from "node:crypto";
import type { OfferRow, OrganizationRow, PlaceRow } from "./repo.ts";
import { plainTextOf } from "./sanitize.ts";
import type { Accessibility, ContactPerson, OpeningHours } from "./schema.ts";
import { offsetAt } from "./time-zone.ts";

export const HSDS_VERSION = "3.0";
export const HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/";

/** A deterministic UUID (version 5 layout) for a nested HSDS object. */
export function derivedId(...parts: string[]): string {
  const h = createHash("sha1")
    .update(`lotse-hsds:${parts.join(":")}`)
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * Id of a service_at_location (offer × place; no table of its own). A UUIDv8 that carries
 * prefixes of both ids, so a lookup decodes it and reads the pair through the primary-key and
 * place indexes instead of scanning every pair: hex 0–7 = offer id 0–7, hex 8–11 and 13–15 =
 * place id 0–6, the rest a SHA-1 of the whole pair (checked after the lookup).
 */
export function serviceAtLocationId(offerId: string, placeId: string): string {
  const o = offerId.toLowerCase().replaceAll("-", "");
  const p = placeId.toLowerCase().replaceAll("-", "");
  const h = createHash("sha1").update(`lotse-hsds:service_at_location:${o}:${p}`).digest("hex");
  const variant = ((Number.parseInt(h[0]!, 16) & 0x3) | 0x8).toString(16);
  const x = `${o.slice(0, 8)}${p.slice(0, 4)}8${p.slice(4, 7)}${variant}${h.slice(1, 16)}`;
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The uuid ranges a service_at_location id points into; null if it cannot be one of ours. */
export function decodeServiceAtLocationId(
  id: string,
): { offer: [string, string]; place: [string, string] } | null {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-8([0-9a-f]{3})-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.exec(id.trim());
  if (!m) return null;
  const offer = m[1]!.toLowerCase();
  const place = `${m[2]}${m[3]}`.toLowerCase();
  const range = (prefix: string, fill: string): string => {
    const x = prefix.padEnd(32, fill);
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };
  return { offer: [range(offer, "0"), range(offer, "f")], place: [range(place, "0"), range(place, "f")] };
}

export type Texts = Record<string, string | undefined>;
export type TermRef = {
  id: string;
  axisId: string;
  axisKind: string;
  key: string;
  name: string;
  description: string;
};

const BYDAY = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const DAY_NAMES_DE = ["", "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"] as const;

/** "+01:00" / "+02:00": the zone's offset on a date (HSDS times carry an offset). */
function offsetLabel(at: Date, timeZone: string): string {
  const min = Math.round(offsetAt(at.getTime(), timeZone) / 60_000);
  const sign = min < 0 ? "-" : "+";
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/**
 * Weekly opening hours as HSDS schedules: one WEEKLY schedule per distinct time slot, with the
 * weekdays it applies to in `byday`. Times are local wall-clock times with the zone's offset on
 * `at` (the offset changes with daylight saving time; `notes` names the zone).
 */
export function schedulesOf(
  owner: { kind: "service" | "location"; id: string },
  hours: OpeningHours | null,
  extra: { validFrom?: string | null; validTo?: string | null; at: Date; timeZone: string },
): Record<string, unknown>[] {
  if (!hours) return [];
  const bySlot = new Map<string, number[]>();
  for (let d = 1; d <= 7; d++) {
    for (const s of hours.weekly[String(d) as "1"] ?? []) {
      const key = `${s.opens}-${s.closes}`;
      const list = bySlot.get(key) ?? [];
      list.push(d);
      bySlot.set(key, list);
    }
  }
  const off = offsetLabel(extra.at, extra.timeZone);
  const appointment = new Set(hours.appointmentOnlyDays ?? []);
  const out: Record<string, unknown>[] = [];
  for (const [key, dayList] of bySlot) {
    const [opens, closes] = key.split("-") as [string, string];
    const byAppointment = dayList.every((d) => appointment.has(String(d) as "1"));
    const s: Record<string, unknown> = {
      id: derivedId(owner.kind, owner.id, "schedule", key, dayList.join("")),
      [owner.kind === "service" ? "service_id" : "location_id"]: owner.id,
      freq: "WEEKLY",
      interval: 1,
      byday: dayList.map((d) => BYDAY[d]).join(","),
      opens_at: `${opens === "24:00" ? "23:59" : opens}${off}`,
      closes_at: `${closes === "24:00" ? "23:59" : closes}${off}`,
      description: `${dayList.map((d) => DAY_NAMES_DE[d]).join(", ")} ${opens}–${closes}${byAppointment ? " (nach Vereinbarung)" : ""}`,
      notes: `Ortszeit ${extra.timeZone}${hours.closedOnPublicHolidays ? "; an Feiertagen geschlossen" : ""}`,
    };
    if (byAppointment) s.attending_type = "appointment";
    if (extra.validFrom) s.valid_from = extra.validFrom;
    if (extra.validTo) s.valid_to = extra.validTo;
    out.push(s);
  }
  return out;
}

function phone(ownerKind: string, ownerId: string, number: string | null | undefined, label = "phone") {
  return number ? [{ id: derivedId(ownerKind, ownerId, label, number), number }] : [];
}

/** ISO 639 codes Lotse uses → their name in the requested language (Intl.DisplayNames). */
export function languagesOf(
  owner: { kind: "service" | "location"; id: string },
  codes: readonly string[],
  lang: string,
): Record<string, unknown>[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang === "de-simple" ? "de" : lang], { type: "language" });
  } catch {
    names = null;
  }
  return codes.map((code) => ({
    id: derivedId(owner.kind, owner.id, "language", code),
    [owner.kind === "service" ? "service_id" : "location_id"]: owner.id,
    code,
    name: names?.of(code) ?? code,
  }));
}

export function organizationToHsds(o: OrganizationRow, t: Texts): Record<string, unknown> {
  const name = t.name ?? o.name;
  const description = t.description
    ? plainTextOf(t.description)
    : o.description
      ? plainTextOf(o.description)
      : "";
  const out: Record<string, unknown> = {
    id: o.id,
    name,
    // HSDS requires a description; an organization without one gets its name.
    description: description || name,
    phones: phone("organization", o.id, o.phone),
  };
  if (o.email) out.email = o.email;
  if (o.website) out.website = o.website;
  return out;
}

function accessibilityOf(p: PlaceRow): Record<string, unknown>[] {
  const a: Accessibility = p.accessibility ?? {};
  const parts: string[] = [];
  if (a.wheelchair === "yes") parts.push("rollstuhlgerecht");
  if (a.wheelchair === "limited") parts.push("eingeschränkt rollstuhlgerecht");
  if (a.wheelchair === "no") parts.push("nicht rollstuhlgerecht");
  if (a.stepFreeEntrance) parts.push("stufenloser Eingang");
  if (a.accessibleToilet) parts.push("barrierefreies WC");
  if (a.hearingLoop) parts.push("Induktionsschleife");
  if (parts.length === 0 && !a.note) return [];
  const out: Record<string, unknown> = {
    id: derivedId("location", p.id, "accessibility"),
    location_id: p.id,
  };
  if (parts.length) out.description = parts.join(", ");
  if (a.note) out.details = a.note;
  return [out];
}

export function locationToHsds(
  p: PlaceRow,
  t: Texts,
  lang: string,
  opts: { at: Date; timeZone: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    location_type: "physical",
    name: t.name ?? p.name,
    latitude: p.lat,
    longitude: p.lon,
    addresses: [
      {
        id: derivedId("location", p.id, "address"),
        location_id: p.id,
        // HSDS requires a first line; a place without a street gets its name there.
        address_1: p.street ?? p.name,
        city: p.city ?? "",
        state_province: "Nordrhein-Westfalen",
        postal_code: p.postcode ?? "",
        country: "DE",
        address_type: "physical",
      },
    ],
    languages: languagesOf({ kind: "location", id: p.id }, p.languages, lang),
    accessibility: accessibilityOf(p),
    schedules: schedulesOf({ kind: "location", id: p.id }, p.openingHours, opts),
  };
  if (p.organizationId) out.organization_id = p.organizationId;
  if (p.coordinatesApproximate) out.description = "Koordinaten ungefähr (approximate coordinates)";
  return out;
}

function contactsOf(o: OfferRow): Record<string, unknown>[] {
  return (o.contacts ?? []).map((c: ContactPerson, i) => {
    const id = derivedId("service", o.id, "contact", String(i));
    const out: Record<string, unknown> = { id, service_id: o.id, phones: phone("contact", id, c.phone) };
    if (c.name) out.name = c.name;
    if (c.role) out.title = c.role;
    if (c.email) out.email = c.email;
    return out;
  });
}

export function attributesOf(
  linkEntity: "service" | "organization",
  linkId: string,
  terms: readonly TermRef[],
  lang: string,
): Record<string, unknown>[] {
  return terms.map((t) => ({
    id: derivedId(linkEntity, linkId, "attribute", t.id),
    link_id: linkId,
    link_entity: linkEntity,
    link_type: t.axisKind,
    taxonomy_term_id: t.id,
    taxonomy_term: termToHsds(t, lang),
  }));
}

export function termToHsds(t: TermRef, lang: string): Record<string, unknown> {
  return {
    id: t.id,
    code: t.key,
    name: t.name,
    description: t.description || t.name,
    taxonomy_id: t.axisId,
    language: lang === "de-simple" ? "de" : lang,
  };
}

/** The one-to-one fields of a service (the /services list and the base of the full service). */
export function serviceToHsds(o: OfferRow, t: Texts, opts: { today: string }): Record<string, unknown> {
  const description = t.description ? plainTextOf(t.description) : (t.summary ?? o.summary ?? "");
  const expired = o.validTo !== null && o.validTo < opts.today;
  const out: Record<string, unknown> = {
    id: o.id,
    organization_id: o.organizationId,
    name: t.title ?? o.title,
    description,
    status: expired ? "inactive" : "active",
  };
  if (o.costNote) out.fees_description = o.costNote;
  else if (o.free) out.fees_description = "kostenlos";
  if (o.ageMin !== null) out.minimum_age = o.ageMin;
  if (o.ageMax !== null) out.maximum_age = o.ageMax;
  if (o.ageMin !== null || o.ageMax !== null) {
    out.eligibility_description =
      o.ageMin !== null && o.ageMax !== null
        ? `${o.ageMin}–${o.ageMax} Jahre`
        : o.ageMin !== null
          ? `ab ${o.ageMin} Jahren`
          : `bis ${o.ageMax} Jahre`;
  }
  if (o.registrationRequired) out.application_process = o.registrationNote ?? "Anmeldung erforderlich";
  if (o.lastCheckedAt) out.assured_date = o.lastCheckedAt.toISOString().slice(0, 10);
  return out;
}

/** The fully nested service (GET /services/{id}, the export). */
export function fullServiceToHsds(
  o: OfferRow,
  t: Texts,
  ctx: {
    lang: string;
    today: string;
    at: Date;
    timeZone: string;
    organization: Record<string, unknown> | null;
    locations: Record<string, unknown>[];
    terms: TermRef[];
  },
): Record<string, unknown> {
  const base = serviceToHsds(o, t, { today: ctx.today });
  const costOptions: Record<string, unknown>[] = [];
  if (o.free) {
    costOptions.push({
      id: derivedId("service", o.id, "cost"),
      service_id: o.id,
      amount: 0,
      currency: "EUR",
      option: "kostenlos",
    });
  } else if (o.costNote) {
    costOptions.push({
      id: derivedId("service", o.id, "cost"),
      service_id: o.id,
      currency: "EUR",
      option: o.costNote,
    });
  }
  return {
    ...base,
    ...(ctx.organization ? { organization: ctx.organization } : {}),
    schedules: schedulesOf({ kind: "service", id: o.id }, o.openingHours, {
      validFrom: o.validFrom,
      validTo: o.validTo,
      at: ctx.at,
      timeZone: ctx.timeZone,
    }),
    languages: languagesOf({ kind: "service", id: o.id }, o.languages, ctx.lang),
    cost_options: costOptions,
    contacts: contactsOf(o),
    service_at_locations: ctx.locations.map((loc) => ({
      id: serviceAtLocationId(o.id, String(loc.id)),
      service_id: o.id,
      location_id: loc.id,
      location: loc,
    })),
    attributes: attributesOf("service", o.id, ctx.terms, ctx.lang),
  };
}

/** HSDS paging: the Page object of the HSDS OpenAPI document around `contents`. */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
}
