import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  foreignKey,
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
import type { ApplicationStatus, BudgetLine, CallStatus, CostRule, Criterion } from "./model.ts";
import type { PaymentStatus } from "./payments-model.ts";
import type { ProofLine, ProofStatus, Receipt } from "./proof-model.ts";

/**
 * Förderaufruf / Förderrichtlinie: a call with its rules. The budget is per calendar year of the
 * period (the pot); amounts are integer cents, rates basis points.
 */
export const fundingCalls = pgTable(
  "funding_calls",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status").$type<CallStatus>().notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    /** Null: rolling intake (applications any time within the period). */
    deadline: date("deadline"),
    budgetPerYearCents: integer("budget_per_year_cents").notNull(),
    projectCapCents: integer("project_cap_cents").notNull(),
    /** Own contribution the applicant must bring, in basis points of the total cost (0: none). */
    ownContributionBp: integer("own_contribution_bp").notNull().default(0),
    costRules: jsonb("cost_rules").$type<CostRule[]>().notNull(),
    criteria: jsonb("criteria").$type<Criterion[]>().notNull(),
    /** Framework terms (fields of action) the call targets; checked through the framework service. */
    fieldOfActionIds: uuid("field_of_action_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Months after the grant year within which the proof of use is due (ANBest-P no. 6.1: six). */
    proofMonths: integer("proof_months").notNull().default(6),
    /** The tenant publishes this call's funded projects (title, organization, amount, year). */
    publishFunded: boolean("publish_funded").notNull().default(false),
    /** A cost line deviating from the plan by more than this (basis points) needs a reason (ANBest-P: 20 %). */
    deviationBp: integer("deviation_bp").notNull().default(2000),
    /**
     * The surveys questionnaire of the narrative report (Sachbericht, decision 131), checked
     * through the surveys service; no foreign key across modules. Null: the report is free text.
     */
    reportFormId: uuid("report_form_id"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * Förderantrag. The contact person's name and e-mail are personal data (erased after retention,
 * the financial figures stay). The applicant reaches the draft only through the e-mail link,
 * whose SHA-256 is stored, never the link itself.
 */
export const fundingApplications = pgTable(
  "funding_applications",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    callId: uuid("call_id").notNull(),
    /** The pot year the application draws on. */
    year: integer("year").notNull(),
    status: text("status").$type<ApplicationStatus>().notNull(),
    lang: text("lang").notNull(),
    organizationName: text("organization_name").notNull().default(""),
    contactName: text("contact_name").notNull().default(""),
    contactEmail: text("contact_email").notNull(),
    title: text("title").notNull().default(""),
    summary: text("summary").notNull().default(""),
    budget: jsonb("budget").$type<BudgetLine[]>().notNull(),
    requestedCents: integer("requested_cents").notNull().default(0),
    /** Computed at submission under the call's rules and the project cap (before the pot). */
    eligibleCents: integer("eligible_cents").notNull().default(0),
    screeningNote: text("screening_note"),
    grantedCents: integer("granted_cents"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    /** The area the project works in (areas module); for the numbers per area. */
    areaId: uuid("area_id"),
    /** Framework terms (fields of action, target groups) the applicant chose; for the numbers. */
    termIds: uuid("term_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Link to a strategy measure (issue 16), validated through the measures port; no FK across modules. */
    measureId: uuid("measure_id"),
    /** Directory offers the project runs (decision 086), validated through the offers port; no FK across modules. */
    offerIds: uuid("offer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The narrative report's survey response (decision 131) when the call names a questionnaire:
     * filed before the proof itself, replaced by a new filing, erased with the contact data.
     */
    reportResponseId: uuid("report_response_id"),
    tokenHash: text("token_hash"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Set when retention erased the contact data; the figures remain. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.callId], foreignColumns: [fundingCalls.tenantId, fundingCalls.id] }),
    index("funding_applications_call").on(t.tenantId, t.callId, t.year, t.status),
    // Keyset paging of the staff list in submission order (decision 102).
    index("funding_applications_list").on(t.tenantId, t.callId, t.submittedAt, t.id),
    uniqueIndex("funding_applications_token").on(t.tokenHash),
  ],
);

/** A board member's review of one application: scores per criterion, or a declared conflict. */
export const fundingReviews = pgTable(
  "funding_reviews",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid("application_id").notNull(),
    reviewerId: uuid("reviewer_id").notNull(),
    conflict: boolean("conflict").notNull().default(false),
    scores: jsonb("scores").$type<Record<string, number>>().notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
    uniqueIndex("funding_reviews_one_per_reviewer").on(t.tenantId, t.applicationId, t.reviewerId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The decision letter (Bewilligungs-/Ablehnungsbescheid) as rendered by the letter job: the
 * German original and, as a courtesy, the applicant's language. It names the contact person,
 * so it is deleted with the contact data (retention, erasure).
 */
export const fundingLetters = pgTable(
  "funding_letters",
  {
    tenantId: tenantIdColumn(),
    applicationId: uuid("application_id").notNull(),
    lang: text("lang").notNull(),
    pdf: bytea("pdf").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.applicationId, t.lang] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
  ],
);

/**
 * An instalment of a grant (Auszahlung): money is called as payments fall due (ANBest-P). The
 * sum of a grant's instalments never exceeds the granted amount (checked under a row lock).
 * Paying is a compare-and-set on `version`: two finance officers at once give one payment.
 */
export const fundingPayments = pgTable(
  "funding_payments",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid("application_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    dueDate: date("due_date").notNull(),
    paidDate: date("paid_date"),
    /** The treasury's booking reference (Buchungszeichen), set when paid. */
    bookingReference: text("booking_reference"),
    paidBy: uuid("paid_by"),
    /**
     * The two-step approval (decision 078): requested (the applicant's call through the link) →
     * approved (staff) → ordered (finance signs the payment order; never the approver) → paid.
     * Returned: sent back with a note (a change request); it no longer counts against the grant.
     */
    status: text("status").$type<PaymentStatus>().notNull().default("approved"),
    /** The applicant's purpose of a call of funds (Mittelabruf); staff's or finance's note when returned. */
    note: text("note").notNull().default(""),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    orderedBy: uuid("ordered_by"),
    orderedAt: timestamp("ordered_at", { withTimezone: true }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
    index("funding_payments_application").on(t.tenantId, t.applicationId, t.dueDate),
  ],
);

/**
 * The proof of use (Verwendungsnachweis) of a grant, filed by the applicant through the status
 * link: the factual report, actual costs per cost type against the approved plan, the receipts
 * list and the number of participants; then examined by staff. The settlement (what the grant
 * comes to under the actual costs, and what is to be paid back) is stored with the outcome.
 */
export const fundingProofs = pgTable(
  "funding_proofs",
  {
    tenantId: tenantIdColumn(),
    applicationId: uuid("application_id").notNull(),
    status: text("status").$type<ProofStatus>().notNull(),
    report: text("report").notNull(),
    participants: integer("participants").notNull(),
    lines: jsonb("lines").$type<ProofLine[]>().notNull(),
    /** Receipts may name payees (persons): erased with the contact data. */
    receipts: jsonb("receipts").$type<Receipt[]>().notNull(),
    /** Staff's message to the applicant (questions, reasons for a repayment). */
    message: text("message"),
    dueCents: integer("due_cents"),
    repaymentCents: integer("repayment_cents"),
    /** When a demanded repayment is due (decision 131): stated in the demand mail and the treasury's CSV. */
    repaymentDue: date("repayment_due"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    examinedAt: timestamp("examined_at", { withTimezone: true }),
    examinedBy: uuid("examined_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.applicationId] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A repayment received (Rückzahlung eingegangen, decision 119): money the treasury booked in
 * after the proof of use demanded it back. Several bookings may settle one demand (instalments);
 * their sum never exceeds it. A financial record: kept with the grant's figures (10 years), it
 * names no person, so it survives the erasure of the contact data.
 */
export const fundingRepayments = pgTable(
  "funding_repayments",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid("application_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    receivedDate: date("received_date").notNull(),
    /** The treasury's booking reference (Buchungszeichen), if given. */
    reference: text("reference").notNull().default(""),
    bookedBy: uuid("booked_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
    index("funding_repayments_application").on(t.tenantId, t.applicationId, t.receivedDate),
  ],
);

/**
 * A receipt (Beleg) uploaded with the proof of use through the status link: PDF, JPEG or PNG,
 * type checked by its first bytes. Stored in the database as the decision letters and the
 * directory's images are; it may name persons, so it goes with the contact data (decision 078).
 */
export const fundingReceiptFiles = pgTable(
  "funding_receipt_files",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid("application_id").notNull(),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
    index("funding_receipt_files_application").on(t.tenantId, t.applicationId),
  ],
);

/**
 * Reminders sent by the daily job (decision 078): one row per application, kind and date the
 * reminder is about, so a second run on the same day (or a retried job) sends nothing twice.
 */
export const fundingReminders = pgTable(
  "funding_reminders",
  {
    tenantId: tenantIdColumn(),
    applicationId: uuid("application_id").notNull(),
    /** proof: the proof of use is due; deadline: the call closes and the draft is not submitted. */
    kind: text("kind").$type<"proof" | "deadline">().notNull(),
    dueDate: date("due_date").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.applicationId, t.kind, t.dueDate] }),
    foreignKey({
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [fundingApplications.tenantId, fundingApplications.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The council's year report (decision 112): the tenant's funding of one calendar year as a
 * tagged PDF, rendered by the job `funding.year-report`. `pdf` is null while the job is queued or
 * running. It holds figures, titles and organizations only (no contact data), so it is kept.
 */
export const fundingYearReports = pgTable(
  "funding_year_reports",
  {
    tenantId: tenantIdColumn(),
    year: integer("year").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    requestedBy: uuid("requested_by"),
    pdf: bytea("pdf"),
    renderedAt: timestamp("rendered_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);
