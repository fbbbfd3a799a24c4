/**
 * The conflict module's contracts (decision 019): one zod schema per operation, shared by the
 * API routes, the pages and the service; and the views it returns. Browser-safe.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import {
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  text,
  version,
} from "../../server/validation.ts";
import {
  CHANNELS,
  CONFLICT_KINDS,
  CONFLICT_STATES,
  LIMITS,
  LOG_KINDS,
  OUTCOMES,
  PENDING_RETENTION_BOUNDS,
  POST_KINDS,
  SEVERITIES,
  URGENCIES,
} from "./model.ts";

const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(254).pipe(z.email()).nullish(),
  )
  .transform((v) => v ?? null);

/** Pseudonyms of the parties ("Nachbar A", "Verein B"), never their names. */
const parties = z.array(text().trim().min(1).max(80)).max(LIMITS.parties);

/** A report, from a fire-alarm post's form or taken by phone at the contact point. */
export const reportInput = z.object({
  areaId: z.uuid(),
  place: optionalText(LIMITS.short).meta({
    description: "A public place or institution, never a private address",
  }),
  kind: z.enum(CONFLICT_KINDS),
  urgency: z.enum(URGENCIES).default("normal"),
  parties: parties.default([]),
  description: requiredText(LIMITS.text),
  tried: optionalText(LIMITS.text),
  /** Names, private addresses, phone numbers: encrypted, shown to the contact point only. */
  protectedDetails: optionalText(LIMITS.text),
  reporterEmail: optionalEmail.meta({ description: "Where the acknowledgement and status link go" }),
  /**
   * What to do with a private address found in the description or the place: "move" it to the
   * protected details, or "keep" it. Without a choice such a report is refused with the field
   * error `address_in_text`, so the form can offer the move.
   */
  addressChoice: z.enum(["move", "keep"]).nullish(),
});
export type ReportInput = z.output<typeof reportInput>;

export const triageInput = z.object({
  version: version(),
  severity: z.enum(SEVERITIES),
  urgency: z.enum(URGENCIES),
  handlerUserId: z.uuid(),
});
export type TriageInput = z.output<typeof triageInput>;

/** "I take it": the handler becomes the caller, only if nobody else took it since `version`. */
export const takeInput = z.object({ version: version() });

export const transitionInput = z.object({
  version: version(),
  to: z.enum(CONFLICT_STATES),
  outcome: z.enum(OUTCOMES).nullish(),
});
export type TransitionInput = z.output<typeof transitionInput>;

export const logInput = z.object({
  kind: z.enum(LOG_KINDS),
  text: requiredText(LIMITS.text),
  happenedOn: optionalDate(),
  reviewOn: optionalDate(),
  /** A staff mediator, or (decision 103) one of the pool's volunteers with the qualification. */
  mediatorUserId: optionalUuid(),
  mediatorVolunteerId: optionalUuid(),
});
export type LogInput = z.output<typeof logInput>;

/** To the steering group; `bodyId` also puts an item on that body's next agenda (decision 103). */
export const escalateInput = z.object({
  version: version(),
  reason: requiredText(1000),
  bodyId: optionalUuid(),
});
export type EscalateInput = z.output<typeof escalateInput>;

/**
 * Merge this conflict, a duplicate report, into another open conflict (decision 113); `version`
 * is the duplicate's as read.
 */
export const mergeInput = z.object({ version: version(), intoId: z.uuid() });
export type MergeInput = z.output<typeof mergeInput>;

/**
 * A resident's report through the open public form (decision 120): the fire-alarm form's fields
 * and `website`, a honeypot people do not see (a filled one is dropped without a word).
 */
export const publicReportInput = reportInput.extend({
  website: z.string().max(200).optional(),
});
export type PublicReportInput = z.output<typeof publicReportInput>;

/**
 * Moderation (decision 120): accept as a new conflict, or — with `intoId` — as a duplicate merged
 * into that open conflict at once (decision 113's merge). `version` is the report's as read.
 */
export const acceptPublicReportInput = z.object({ version: version(), intoId: optionalUuid() });
export type AcceptPublicReport = z.output<typeof acceptPublicReportInput>;
/**
 * Erasing a waiting report on request (Art. 17, decision 129): the reason is the request's kind
 * and date, no names ("Mail der meldenden Person vom 3.12."); it stays in the audit entry.
 */
export const erasePublicReportInput = z.object({ version: version(), reason: requiredText(300) });
export type ErasePublicReport = z.output<typeof erasePublicReportInput>;
/** A rejection needs a reason; it stays with the contact point (the reporter sees "not taken up"). */
export const rejectPublicReportInput = z.object({ version: version(), reason: requiredText(1000) });
export type RejectPublicReport = z.output<typeof rejectPublicReportInput>;

/**
 * Switching the open public form on or off, and how long a report may wait unmoderated before
 * it is erased (decision 129; left out: unchanged). Version 0 when nothing was saved yet.
 */
export const publicFormInput = z.object({
  enabled: z.boolean(),
  pendingRetentionDays: z
    .number()
    .int()
    .min(PENDING_RETENTION_BOUNDS.min)
    .max(PENDING_RETENTION_BOUNDS.max)
    .optional(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type PublicFormInput = z.output<typeof publicFormInput>;

export const createPostInput = z.object({
  name: requiredText(LIMITS.short),
  kind: z.enum(POST_KINDS),
  areaId: optionalUuid(),
  email: optionalEmail,
  language: z.enum(LANGUAGE_CODES as [string, ...string[]]).default("de"),
});
export type CreatePost = z.output<typeof createPostInput>;

export const statisticsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
/** The year to publish into monitoring (decision 088). */
export const publishFiguresInput = z.object({ year: z.number().int().min(2000).max(2100) });
/** What publishing into monitoring wrote (decision 088). */
export const publishFiguresView = z.object({
  values: z.number().int(),
  level: z.string(),
  areas: z.number().int(),
  unassigned: z.number().int(),
});
export const conflictIdParams = z.object({ id: z.uuid() });
export const conflictCaseParams = z.object({ id: z.uuid(), caseId: z.uuid() });

/** A party (its pseudonym in the conflict) linked to a case of case work (decision 080). */
export const caseLinkInput = z.object({ caseId: z.uuid(), party: requiredText(200) });
export type CaseLinkInput = z.output<typeof caseLinkInput>;
export const queueQuery = z.object({
  mine: z.enum(["1", "0"]).optional(),
  overdue: z.enum(["1", "0"]).optional(),
  closed: z.enum(["1", "0"]).optional(),
});

// Views ---------------------------------------------------------------------------------------

export const queueItemView = z.object({
  id: z.string(),
  reference: z.string(),
  areaId: z.string(),
  areaName: z.string().nullable(),
  kind: z.string(),
  urgency: z.enum(URGENCIES),
  severity: z.enum(SEVERITIES).nullable(),
  state: z.enum(CONFLICT_STATES),
  handlerUserId: z.string().nullable(),
  handlerName: z.string().nullable(),
  reportedAt: z.string(),
  dueAt: z.string(),
  firstContactAt: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  version: z.number().int(),
});
export type QueueItem = z.output<typeof queueItemView>;

export const logEntryView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(LOG_KINDS),
  text: z.string(),
  actorName: z.string().nullable(),
  happenedOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  mediatorName: z.string().nullable(),
});

const conflictRef = z.object({ id: z.string(), reference: z.string() });

export const conflictView = queueItemView.extend({
  channel: z.enum(CHANNELS),
  postName: z.string().nullable(),
  place: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  parties: z.array(z.string()),
  description: z.string(),
  tried: z.string().nullable(),
  protectedDetails: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  escalationReason: z.string().nullable(),
  /** The meeting whose agenda took the escalation (decision 103). */
  escalationMeetingId: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The conflict this duplicate was merged into, and the duplicates merged into this one (decision 113). */
  mergedInto: conflictRef.nullable(),
  mergedFrom: z.array(conflictRef),
  nextStates: z.array(z.enum(CONFLICT_STATES)),
  log: z.array(logEntryView),
});
export type ConflictView = z.output<typeof conflictView>;

/** What the reporter sees through the status link: no notes, no parties, no handler. */
export const statusView = z.object({
  reference: z.string(),
  kind: z.string(),
  /** A public report before it became a conflict: waiting for moderation, or not taken up (decision 120). */
  state: z.enum([...CONFLICT_STATES, "awaiting_moderation", "not_taken_up"]),
  outcome: z.enum(OUTCOMES).nullable(),
  reportedAt: z.string(),
  firstContactAt: z.string().nullable(),
});
export type StatusView = z.output<typeof statusView>;

/** Where an escalation's agenda item went (decision 103). */
export const agendaItemView = z.object({ meetingId: z.string(), startsAt: z.string(), number: z.string() });

/** The reporter's receipt: the status link is shown once and mailed, never stored in clear. */
export const reportReceiptView = z.object({ reference: z.string(), statusToken: z.string() });

/** The steering group's view of an escalated conflict: pseudonyms only, no description. */
export const escalatedView = z.object({
  reference: z.string(),
  areaName: z.string().nullable(),
  kind: z.string(),
  urgency: z.enum(URGENCIES),
  state: z.enum(CONFLICT_STATES),
  parties: z.array(z.string()),
  reason: z.string().nullable(),
  escalatedAt: z.string(),
  /** The meeting whose agenda took it, if the escalation named a body (decision 103). */
  meetingId: z.string().nullable(),
});
export type EscalatedView = z.output<typeof escalatedView>;

export const postView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(POST_KINDS),
  areaId: z.string().nullable(),
  email: z.string().nullable(),
  language: z.string(),
  active: z.boolean(),
});
export const createdPostView = postView.extend({ reportToken: z.string() });

const safeCountView = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
export const statisticsView = z.object({
  year: z.number().int(),
  /** Rows: area × kind; columns: quarters 1–4; small cells suppressed. */
  rows: z.array(
    z.object({
      areaId: z.string(),
      areaName: z.string(),
      kind: z.string(),
      quarters: z.array(safeCountView),
    }),
  ),
  firstContact: z.array(
    z.object({ quarter: z.number().int(), inTime: safeCountView, late: safeCountView, none: safeCountView }),
  ),
  outcomes: z.array(z.object({ outcome: z.enum(OUTCOMES), count: safeCountView })),
});
export type StatisticsView = z.output<typeof statisticsView>;

/** The mediator's own view (decision 113): their open mediations, without protected details. */
export const mediationsView = z.object({
  mediator: z.object({ id: z.string(), name: z.string() }).nullable(),
  items: z.array(
    z.object({
      reference: z.string(),
      kind: z.string(),
      areaName: z.string().nullable(),
      place: z.string().nullable(),
      state: z.enum(CONFLICT_STATES),
      parties: z.array(z.string()),
      description: z.string(),
      tried: z.string().nullable(),
      handlerName: z.string().nullable(),
      entries: z.array(
        z.object({
          kind: z.enum(LOG_KINDS),
          text: z.string(),
          happenedOn: z.string().nullable(),
          reviewOn: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type MediationsView = z.output<typeof mediationsView>;

/** The open public form's switch (decision 120). */
export const publicFormView = z.object({
  enabled: z.boolean(),
  pendingRetentionDays: z.number().int(),
  version: z.number().int(),
});

/** A report waiting in the moderation queue, with open conflicts it may duplicate (decision 120). */
export const publicReportView = z.object({
  id: z.string(),
  reference: z.string(),
  receivedAt: z.string(),
  areaId: z.string(),
  areaName: z.string().nullable(),
  place: z.string().nullable(),
  kind: z.string(),
  urgency: z.enum(URGENCIES),
  parties: z.array(z.string()),
  description: z.string(),
  tried: z.string().nullable(),
  protectedDetails: z.string().nullable(),
  hasEmail: z.boolean(),
  language: z.string(),
  /** The day the daily job erases it if nobody moderated it by then (decision 129). */
  eraseOn: z.string(),
  version: z.number().int(),
  duplicates: z.array(
    z.object({ id: z.string(), reference: z.string(), kind: z.string(), state: z.string() }),
  ),
});
export type PublicReportView = z.output<typeof publicReportView>;
