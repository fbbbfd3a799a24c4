import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { AGREEMENT_KINDS, AGREEMENT_STATES } from "./agreements.model.ts";
import { ACTION_STATUSES, BODY_KINDS, MEETING_STATES, MEMBER_ROLES, MINUTES_STATES } from "./model.ts";
import { CONTRIBUTION_STATES, EVENT_FORMATS, type EventAttendance } from "./participation.model.ts";

/**
 * Gremien (issue 18): steering groups, working groups, conferences, councils. Fields of action
 * are framework terms, the area an area of the area tree; both are ids of other modules, so no
 * foreign keys across modules.
 */
export const networkBodies = pgTable(
  "network_bodies",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    kind: text("kind", { enum: BODY_KINDS }).notNull(),
    areaId: uuid("area_id"),
    fieldsOfAction: uuid("fields_of_action").array().notNull().default([]),
    /** Its meetings' public agenda items appear over OParl and on the public site. */
    publicBody: boolean("public_body").notNull().default(true),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Mitglieder: role, voting right, "on behalf of" a directory organization, term. */
export const networkMembers = pgTable(
  "network_members",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bodyId: uuid("body_id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    /** The language the member's invitations are written in. */
    language: text("language").notNull().default("de"),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    votingRight: boolean("voting_right").notNull().default(true),
    organizationId: uuid("organization_id"),
    termStart: date("term_start", { mode: "string" }),
    termEnd: date("term_end", { mode: "string" }),
    /** Agreed to be shown publicly (OParl Person); without it the person stays internal. */
    publicConsent: boolean("public_consent").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_members_body_idx").on(t.tenantId, t.bodyId),
  ],
);

/** Sitzungen. The version guards the minutes against two secretaries saving at once. */
export const networkMeetings = pgTable(
  "network_meetings",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bodyId: uuid("body_id").notNull(),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** A directory place, or an online meeting's address. */
    placeId: uuid("place_id"),
    onlineUrl: text("online_url"),
    state: text("state", { enum: MEETING_STATES }).notNull().default("scheduled"),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    minutesState: text("minutes_state", { enum: MINUTES_STATES }).notNull().default("draft"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_meetings_body_idx").on(t.tenantId, t.bodyId, t.startsAt),
    index("network_meetings_starts_idx").on(t.tenantId, t.startsAt),
  ],
);

/** Tagesordnungspunkte: numbered, public or not; the discussion is their part of the minutes. */
export const networkAgendaItems = pgTable(
  "network_agenda_items",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    meetingId: uuid("meeting_id").notNull(),
    position: integer("position").notNull(),
    /** As printed on the agenda: "1", "2.1", "Ö 3". */
    number: text("number").notNull(),
    title: text("title").notNull(),
    public: boolean("public").notNull().default(true),
    discussion: text("discussion"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_agenda_meeting_idx").on(t.tenantId, t.meetingId, t.position),
  ],
);

/** Anwesenheit: which members attended. */
export const networkAttendance = pgTable(
  "network_attendance",
  {
    tenantId: tenantIdColumn(),
    meetingId: uuid("meeting_id").notNull(),
    memberId: uuid("member_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.meetingId, t.memberId] })],
);

/** Beschlüsse per agenda item; vote counts where voted; an optional goal-tree measure. */
export const networkDecisions = pgTable(
  "network_decisions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    meetingId: uuid("meeting_id").notNull(),
    agendaItemId: uuid("agenda_item_id").notNull(),
    text: text("text").notNull(),
    votesYes: integer("votes_yes"),
    votesNo: integer("votes_no"),
    votesAbstain: integer("votes_abstain"),
    measureId: uuid("measure_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_decisions_meeting_idx").on(t.tenantId, t.meetingId),
  ],
);

/** Aufgaben (action items): owner, due date, status; the Beschlusskontrolle lists open ones. */
export const networkActionItems = pgTable(
  "network_action_items",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bodyId: uuid("body_id").notNull(),
    meetingId: uuid("meeting_id").notNull(),
    agendaItemId: uuid("agenda_item_id").notNull(),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    measureId: uuid("measure_id"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_actions_open_idx").on(t.tenantId, t.status, t.dueDate),
    index("network_actions_meeting_idx").on(t.tenantId, t.meetingId),
  ],
);

/** Comments by attendees on draft minutes. */
export const networkMinutesComments = pgTable(
  "network_minutes_comments",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    meetingId: uuid("meeting_id").notNull(),
    authorUserId: uuid("author_user_id").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_comments_meeting_idx").on(t.tenantId, t.meetingId),
  ],
);

/**
 * Kooperationsvereinbarungen and Erklärungen (decision 061): parties are directory
 * organizations; a declaration gathers signing organizations and can be published.
 */
export const networkAgreements = pgTable(
  "network_agreements",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text("kind", { enum: AGREEMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    subject: text("subject").notNull(),
    /** The agreed text (generated or typed); the signed paper stays in the records. */
    text: text("text").notNull().default(""),
    parties: uuid("parties").array().notNull().default([]),
    startDate: date("start_date", { mode: "string" }),
    reviewDate: date("review_date", { mode: "string" }),
    state: text("state", { enum: AGREEMENT_STATES }).notNull().default("draft"),
    /** Out of a meeting or workshop; linked to a goal-tree measure through the port. */
    meetingId: uuid("meeting_id"),
    measureId: uuid("measure_id"),
    published: boolean("published").notNull().default(false),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_agreements_review_idx").on(t.tenantId, t.state, t.reviewDate),
  ],
);

/** Unterzeichnende: an organization, and for an agreement the person's name and function. */
export const networkSignatories = pgTable(
  "network_signatories",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid("agreement_id").notNull(),
    organizationId: uuid("organization_id"),
    name: text("name"),
    function: text("function"),
    signedOn: date("signed_on", { mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_signatories_agreement_idx").on(t.tenantId, t.agreementId),
  ],
);

/**
 * Beteiligungsformate (decision 077): a citizens' forum, World Café, district talk, …; public
 * ones appear in the public calendar and its iCal feed beside the meetings.
 */
export const networkEvents = pgTable(
  "network_events",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    format: text("format", { enum: EVENT_FORMATS }).notNull(),
    description: text("description").notNull().default(""),
    /** Framework target-group terms. */
    targetGroups: uuid("target_groups").array().notNull().default([]),
    /** Languages offered (ISO 639 codes), and those with an interpreter. */
    languages: text("languages").array().notNull().default([]),
    interpreters: text("interpreters").array().notNull().default([]),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    placeId: uuid("place_id"),
    onlineUrl: text("online_url"),
    published: boolean("published").notNull().default(false),
    acceptsContributions: boolean("accepts_contributions").notNull().default(false),
    /** Counted at the event (decision 085): a total, optionally by gender and age band; no names. */
    attendance: jsonb("attendance").$type<EventAttendance>(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_events_starts_idx").on(t.tenantId, t.startsAt),
  ],
);

/**
 * Anregungen: recorded by staff or sent through the public form (with consent, no name). The
 * tracking token is stored hashed; the hashed client address only counts submissions for the
 * rate limit and is cleared after a day.
 */
export const networkContributions = pgTable(
  "network_contributions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    eventId: uuid("event_id").notNull(),
    text: text("text").notNull(),
    source: text("source", { enum: ["staff", "public"] }).notNull(),
    language: text("language").notNull().default("de"),
    fieldOfActionId: uuid("field_of_action_id"),
    state: text("state", { enum: CONTRIBUTION_STATES }).notNull().default("received"),
    reason: text("reason"),
    /** What it became: an agenda item of a body's meeting, or an action item. */
    agendaItemId: uuid("agenda_item_id"),
    actionItemId: uuid("action_item_id"),
    /** Moderated: shown on the event's public page only once staff published it. */
    published: boolean("published").notNull().default(false),
    trackingHash: text("tracking_hash"),
    sourceKey: text("source_key"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    /** The text was erased (on request or after the retention period); the handling stays. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_contributions_event_idx").on(t.tenantId, t.eventId, t.createdAt),
    index("network_contributions_tracking_idx").on(t.tenantId, t.trackingHash),
    index("network_contributions_source_idx").on(t.tenantId, t.sourceKey, t.createdAt),
  ],
);
export * from "./schema-follow-up.ts";
