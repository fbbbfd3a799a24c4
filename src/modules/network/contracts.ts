/**
 * The network module's contracts (decision 019): one zod schema per operation, shared by the
 * API routes, the staff pages and the service. Browser-safe.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import {
  INT32_MAX,
  isoDate,
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  text,
  version,
} from "#app/server/validation.ts";
import {
  ACTION_STATUSES,
  BODY_KINDS,
  MAX_NAME,
  MAX_TEXT,
  MAX_VOTES,
  MEETING_STATES,
  MEMBER_ROLES,
  MINUTES_STATES,
} from "./model.ts";

/** A checkbox from a form ("on") or a JSON boolean. */
export const flag = (fallback: boolean) =>
  z
    .preprocess(
      (v) => (v === "on" || v === "true" ? true : v === "false" || v === "" ? false : v),
      z.boolean(),
    )
    .default(fallback);

const votes = z
  .preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
    z.number().int().min(0).max(MAX_VOTES).nullable(),
  )
  .transform((v) => v ?? null);

export const bodyFields = z.object({
  name: requiredText(MAX_NAME),
  kind: z.enum(BODY_KINDS),
  areaId: optionalUuid(),
  fieldsOfAction: z.array(z.uuid()).max(50).default([]),
  publicBody: flag(true),
});
export const createBodyInput = bodyFields;
export type CreateBody = z.output<typeof createBodyInput>;
export const updateBodyInput = bodyFields.extend({ version: version() });
export type UpdateBody = z.output<typeof updateBodyInput>;

export const addMemberInput = z.object({
  name: requiredText(MAX_NAME),
  email: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.string().trim().max(254).pipe(z.email()).nullish(),
    )
    .transform((v) => v ?? null),
  language: z.enum(LANGUAGE_CODES as [string, ...string[]]).default("de"),
  role: z.enum(MEMBER_ROLES),
  votingRight: flag(false),
  organizationId: optionalUuid(),
  termStart: optionalDate(),
  termEnd: optionalDate(),
  publicConsent: flag(false),
});
export type AddMember = z.output<typeof addMemberInput>;

/** An ISO instant or a form's "2026-03-01T18:00" (read in the tenant's zone, Europe/Berlin). */
export const instant = z.string().trim().min(1).max(40);
export const onlineUrl = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullish(),
  )
  .transform((v) => v ?? null);

export const agendaItemInput = z.object({
  number: requiredText(20),
  title: requiredText(MAX_NAME),
  public: flag(true),
});
export const scheduleMeetingInput = z.object({
  title: requiredText(MAX_NAME),
  startsAt: instant,
  endsAt: z.preprocess((v) => (v === "" ? null : v), instant.nullish()).transform((v) => v ?? null),
  placeId: optionalUuid(),
  onlineUrl,
  agenda: z.array(agendaItemInput).max(100).default([]),
});
export type ScheduleMeeting = z.output<typeof scheduleMeetingInput>;
export const addAgendaItemInput = agendaItemInput.extend({ version: version() });
export type AddAgendaItem = z.output<typeof addAgendaItemInput>;

export const inviteInput = z.object({ version: version() });
export const attendanceInput = z.object({ version: version(), memberIds: z.array(z.uuid()).max(500) });
export type Attendance = z.output<typeof attendanceInput>;

export const decisionInput = z.object({
  version: version(),
  agendaItemId: z.uuid(),
  text: requiredText(MAX_TEXT),
  votesYes: votes,
  votesNo: votes,
  votesAbstain: votes,
  measureId: optionalUuid(),
});
export type RecordDecision = z.output<typeof decisionInput>;

export const actionItemInput = z.object({
  version: version(),
  agendaItemId: z.uuid(),
  title: requiredText(MAX_NAME),
  owner: requiredText(MAX_NAME),
  dueDate: optionalDate(),
  measureId: optionalUuid(),
});
export type RecordActionItem = z.output<typeof actionItemInput>;

export const actionStatusInput = z.object({ version: version(), status: z.enum(ACTION_STATUSES) });
export type ActionStatusChange = z.output<typeof actionStatusInput>;

export const minutesInput = z.object({
  version: version(),
  items: z.array(z.object({ agendaItemId: z.uuid(), discussion: optionalText(MAX_TEXT) })).max(100),
});
export type SaveMinutes = z.output<typeof minutesInput>;
export const minutesStateInput = z.object({ version: version(), state: z.enum(MINUTES_STATES) });
export type MinutesStateChange = z.output<typeof minutesStateInput>;
export const commentInput = z.object({ text: requiredText(4000) });

export const idParams = z.object({ id: z.uuid() });

/** The erasure page's search for a body member by a piece of the name (decision 122). */
export const memberErasureSearch = z.object({ member: text().trim().min(3).max(MAX_NAME) });
export type MemberErasureSearch = z.output<typeof memberErasureSearch>;
/** Erasing a member on the page needs the confirmation: name and attendance go for good. */
export const memberErasureInput = z.object({
  id: z.uuid(),
  confirm: z.literal(true, { error: "code:network_erase_confirm" }),
});
export const openActionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(INT32_MAX).default(0),
});
export const dueDate = isoDate;

/**
 * Server-side paging of the bodies, a body's meetings and an event's contributions (decision
 * 122): `limit` rows from `offset` in the list's stable order, as case work's lists page.
 */
export const PAGE_DEFAULT = 50;
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_DEFAULT),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PageQuery = z.output<typeof pageQuery>;
/** The page a staff or public page shows: only `offset` comes from its link; a bad one shows the first. */
export function pageFrom(url: URL, limit: number): PageQuery {
  const q = pageQuery.safeParse({ offset: url.searchParams.get("offset") ?? undefined, limit });
  return q.success ? q.data : { limit, offset: 0 };
}

// ---- Views ----
const bodySummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(BODY_KINDS),
  areaId: z.string().nullable(),
  fieldsOfAction: z.array(z.string()),
  publicBody: z.boolean(),
  version: z.number().int(),
});
export const memberView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  votingRight: z.boolean(),
  organizationId: z.string().nullable(),
  email: z.string().nullable(),
  language: z.string(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  publicConsent: z.boolean(),
  active: z.boolean(),
});
const meetingSummary = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  placeId: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  state: z.enum(MEETING_STATES),
  minutesState: z.enum(MINUTES_STATES),
  version: z.number().int(),
});
export const bodyListView = z.object({ items: z.array(bodySummary), total: z.number().int() });
export const meetingListView = z.object({ items: z.array(meetingSummary), total: z.number().int() });
export const bodyView = bodySummary.extend({
  members: z.array(memberView),
  /** The first page of the body's meetings, earliest first; `meetingsTotal` counts them all. */
  meetings: z.array(meetingSummary),
  meetingsTotal: z.number().int(),
});
const decisionView = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  text: z.string(),
  votesYes: z.number().int().nullable(),
  votesNo: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  measureId: z.string().nullable(),
});
export const actionItemView = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string(),
  bodyId: z.string(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  measureId: z.string().nullable(),
  version: z.number().int(),
});
export const meetingView = meetingSummary.extend({
  body: bodySummary,
  agenda: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      public: z.boolean(),
      discussion: z.string().nullable(),
      decisions: z.array(decisionView),
      actionItems: z.array(actionItemView),
    }),
  ),
  attendance: z.array(z.string()),
  members: z.array(memberView),
  comments: z.array(
    z.object({ id: z.string(), author: z.string(), text: z.string(), createdAt: z.string() }),
  ),
});
export const openActionsView = z.object({
  items: z.array(
    actionItemView.extend({
      bodyName: z.string(),
      meetingTitle: z.string(),
      meetingStartsAt: z.string(),
      overdue: z.boolean(),
    }),
  ),
  total: z.number().int(),
});
