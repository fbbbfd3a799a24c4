import { z } from "zod";
import { isUuid } from "../../server/db/ids.ts";
import { validateOpeningHours } from "./hours.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { validateRrule } from "./recurrence.ts";
import { sanitizeRichText } from "./sanitize.ts";
import type { Accessibility, ContactPerson, OpeningHours } from "./schema.ts";
import { SPOKEN_LANGUAGES } from "./spoken-languages.ts";
import { fromLocal } from "./time-zone.ts";

/**
 * Input schemas of the directory (organizations, places, offers, events). Staff forms, the API,
 * the CSV/XLSX import and the demo seed all go through these. German text only (the source
 * language); translations are written separately. Messages "code:xyz" map to "validation.xyz".
 *
 * Checks that need the database (framework terms exist, place inside the tenant's areas,
 * organization and places exist) live in the service.
 */

export { SPOKEN_LANGUAGES, type SpokenLanguage } from "./spoken-languages.ts";

export const MAX_NAME = 200;
export const MAX_SUMMARY = 500;
export const MAX_RICH_TEXT = 20_000;
export const MAX_NOTE = 500;
export const MAX_CONTACTS = 20;
export const MAX_LINKS = 50;
export const MAX_SLOTS_PER_DAY = 8;
export const MAX_EXCEPTIONS = 100;
export const MAX_EVENT_MINUTES = 14 * 24 * 60;

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

const uuid = () => z.string().refine(isUuid, { error: "code:invalid" });

/** Required German text: trimmed, NFC, 1..max characters. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((v) => v.normalize("NFC"));

/** Optional text: absent, null and "" all become null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v.normalize("NFC") : null));

/** Rich text (a small HTML subset), sanitised; empty after sanitising becomes null. */
const richText = () =>
  z
    .string()
    .max(MAX_RICH_TEXT)
    .nullish()
    .transform((v) => {
      if (!v?.trim()) return null;
      const clean = sanitizeRichText(v).trim();
      return clean ? clean : null;
    });

const optionalEmail = () =>
  z
    .string()
    .trim()
    .max(254)
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null))
    .pipe(z.email().nullable());

const optionalPhone = () =>
  z
    .string()
    .trim()
    .max(40)
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()/.-]{3,40}$/, { error: "code:phone_format" })
        .nullable(),
    );

const optionalUrl = () =>
  z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .refine(
          (v) => {
            try {
              const u = new URL(v);
              return u.protocol === "https:" || u.protocol === "http:";
            } catch {
              return false;
            }
          },
          { error: "code:url_format" },
        )
        .nullable(),
    );

const isoDate = () => z.iso.date({ error: "code:invalid_date" });
const optionalDate = () =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(isoDate().nullable());

const idList = () =>
  z
    .array(uuid())
    .max(MAX_LINKS)
    .default([])
    .transform((ids) => [...new Set(ids.map((i) => i.toLowerCase()))]);

const languages = () =>
  z
    .array(z.enum(SPOKEN_LANGUAGES, { error: "code:spoken_language" }))
    .max(SPOKEN_LANGUAGES.length)
    .default([])
    .transform((ls) => [...new Set(ls)]);

// ---- Opening hours -------------------------------------------------------------------------

const timeSlot = z.object({ opens: z.string().max(5), closes: z.string().max(5) }).strict();
const slots = z.array(timeSlot).max(MAX_SLOTS_PER_DAY);

const weekly = z
  .object(
    Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, slots.optional()])) as Record<
      (typeof WEEKDAY_KEYS)[number],
      z.ZodOptional<typeof slots>
    >,
  )
  .strict();

const hoursException = z
  .object({
    from: isoDate(),
    to: isoDate(),
    closed: z.boolean(),
    slots: slots.optional(),
    note: z
      .string()
      .trim()
      .max(MAX_NOTE)
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .strict();

/**
 * Opening hours of a place, an offer or a contact person. The shape is checked here; times,
 * order, overlaps and exception ranges by validateOpeningHours() (hours_* codes at paths like
 * "weekly.1.0.closes").
 */
export const openingHoursInput = z
  .object({
    weekly: weekly.default({}),
    appointmentOnlyDays: z
      .array(z.enum(WEEKDAY_KEYS))
      .max(7)
      .optional()
      .transform((d) => (d?.length ? [...new Set(d)].sort() : undefined)),
    exceptions: z
      .array(hoursException)
      .max(MAX_EXCEPTIONS)
      .optional()
      .transform((e) => (e?.length ? e : undefined)),
    closedOnPublicHolidays: z.boolean().optional(),
  })
  .strict()
  .transform((h): OpeningHours => {
    const weeklyOut: OpeningHours["weekly"] = {};
    for (const d of WEEKDAY_KEYS) {
      const s = h.weekly[d];
      if (s?.length) weeklyOut[d] = s;
    }
    const out: OpeningHours = { weekly: weeklyOut };
    if (h.appointmentOnlyDays) out.appointmentOnlyDays = h.appointmentOnlyDays;
    if (h.exceptions)
      out.exceptions = h.exceptions.map((e) => ({
        from: e.from,
        to: e.to,
        closed: e.closed,
        ...(e.slots?.length && !e.closed ? { slots: e.slots } : {}),
        ...(e.note ? { note: e.note } : {}),
      }));
    if (h.closedOnPublicHolidays !== undefined) out.closedOnPublicHolidays = h.closedOnPublicHolidays;
    return out;
  })
  .superRefine((h, ctx) => {
    for (const e of validateOpeningHours(h)) {
      ctx.addIssue({ code: "custom", path: e.path.split("."), message: `code:${e.code}` });
    }
  });

const optionalHours = () => openingHoursInput.nullish().transform((h) => h ?? null);

// ---- Entries -----------------------------------------------------------------------------

const contactPerson = z
  .object({
    name: optionalText(MAX_NAME),
    role: optionalText(MAX_NAME),
    phone: optionalPhone(),
    email: optionalEmail(),
    hours: optionalHours(),
  })
  .strict()
  .transform((c): ContactPerson => {
    const out: ContactPerson = {};
    if (c.name) out.name = c.name;
    if (c.role) out.role = c.role;
    if (c.phone) out.phone = c.phone;
    if (c.email) out.email = c.email;
    if (c.hours) out.hours = c.hours;
    return out;
  });

const accessibility = z
  .object({
    wheelchair: z.enum(["yes", "limited", "no"]).nullish(),
    stepFreeEntrance: z.boolean().nullish(),
    accessibleToilet: z.boolean().nullish(),
    hearingLoop: z.boolean().nullish(),
    note: optionalText(MAX_NOTE),
  })
  .strict()
  .transform((a): Accessibility => {
    const out: Accessibility = {};
    if (a.wheelchair) out.wheelchair = a.wheelchair;
    if (typeof a.stepFreeEntrance === "boolean") out.stepFreeEntrance = a.stepFreeEntrance;
    if (typeof a.accessibleToilet === "boolean") out.accessibleToilet = a.accessibleToilet;
    if (typeof a.hearingLoop === "boolean") out.hearingLoop = a.hearingLoop;
    if (a.note) out.note = a.note;
    return out;
  });

export const organizationInput = z
  .object({
    name: text(MAX_NAME),
    description: richText(),
    website: optionalUrl(),
    email: optionalEmail(),
    phone: optionalPhone(),
    logoImageId: uuid()
      .nullish()
      .transform((v) => v ?? null),
    termIds: idList(),
  })
  .strict();
export type OrganizationInput = z.output<typeof organizationInput>;

export const placeInput = z
  .object({
    organizationId: uuid()
      .nullish()
      .transform((v) => v ?? null),
    name: text(MAX_NAME),
    street: optionalText(MAX_NAME),
    postcode: optionalText(10).pipe(
      z
        .string()
        .regex(/^[0-9]{5}$/, { error: "code:postcode_format" })
        .nullable(),
    ),
    city: optionalText(MAX_NAME),
    lon: z
      .number({ error: "code:invalid_type" })
      .min(-180, { error: "code:geometry_out_of_range" })
      .max(180, { error: "code:geometry_out_of_range" }),
    lat: z
      .number({ error: "code:invalid_type" })
      .min(-90, { error: "code:geometry_out_of_range" })
      .max(90, { error: "code:geometry_out_of_range" }),
    coordinatesApproximate: z.boolean().default(false),
    accessibility: accessibility.default({}),
    languages: languages(),
    openingHours: optionalHours(),
  })
  .strict();
export type PlaceInput = z.output<typeof placeInput>;

const optionalAge = () =>
  z
    .number()
    .int()
    .min(0)
    .max(120)
    .nullish()
    .transform((v) => v ?? null);

export const offerInput = z
  .object({
    organizationId: uuid(),
    title: text(MAX_NAME),
    summary: optionalText(MAX_SUMMARY),
    description: richText(),
    openingHours: optionalHours(),
    appointmentOnly: z.boolean().default(false),
    validFrom: optionalDate(),
    validTo: optionalDate(),
    contacts: z.array(contactPerson).max(MAX_CONTACTS).default([]),
    languages: languages(),
    ageMin: optionalAge(),
    ageMax: optionalAge(),
    free: z.boolean().default(true),
    costNote: optionalText(MAX_NOTE),
    childcare: z.boolean().default(false),
    registrationRequired: z.boolean().default(false),
    registrationNote: optionalText(MAX_NOTE),
    imageId: uuid()
      .nullish()
      .transform((v) => v ?? null),
    termIds: idList(),
    placeIds: idList(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.ageMin !== null && o.ageMax !== null && o.ageMin > o.ageMax)
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: "code:age_range" });
    if (o.validFrom && o.validTo && o.validFrom > o.validTo)
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "code:date_range" });
  });
export type OfferInput = z.output<typeof offerInput>;

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant: ISO 8601 with an offset ("2026-05-04T16:00:00+02:00", "…Z"), or a wall time
 * without one ("2026-05-04T16:00", as a datetime-local field sends it) read in the directory's
 * time zone. Output: ISO string in UTC.
 */
export const instantInput = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const local = LOCAL_DATETIME.exec(v);
    let d: Date;
    if (local) {
      const [, y, mo, da, h, mi, s] = local.map(Number) as number[];
      if (mo! < 1 || mo! > 12 || da! < 1 || da! > 31 || h! > 23 || mi! > 59 || (s ?? 0) > 59) {
        ctx.addIssue({ code: "custom", message: "code:invalid_date" });
        return z.NEVER;
      }
      d = fromLocal(DIRECTORY_TIME_ZONE, y!, mo!, da!, h!, mi!, Number.isNaN(s) ? 0 : (s ?? 0));
    } else if (z.iso.datetime({ offset: true }).safeParse(v).success) {
      d = new Date(v);
    } else {
      ctx.addIssue({ code: "custom", message: "code:invalid_date" });
      return z.NEVER;
    }
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "code:invalid_date" });
      return z.NEVER;
    }
    return d.toISOString();
  });

export const eventInput = z
  .object({
    organizationId: uuid(),
    offerId: uuid()
      .nullish()
      .transform((v) => v ?? null),
    placeId: uuid()
      .nullish()
      .transform((v) => v ?? null),
    title: text(MAX_NAME),
    summary: optionalText(MAX_SUMMARY),
    description: richText(),
    startsAt: instantInput,
    durationMinutes: z.number().int().min(1).max(MAX_EVENT_MINUTES),
    rrule: z
      .string()
      .trim()
      .max(500)
      .nullish()
      .transform((v) => (v ? v.replace(/^RRULE:/i, "").toUpperCase() : null)),
    exdates: z
      .array(isoDate())
      .max(500)
      .default([])
      .transform((d) => [...new Set(d)].sort()),
    free: z.boolean().default(true),
    languages: languages(),
    termIds: idList(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.rrule) {
      const code = validateRrule(e.rrule);
      if (code) ctx.addIssue({ code: "custom", path: ["rrule"], message: `code:${code}` });
    }
  });
export type EventInput = z.output<typeof eventInput>;

export const ENTRY_INPUTS = {
  organization: organizationInput,
  place: placeInput,
  offer: offerInput,
  event: eventInput,
} as const;
export type EntryInputs = {
  organization: OrganizationInput;
  place: PlaceInput;
  offer: OfferInput;
  event: EventInput;
};

/** The German text fields of each entry type that are translated (content_translations). */
export const TRANSLATED_FIELDS = {
  organization: ["name", "description"],
  place: ["name"],
  offer: ["title", "summary", "description"],
  event: ["title", "summary", "description"],
} as const satisfies Record<keyof EntryInputs, readonly string[]>;

/** Fields holding sanitised rich text (translations of these are sanitised too). */
export const RICH_TEXT_FIELDS: ReadonlySet<string> = new Set(["description"]);
