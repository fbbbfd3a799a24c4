import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import {
  CHANNELS,
  CONFLICT_STATES,
  CRISIS_LOG_KINDS,
  CRISIS_STATES,
  LOG_KINDS,
  OUTCOMES,
  PENDING_RETENTION_DAYS,
  PLAN_KINDS,
  POST_KINDS,
  PUBLIC_REPORT_STATES,
  SEVERITIES,
  URGENCIES,
} from "./model.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Feuermelder: organizations and people the tenant designates to report conflicts. Each has a
 * reporting link (looked up by its hash, kept encrypted) that opens the short public form without an account.
 */
export const conflictPosts = pgTable(
  "conflict_posts",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    kind: text("kind", { enum: POST_KINDS }).notNull(),
    areaId: uuid("area_id"),
    email: text("email"),
    language: text("language").notNull().default("de"),
    tokenHash: text("token_hash").notNull(),
    /** The link itself, encrypted, so the contact point can hand it out again. */
    tokenEnc: text("token_enc").notNull(),
    active: boolean("active").notNull().default(true),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_posts_token_key").on(t.tokenHash),
  ],
);

/**
 * A reported conflict. Parties are pseudonyms ("Nachbar A"); names, private addresses and the
 * reporter's contact go to the encrypted protected field. Description and what was tried may
 * reveal religion or origin (Art. 9 GDPR) and are encrypted too.
 */
export const conflicts = pgTable(
  "conflicts",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    reference: text("reference").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    postId: uuid("post_id"),
    areaId: uuid("area_id").notNull(),
    place: text("place"),
    kind: text("kind").notNull(),
    urgency: text("urgency", { enum: URGENCIES }).notNull(),
    severity: text("severity", { enum: SEVERITIES }),
    state: text("state", { enum: CONFLICT_STATES }).notNull().default("reported"),
    outcome: text("outcome", { enum: OUTCOMES }),
    handlerUserId: uuid("handler_user_id"),
    parties: text("parties").array().notNull(),
    descriptionEnc: text("description_enc").notNull(),
    triedEnc: text("tried_enc"),
    protectedEnc: text("protected_enc"),
    reporterEmailEnc: text("reporter_email_enc"),
    statusTokenHash: text("status_token_hash").notNull(),
    reportedAt: ts("reported_at").notNull(),
    dueAt: ts("due_at").notNull(),
    firstContactAt: ts("first_contact_at"),
    escalatedAt: ts("escalated_at"),
    escalationReason: text("escalation_reason"),
    /** The network body escalated to and the meeting whose agenda took the item (decision 103). */
    escalationBodyId: uuid("escalation_body_id"),
    escalationMeetingId: uuid("escalation_meeting_id"),
    closedAt: ts("closed_at"),
    /**
     * A duplicate report merged into another conflict (decision 113): closed without an outcome,
     * kept as history, left out of the numbers and deleted with the conflict it was merged into.
     */
    mergedIntoId: uuid("merged_into_id"),
    mergedAt: ts("merged_at"),
    retentionDueOn: date("retention_due_on"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflicts_reference_key").on(t.tenantId, t.reference),
    uniqueIndex("conflicts_status_token_key").on(t.statusTokenHash),
    // The contact point's queue reads open conflicts by deadline: this index hands them over in
    // that order, so the first page needs no sort over every open conflict (decision 064).
    index("conflicts_open_queue_idx").on(t.tenantId, t.dueAt, t.id).where(sql`state <> 'closed'`),
    index("conflicts_reported_idx").on(t.tenantId, t.reportedAt),
    index("conflicts_merged_into_idx").on(t.tenantId, t.mergedIntoId).where(sql`merged_into_id IS NOT NULL`),
  ],
);

/** The log of contacts and steps, mediation sessions and the written agreement. */
export const conflictLog = pgTable(
  "conflict_log",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    conflictId: uuid("conflict_id").notNull(),
    at: ts("at").notNull(),
    kind: text("kind", { enum: LOG_KINDS }).notNull(),
    textEnc: text("text_enc").notNull(),
    actorUserId: uuid("actor_user_id"),
    /** A session's date, or the date an agreement was signed. */
    happenedOn: date("happened_on"),
    /** An agreement's review date. */
    reviewOn: date("review_on"),
    mediatorUserId: uuid("mediator_user_id"),
    /** A mediator from the volunteer pool (decision 103), checked through the volunteers service. */
    mediatorVolunteerId: uuid("mediator_volunteer_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("conflict_log_conflict_idx").on(t.tenantId, t.conflictId, t.at),
  ],
);

/**
 * The tenant's two plans (decision 064): the crisis plan ("Ablaufplan": roles, alert chain, steps
 * per scenario) and the prevention plan for social cohesion (measures, responsibilities, review
 * dates). One current row per kind, edited with optimistic versions; `content` is the plan's
 * zod-checked document (plan-contracts.ts). `next_review_on` is the earliest review date in it,
 * `reminded_on` the day the daily job last reminded the contact point of it.
 */
export const conflictPlans = pgTable(
  "conflict_plans",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text("kind", { enum: PLAN_KINDS }).notNull(),
    content: jsonb("content").notNull(),
    nextReviewOn: date("next_review_on").notNull(),
    remindedOn: date("reminded_on"),
    updatedByUserId: uuid("updated_by_user_id"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_plans_kind_key").on(t.tenantId, t.kind),
  ],
);

/** Every saved version of a plan, so what the chain was told at a time can be shown later. */
export const conflictPlanRevisions = pgTable(
  "conflict_plan_revisions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    savedAt: ts("saved_at").notNull(),
    savedByUserId: uuid("saved_by_user_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_plan_revisions_version_key").on(t.tenantId, t.planId, t.version),
  ],
);

/**
 * A party of a conflict who is a household of case work (decision 080): the link names the case,
 * so case work's erasure and Art. 15 export take it along (the module's `dataSubject`). The
 * conflict itself stays pseudonymised; only the contact point sees the link.
 */
export const conflictCaseLinks = pgTable(
  "conflict_case_links",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    conflictId: uuid("conflict_id").notNull(),
    caseId: uuid("case_id").notNull(),
    /** The party's pseudonym in the conflict ("Nachbar A"). */
    party: text("party").notNull(),
    linkedByUserId: uuid("linked_by_user_id"),
    linkedAt: ts("linked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_case_links_key").on(t.tenantId, t.conflictId, t.caseId),
    index("conflict_case_links_case_idx").on(t.tenantId, t.caseId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The tagged PDF of a plan's current version (decision 080), rendered by a job after each save
 * and replaced by the next; it holds what the plan holds (the chain's names and phone numbers).
 */
export const conflictPlanPdfs = pgTable(
  "conflict_plan_pdfs",
  {
    tenantId: tenantIdColumn(),
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    pdf: bytea("pdf").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.planId] })],
);

/**
 * A crisis (or a drill) activated from the crisis plan (decision 072): the plan's version and the
 * scenario are fixed at activation; the debrief is written when it is closed (encrypted, as it
 * may name people and events).
 */
export const conflictCrises = pgTable(
  "conflict_crises",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    planId: uuid("plan_id").notNull(),
    planVersion: integer("plan_version").notNull(),
    type: text("type").notNull(),
    drill: boolean("drill").notNull(),
    state: text("state", { enum: CRISIS_STATES }).notNull().default("active"),
    escalateMinutes: integer("escalate_minutes").notNull(),
    activatedAt: ts("activated_at").notNull(),
    activatedByUserId: uuid("activated_by_user_id"),
    closedAt: ts("closed_at"),
    closedByUserId: uuid("closed_by_user_id"),
    workedEnc: text("worked_enc"),
    changeEnc: text("change_enc"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("conflict_crises_activated_idx").on(t.tenantId, t.activatedAt),
  ],
);

/** The alert chain of one crisis: each link's acknowledgement link (its hash) and times. */
export const conflictCrisisAlerts = pgTable(
  "conflict_crisis_alerts",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    crisisId: uuid("crisis_id").notNull(),
    position: integer("position").notNull(),
    role: text("role").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    language: text("language").notNull().default("de"),
    tokenHash: text("token_hash").notNull(),
    alertedAt: ts("alerted_at"),
    acknowledgedAt: ts("acknowledged_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_crisis_alerts_position_key").on(t.tenantId, t.crisisId, t.position),
    // The public page knows its tenant: the token is looked up within it (no cross-tenant query).
    uniqueIndex("conflict_crisis_alerts_token_key").on(t.tenantId, t.tokenHash),
  ],
);

/** The live checklist: the scenario's steps, who ticked each and when. */
export const conflictCrisisChecks = pgTable(
  "conflict_crisis_checks",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    crisisId: uuid("crisis_id").notNull(),
    position: integer("position").notNull(),
    step: text("step").notNull(),
    doneAt: ts("done_at"),
    doneByUserId: uuid("done_by_user_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_crisis_checks_position_key").on(t.tenantId, t.crisisId, t.position),
  ],
);

/** The crisis log: append-only (the repository has no update), text encrypted. */
export const conflictCrisisLog = pgTable(
  "conflict_crisis_log",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    crisisId: uuid("crisis_id").notNull(),
    at: ts("at").notNull(),
    kind: text("kind", { enum: CRISIS_LOG_KINDS }).notNull(),
    actorUserId: uuid("actor_user_id"),
    textEnc: text("text_enc"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("conflict_crisis_log_crisis_idx").on(t.tenantId, t.crisisId, t.at),
  ],
);

/**
 * The module's switches per tenant (decision 120): whether the open public report form is on.
 * No row: off.
 */
export const conflictSettings = pgTable("conflict_settings", {
  tenantId: tenantIdColumn().primaryKey(),
  publicForm: boolean("public_form").notNull().default(false),
  /** Days a public report may wait unmoderated before the daily job erases it (decision 129). */
  pendingRetentionDays: integer("pending_retention_days").notNull().default(PENDING_RETENTION_DAYS),
  version: versionColumn(),
  updatedAt: updatedAt(),
});

/**
 * A resident's report from the open public form, waiting for moderation (decision 120). The
 * content is encrypted as a conflict's; accepting moves it into a new conflict (with the status
 * link) and deletes this row; a rejected one keeps its reason until `retention_due_on`.
 * `source_key` is a hash of tenant and client address, only for the hourly rate limit.
 */
export const conflictPublicReports = pgTable(
  "conflict_public_reports",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    reference: text("reference").notNull(),
    state: text("state", { enum: PUBLIC_REPORT_STATES }).notNull().default("pending"),
    areaId: uuid("area_id").notNull(),
    place: text("place"),
    kind: text("kind").notNull(),
    urgency: text("urgency", { enum: URGENCIES }).notNull(),
    parties: text("parties").array().notNull(),
    descriptionEnc: text("description_enc").notNull(),
    triedEnc: text("tried_enc"),
    protectedEnc: text("protected_enc"),
    reporterEmailEnc: text("reporter_email_enc"),
    language: text("language").notNull(),
    statusTokenHash: text("status_token_hash").notNull(),
    sourceKey: text("source_key").notNull(),
    receivedAt: ts("received_at").notNull(),
    rejectedAt: ts("rejected_at"),
    rejectedByUserId: uuid("rejected_by_user_id"),
    rejectReasonEnc: text("reject_reason_enc"),
    retentionDueOn: date("retention_due_on"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conflict_public_reports_status_token_key").on(t.statusTokenHash),
    index("conflict_public_reports_queue_idx").on(t.tenantId, t.state, t.receivedAt),
    index("conflict_public_reports_source_idx").on(t.tenantId, t.sourceKey, t.receivedAt),
  ],
);
