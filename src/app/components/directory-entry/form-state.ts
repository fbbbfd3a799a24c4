import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";
import type { EntityType } from "#app/modules/directory/model.ts";
import { toLocal } from "#app/modules/directory/time-zone.ts";
import { type Json, numberOrText } from "../directory-editor.tsx";

const pad = (n: number) => String(n).padStart(2, "0");
/** An instant as the wall time a datetime-local field shows (directory time zone). */
function localInput(iso: string): string {
  const l = toLocal(new Date(iso), DIRECTORY_TIME_ZONE);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
}

const EMPTY: Record<EntityType, Json> = {
  organization: { name: "", description: "", website: "", email: "", phone: "", termIds: [] },
  place: {
    organizationId: null,
    name: "",
    street: "",
    postcode: "",
    city: "",
    lon: "",
    lat: "",
    coordinatesApproximate: false,
    accessibility: {},
    languages: [],
    openingHours: null,
  },
  offer: {
    organizationId: "",
    title: "",
    summary: "",
    description: "",
    openingHours: { weekly: {} },
    appointmentOnly: false,
    validFrom: "",
    validTo: "",
    contacts: [],
    languages: [],
    ageMin: "",
    ageMax: "",
    free: true,
    costNote: "",
    childcare: false,
    registrationRequired: false,
    registrationNote: "",
    termIds: [],
    placeIds: [],
  },
  event: {
    organizationId: "",
    offerId: null,
    placeId: null,
    title: "",
    summary: "",
    description: "",
    startsAt: "",
    durationMinutes: "90",
    rrule: null,
    exdates: [],
    free: true,
    languages: [],
    termIds: [],
  },
};

/** Stored data → the editor's state (numbers as strings, instants as local wall time). */
export function toForm(type: EntityType, d: Json): Json {
  const f: Json = { ...EMPTY[type], ...d };
  for (const k of ["lon", "lat", "ageMin", "ageMax", "durationMinutes"]) {
    if (k in f) f[k] = f[k] === null || f[k] === undefined ? "" : String(f[k]);
  }
  if (type === "event" && typeof d.startsAt === "string" && d.startsAt) f.startsAt = localInput(d.startsAt);
  for (const k of [
    "description",
    "summary",
    "website",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "costNote",
    "registrationNote",
    "validFrom",
    "validTo",
  ]) {
    if (k in f && f[k] === null) f[k] = "";
  }
  return f;
}

/** The editor's state → the data the service validates. */
export function fromForm(type: EntityType, f: Json): Json {
  const out: Json = { ...f };
  for (const k of ["lon", "lat", "ageMin", "ageMax", "durationMinutes"]) {
    if (k in out) out[k] = numberOrText(String(out[k] ?? ""));
  }
  if (type === "place" && out.organizationId === "") out.organizationId = null;
  if (type === "event") {
    if (out.offerId === "") out.offerId = null;
    if (out.placeId === "") out.placeId = null;
  }
  return out;
}
