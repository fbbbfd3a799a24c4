import {
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { COMMITMENT_STATUSES, REMINDER_KINDS } from "./agreements.model.ts";

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
