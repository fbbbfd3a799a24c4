/**
 * The volunteer pool's contracts (decision 019): one zod schema per operation, shared by the
 * API, the staff pages and the service. Browser-safe.
 */
import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "../../i18n/languages.ts";
import { isoDate, optionalText, optionalUuid, requiredText, version } from "../../server/validation.ts";
import {
  CANCELLERS,
  CERTIFICATE_KINDS,
  CERTIFICATE_RESULTS,
  LANGUAGE_LEVELS,
  LIMITS,
  MODES,
  REQUEST_STATES,
  SETTINGS,
  TRAVEL_MODES,
  VOLUNTEER_STATUSES,
} from "./model.ts";

/** An ISO 639-1 or 639-3 language code ("so", "ti", "kmr"). */
export const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, { error: "code:language_code" });

const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(254).pipe(z.email()).nullish(),
  )
  .transform((v) => v ?? null);

const minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
export const weeklySlot = z
  .object({ weekday: z.number().int().min(1).max(7), from: minute, to: minute })
  .refine((s) => s.from < s.to, { error: "code:hours_end_before_start", path: ["to"] });
export const absence = z
  .object({ from: isoDate(), to: isoDate() })
  .refine((a) => a.from <= a.to, { error: "code:date_range", path: ["to"] });
export const certificate = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS),
    issuedOn: isoDate(),
    validUntil: isoDate().nullable(),
    result: z.enum(CERTIFICATE_RESULTS).optional(),
  })
  .refine((c) => c.validUntil === null || c.issuedOn <= c.validUntil, {
    error: "code:date_range",
    path: ["validUntil"],
  })
  .refine((c) => c.kind !== "police_clearance" || c.result !== undefined, {
    error: "code:required",
    path: ["result"],
  });
export const languageSkill = z.object({
  code: languageCode,
  level: z.enum(LANGUAGE_LEVELS),
  oral: z.boolean(),
  written: z.boolean(),
});

const volunteerFields = z.object({
  name: requiredText(LIMITS.name),
  /** The volunteer's Lotse account (role `volunteer`): they answer their own offers. */
  userId: optionalUuid(),
  email: optionalEmail,
  phone: optionalText(60),
  uiLanguage: z.enum(LANGUAGE_CODES as [Language, ...Language[]]).default("de"),
  status: z.enum(VOLUNTEER_STATUSES).default("applicant"),
  languages: z.array(languageSkill).min(1).max(LIMITS.languages),
  areas: z.array(requiredText(100)).max(30),
  modes: z.array(z.enum(MODES)).min(1).max(MODES.length),
  settings: z.array(z.enum(SETTINGS)).max(SETTINGS.length),
  travelMode: z.enum(TRAVEL_MODES).nullable().default(null),
  certificates: z.array(certificate).max(LIMITS.certificates),
  availability: z.array(weeklySlot).max(LIMITS.slots),
  absences: z.array(absence).max(LIMITS.absences),
});

/** POST /volunteers. */
export const createVolunteerInput = volunteerFields;
export type CreateVolunteer = z.output<typeof createVolunteerInput>;
/** PUT /volunteers/{id}: send the version you read. */
export const updateVolunteerInput = volunteerFields.extend({ version: version() });
export type UpdateVolunteer = z.output<typeof updateVolunteerInput>;

export const volunteerView = volunteerFields.extend({
  id: z.uuid(),
  version: z.number().int(),
  travelMode: z.enum(TRAVEL_MODES).nullable(),
});
export type VolunteerView = z.output<typeof volunteerView>;
/** One line of the pool list: no contact data. */
export const volunteerSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(VOLUNTEER_STATUSES),
  languages: z.array(z.string()),
  modes: z.array(z.enum(MODES)),
  /** The earliest expiry among the required certificates; null: none expires. */
  certificatesValidUntil: isoDate().nullable(),
  certificatesComplete: z.boolean(),
  /** Came through the public application form (decision 099): the coordinator's queue. */
  appliedAt: z.string().nullable(),
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "code:hours_invalid_time" });

/** POST /mediation-requests: a booking (the coordinator's form; the public form follows). */
export const createRequestInput = z.object({
  organizationId: optionalUuid(),
  institutionName: requiredText(LIMITS.name),
  contactName: requiredText(LIMITS.name),
  contactEmail: z.string().trim().max(254).pipe(z.email()),
  language: languageCode,
  mode: z.enum(MODES),
  setting: z.enum(SETTINGS),
  topic: requiredText(LIMITS.topic),
  area: optionalText(100),
  date: isoDate(),
  startTime: time,
  durationMinutes: z.coerce
    .number()
    .int()
    .min(15)
    .max(8 * 60),
  measureId: optionalUuid(),
  /** The form's one-time token: the same token twice books once. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export type CreateRequest = z.output<typeof createRequestInput>;

/** POST /mediation-requests/{id}/events: one step of the state machine. */
export const requestEventInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("check"), version: version() }),
  z.object({ type: z.literal("offer"), version: version(), volunteerId: z.uuid() }),
  z.object({ type: z.literal("accept"), version: version() }),
  z.object({ type: z.literal("decline"), version: version() }),
  z.object({ type: z.literal("confirm"), version: version() }),
  z.object({
    type: z.literal("hold"),
    version: version(),
    minutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(8 * 60),
    /** Kilometres travelled (on site); the monthly statement pays them (decision 099). */
    kilometres: z.coerce.number().int().min(0).max(1000).default(0),
  }),
  z.object({ type: z.literal("claim"), version: version() }),
  z.object({ type: z.literal("settle"), version: version() }),
  z.object({ type: z.literal("cancel"), version: version(), by: z.enum(CANCELLERS) }),
  z.object({ type: z.literal("no_show"), version: version() }),
]);
export type RequestEventInput = z.output<typeof requestEventInput>;

export const requestView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  organizationId: z.uuid().nullable(),
  institutionName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  language: z.string(),
  mode: z.enum(MODES),
  setting: z.enum(SETTINGS),
  topic: z.string(),
  area: z.string().nullable(),
  date: isoDate(),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  state: z.enum(REQUEST_STATES),
  volunteerId: z.uuid().nullable(),
  volunteerName: z.string().nullable(),
  heldMinutes: z.number().int().nullable(),
  heldKm: z.number().int().nullable(),
  cancelledBy: z.enum(CANCELLERS).nullable(),
  cancelledLate: z.boolean().nullable(),
  /** Asked for from a case by a case worker (decision 084); the case itself is not shown. */
  fromCase: z.boolean(),
});
export type RequestView = z.output<typeof requestView>;

export const requestListQuery = z.object({
  state: z.enum(REQUEST_STATES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const scorePart = z.object({
  code: z.enum(["language_level", "same_area", "remote", "continuity", "load"]),
  points: z.number().int(),
});
/** GET /mediation-requests/matching: the proposed assignment of the open requests, with reasons. */
export const matchingView = z.object({
  score: z.number().int(),
  proposals: z.array(
    z.object({
      requestId: z.uuid(),
      requestVersion: z.number().int(),
      volunteerId: z.uuid(),
      volunteerName: z.string(),
      score: z.number().int(),
      parts: z.array(scorePart),
    }),
  ),
  unserved: z.array(
    z.object({
      requestId: z.uuid(),
      language: z.string(),
      date: isoDate(),
      reason: z.enum(["no_speaker", "none_fit", "all_taken"]),
      blocker: z
        .enum([
          "language",
          "mode",
          "setting",
          "certificate",
          "availability",
          "absence",
          "overlap",
          "passed_over",
          "rules",
        ])
        .optional(),
    }),
  ),
});
export type MatchingView = z.output<typeof matchingView>;

/** POST /mediation-requests/matching/confirm: offer the chosen pairs (the coordinator may override). */
export const confirmMatchingInput = z.object({
  offers: z
    .array(z.object({ requestId: z.uuid(), volunteerId: z.uuid(), version: version() }))
    .min(1)
    .max(1000),
});

export const idParams = z.object({ id: z.uuid() });
export const confirmMatchingView = z.object({
  offered: z.number().int(),
  failed: z.array(z.object({ requestId: z.uuid(), code: z.string() })),
});
export const requestListView = z.object({ items: z.array(requestView), hasMore: z.boolean() });

/** POST /mediation-links: a booking link for one contact of a directory organization. */
export const createLinkInput = z.object({
  organizationId: z.uuid(),
  contactName: requiredText(LIMITS.name),
  contactEmail: z.string().trim().max(254).pipe(z.email()),
  language: z.enum(LANGUAGE_CODES as [Language, ...Language[]]).default("de"),
});
export type CreateLink = z.output<typeof createLinkInput>;
export const linkView = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  institutionName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  language: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type LinkView = z.output<typeof linkView>;
/** The new link's token: shown (and mailed) once, stored only as its hash. */
export const issuedLinkView = linkView.extend({ token: z.string(), url: z.string() });

/** The institutions' public form (`/:lang/mediation/:token`): the contact comes from the link. */
export const publicBookingInput = createRequestInput
  .pick({
    language: true,
    mode: true,
    setting: true,
    topic: true,
    area: true,
    date: true,
    startTime: true,
    durationMinutes: true,
  })
  .extend({ idempotencyKey: z.string().trim().min(8).max(100) });
export type PublicBooking = z.output<typeof publicBookingInput>;

/**
 * POST /cases/{caseId}/mediation-requests: a case worker asks for a mediator for a person of
 * the case (decision 084). The contact is the case worker; the language one of the person's.
 */
export const caseRequestInput = createRequestInput
  .pick({
    institutionName: true,
    language: true,
    mode: true,
    setting: true,
    topic: true,
    area: true,
    date: true,
    startTime: true,
    durationMinutes: true,
    idempotencyKey: true,
  })
  .extend({ personId: z.uuid() });
export type CaseRequest = z.output<typeof caseRequestInput>;
