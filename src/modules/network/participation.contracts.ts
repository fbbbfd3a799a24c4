/** Contracts of participation events and contributions (decisions 019, 077). */
import { z } from "zod";
import { optionalText, optionalUuid, requiredText, text, version } from "#app/server/validation.ts";
import { flag, instant, onlineUrl } from "./contracts.ts";
import { MAX_NAME, MAX_TEXT } from "./model.ts";
import { CONTRIBUTION_STATES, EVENT_FORMATS, MAX_CONTRIBUTION } from "./participation.model.ts";

/** ISO 639 codes ("de", "tr", "ar"; "sgn" for sign language), from a form's comma list or an array. */
const languageList = z
  .preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[\s,;]+/)
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean)
        : v,
    z.array(z.string().regex(/^[a-z]{2,3}$/, { error: "code:network_language_code" })).max(30),
  )
  .default([]);

export const createEventInput = z.object({
  title: requiredText(MAX_NAME),
  format: z.enum(EVENT_FORMATS),
  description: optionalText(MAX_TEXT).transform((v) => v ?? ""),
  targetGroups: z.array(z.uuid()).max(30).default([]),
  languages: languageList,
  interpreters: languageList,
  startsAt: instant,
  endsAt: z.preprocess((v) => (v === "" ? null : v), instant.nullish()).transform((v) => v ?? null),
  placeId: optionalUuid(),
  onlineUrl,
  published: flag(false),
  acceptsContributions: flag(false),
});
export type CreateEvent = z.output<typeof createEventInput>;

export const eventSettingsInput = z.object({
  version: version(),
  published: flag(false),
  acceptsContributions: flag(false),
});
export type EventSettings = z.output<typeof eventSettingsInput>;

/** A head count from JSON or a form field ("12" → 12); empty → null. */
const headCount = () =>
  z
    .preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
      z.number().int().min(0).max(100_000).nullable(),
    )
    .transform((v) => v ?? null);

/** The attendance counted at an event (decision 085): a total, optional breakdowns. */
export const eventAttendanceInput = z.object({
  version: version(),
  total: headCount().pipe(z.number({ error: "code:required" })),
  female: headCount(),
  male: headCount(),
  diverse: headCount(),
  age_under_18: headCount(),
  age_18_26: headCount(),
  age_27_64: headCount(),
  age_65_plus: headCount(),
});
export type EventAttendanceInput = z.output<typeof eventAttendanceInput>;

/** Recorded by staff at the event. */
export const contributionInput = z.object({
  text: requiredText(MAX_CONTRIBUTION),
  fieldOfActionId: optionalUuid(),
});
export type ContributionInput = z.output<typeof contributionInput>;

/**
 * Sent by the public without an account: consent is required; `website` is a honeypot field that
 * people do not see and do not fill (a filled one is dropped without storing anything).
 */
export const publicContributionInput = contributionInput.extend({
  consent: z.preprocess(
    (v) => v === "on" || v === true,
    z.literal(true, { error: "code:network_consent_required" }),
  ),
  website: z.string().max(500).optional(),
});
export type PublicContributionInput = z.output<typeof publicContributionInput>;

/** A step of the handling; declining needs a reason, adopting may name what it became. */
export const contributionStateInput = z.object({
  version: version(),
  state: z.enum(CONTRIBUTION_STATES),
  reason: optionalText(2000),
  agendaItemId: optionalUuid(),
  actionItemId: optionalUuid(),
});
export type ContributionStateChange = z.output<typeof contributionStateInput>;

export const contributionPublishInput = z.object({ version: version(), published: z.boolean() });

const eventSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  format: z.enum(EVENT_FORMATS),
  description: z.string(),
  targetGroups: z.array(z.uuid()),
  languages: z.array(z.string()),
  interpreters: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  placeId: z.uuid().nullable(),
  onlineUrl: z.string().nullable(),
  published: z.boolean(),
  acceptsContributions: z.boolean(),
  contributionCount: z.number().int(),
  version: z.number().int(),
});
export const contributionView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  text: z.string(),
  source: z.enum(["staff", "public"]),
  language: z.string(),
  fieldOfActionId: z.uuid().nullable(),
  state: z.enum(CONTRIBUTION_STATES),
  reason: z.string().nullable(),
  agendaItemId: z.uuid().nullable(),
  actionItemId: z.uuid().nullable(),
  published: z.boolean(),
  createdAt: z.string(),
  /** Set when the text was erased (on request or after the retention period). */
  erasedAt: z.string().nullable(),
  version: z.number().int(),
});
export const eventListView = z.array(eventSummary);
/** The event with the first page of its contributions (decision 122); `contributionCount` counts all. */
export const eventView = eventSummary.extend({ contributions: z.array(contributionView) });
export const contributionListView = z.object({ items: z.array(contributionView), total: z.number().int() });

const attendanceView = z.object({
  total: z.number().int(),
  byGender: z.record(z.string(), z.number().int()),
  byAge: z.record(z.string(), z.number().int()),
});
export const eventAttendanceResult = z.object({ version: z.number().int(), attendance: attendanceView });
export const eventReportView = z.object({
  event: eventSummary,
  attendance: attendanceView.nullable(),
  contributions: z.array(
    z.object({ state: z.enum(CONTRIBUTION_STATES), staff: z.number().int(), public: z.number().int() }),
  ),
  adoptedShare: z.number().nullable(),
  items: z.array(contributionView),
});

/**
 * The data-protection officer's search before erasing a contribution (decision 111): a piece of
 * its text (at least 3 characters), or the tracking link (or its token) the sender kept.
 */
export const contributionErasureSearch = z.object({
  q: text().trim().min(3).max(300),
});
export type ContributionErasureSearch = z.output<typeof contributionErasureSearch>;

/** The erasure page's confirmation: the text goes for good (decision 111). */
export const contributionErasureInput = z.object({
  id: z.uuid(),
  confirm: z.literal(true, { error: "code:network_erase_confirm" }),
});
