import {
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
import { COMMITMENT_STATUSES, REMINDER_KINDS } from "./agreements.model.ts";
import { POLL_STATES, type PollAnswer } from "./model.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Zusagen (decision 085): what one party of a cooperation agreement commits to, with the person
 * responsible, a due date and a status; overdue ones are reminded by the daily job.
 */
export const networkCommitments = pgTable(
  "network_commitments",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid("agreement_id").notNull(),
    /** The committing party: one of the agreement's organizations. */
    partyId: uuid("party_id").notNull(),
    text: text("text").notNull(),
    owner: text("owner").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status", { enum: COMMITMENT_STATUSES }).notNull().default("open"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_commitments_agreement_idx").on(t.tenantId, t.agreementId),
    index("network_commitments_open_idx").on(t.tenantId, t.status, t.dueDate),
  ],
);

/**
 * One row per reminder sent (a review date, an overdue action item or commitment, each for its
 * due date): claimed in the mail's transaction, so a rerun or a retried job sends nothing twice.
 */
export const networkReminders = pgTable(
  "network_reminders",
  {
    tenantId: tenantIdColumn(),
    kind: text("kind", { enum: REMINDER_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.entityId, t.dueDate] })],
);

/** The agreement as a tagged PDF, rendered by a job after each change (the latest version wins). */
export const networkAgreementPdfs = pgTable(
  "network_agreement_pdfs",
  {
    tenantId: tenantIdColumn(),
    agreementId: uuid("agreement_id").notNull(),
    version: integer("version").notNull(),
    pdf: bytea("pdf").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agreementId] })],
);

/**
 * Terminfindung (decision 126): a date poll among a body's members before the invitation. Fixing
 * one date creates the meeting (or moves `meeting_id`'s); the version guards against fixing twice.
 */
export const networkDatePolls = pgTable(
  "network_date_polls",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bodyId: uuid("body_id").notNull(),
    title: text("title").notNull(),
    /** A meeting already scheduled whose date the poll decides; null: fixing creates one. */
    meetingId: uuid("meeting_id"),
    placeId: uuid("place_id"),
    onlineUrl: text("online_url"),
    state: text("state", { enum: POLL_STATES }).notNull().default("open"),
    fixedOptionId: uuid("fixed_option_id"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_date_polls_body_idx").on(t.tenantId, t.bodyId),
  ],
);

/** The proposed dates of a poll, in the order proposed. */
export const networkPollOptions = pgTable(
  "network_poll_options",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    pollId: uuid("poll_id").notNull(),
    position: integer("position").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("network_poll_options_poll_idx").on(t.tenantId, t.pollId, t.position),
  ],
);

/**
 * One row per member asked: the answers per option, and the hash of the member's answer link
 * (only the hash is stored; the link goes out once by mail).
 */
export const networkPollResponses = pgTable(
  "network_poll_responses",
  {
    tenantId: tenantIdColumn(),
    pollId: uuid("poll_id").notNull(),
    memberId: uuid("member_id").notNull(),
    tokenHash: text("token_hash"),
    /** option id → yes | maybe | no; an option left out is unanswered. */
    answers: jsonb("answers").$type<Record<string, PollAnswer>>().notNull().default({}),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.pollId, t.memberId] }),
    uniqueIndex("network_poll_responses_token_idx").on(t.tenantId, t.tokenHash),
  ],
);
