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
  type Absence,
  CANCELLERS,
  type Certificate,
  CLAIM_KINDS,
  CLAIM_STATES,
  type LanguageSkill,
  type Mode,
  REQUEST_STATES,
  type Receipt,
  SETTINGS,
  type Setting,
  TANDEM_END_REASONS,
  TANDEM_OUTCOMES,
  TANDEM_REFERRAL_KINDS,
  TANDEM_REFERRAL_RESULTS,
  TANDEM_REFERRAL_TARGETS,
  TANDEM_STATES,
  TRAVEL_MODES,
  VOLUNTEER_STATUSES,
  type WeeklySlot,
} from "./model.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Ehrenamtliche Sprachmittler:innen. Personal data: read through the policy, each read audited,
 * erased with their assignments' link (service `erase`).
 */
export const volunteers = pgTable(
  "volunteers",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The volunteer's Lotse account (role `volunteer`), once they have one. */
    userId: uuid("user_id"),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    /** The language the volunteer's mails are written in. */
    uiLanguage: text("ui_language").notNull().default("de"),
    status: text("status", { enum: VOLUNTEER_STATUSES }).notNull().default("applicant"),
    languages: jsonb("languages").$type<LanguageSkill[]>().notNull(),
    /** Municipalities (area names) the volunteer serves on site. */
    areas: text("areas").array().notNull(),
    modes: text("modes").array().$type<Mode[]>().notNull(),
    settings: text("settings").array().$type<Setting[]>().notNull(),
    travelMode: text("travel_mode", { enum: TRAVEL_MODES }),
    certificates: jsonb("certificates").$type<Certificate[]>().notNull(),
    availability: jsonb("availability").$type<WeeklySlot[]>().notNull(),
    absences: jsonb("absences").$type<Absence[]>().notNull(),
    /**
     * Public application (decision 099): when it came through the form, the consent given with
     * it, and the hashed client address for the hourly limit (cleared by the daily job).
     */
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
    consentAt: timestamp("consent_at", { withTimezone: true, mode: "date" }),
    sourceKey: text("source_key"),
    /** The day the volunteer left the pool (status inactive): retention counts from here. */
    leftOn: date("left_on", { mode: "string" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("volunteers_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

/** Vermittlungsanfrage: an institution books a language mediator for one conversation. */
export const mediationRequests = pgTable(
  "mediation_requests",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The booking institution: an organization of the directory. */
    organizationId: uuid("organization_id"),
    institutionName: text("institution_name").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    language: text("language").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    setting: text("setting", { enum: SETTINGS }).notNull(),
    topic: text("topic").notNull(),
    /** Municipality of an on-site conversation. */
    area: text("area"),
    date: date("date", { mode: "string" }).notNull(),
    startMinute: integer("start_minute").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    state: text("state", { enum: REQUEST_STATES }).notNull().default("submitted"),
    volunteerId: uuid("volunteer_id"),
    heldMinutes: integer("held_minutes"),
    /** Kilometres the mediator travelled for a held conversation (statement, decision 099). */
    heldKm: integer("held_km"),
    cancelledBy: text("cancelled_by", { enum: CANCELLERS }),
    cancelledLate: boolean("cancelled_late"),
    /** A measure of the goal tree (strategy module), validated through the `measures` port. */
    measureId: uuid("measure_id"),
    /** The institution contact's booking link the request came through (public form). */
    bookingLinkId: uuid("booking_link_id"),
    /** The form's one-time token: a second submit of the same form returns the first request. */
    idempotencyKey: text("idempotency_key"),
    /**
     * A request from a case (decision 084): case work's case and person, the case worker who
     * asked and the language of their mails. Never shown to the mediator; unlinked when case
     * work erases the person or the case.
     */
    caseId: uuid("case_id"),
    personId: uuid("person_id"),
    requestedBy: uuid("requested_by"),
    contactLanguage: text("contact_language"),
    /**
     * The institution contact's account that posted the request itself (decision 127): such a
     * request waits in *submitted* until the coordinator checks (approves) it; no offer before.
     */
    institutionUserId: uuid("institution_user_id"),
    /** Mediators who declined or cancelled this request: the new search leaves them out (decision 084). */
    passedOver: uuid("passed_over").array().notNull().default([]),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("mediation_requests_tenant_date_idx").on(t.tenantId, t.date),
    index("mediation_requests_tenant_volunteer_idx").on(t.tenantId, t.volunteerId, t.date),
    uniqueIndex("mediation_requests_idempotency_key").on(t.tenantId, t.idempotencyKey),
    index("mediation_requests_tenant_case_idx").on(t.tenantId, t.caseId),
  ],
);

/**
 * Buchungslink: a link per institution contact that a coordinator issues and can revoke. Only
 * the token's SHA-256 is stored; the contact books and follows their requests through it.
 */
export const mediationBookingLinks = pgTable(
  "mediation_booking_links",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The institution: an organization of the directory. */
    organizationId: uuid("organization_id").notNull(),
    institutionName: text("institution_name").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    /** The language the contact's mails are written in. */
    language: text("language").notNull().default("de"),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("mediation_booking_links_token").on(t.tokenHash),
    index("mediation_booking_links_tenant_org_idx").on(t.tenantId, t.organizationId),
  ],
);

/** The pool's settings per tenant: holiday state and the tax-free allowance (decision 068). */
export const volunteerPoolSettings = pgTable("volunteer_pool_settings", {
  tenantId: tenantIdColumn().primaryKey(),
  holidayState: text("holiday_state").notNull(),
  allowanceCents: integer("allowance_cents").notNull(),
  /** Rates of the monthly statement (decision 099). */
  hourlyRateCents: integer("hourly_rate_cents").notNull().default(1500),
  kmRateCents: integer("km_rate_cents").notNull().default(30),
  version: versionColumn(),
  updatedAt: updatedAt(),
});

/**
 * Sprachtandem: a newcomer (from a case, by person id and the case's reference only, or
 * registered by name) and a volunteer who meet to practise each other's languages.
 */
export const volunteerTandems = pgTable(
  "volunteer_tandems",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    volunteerId: uuid("volunteer_id"),
    /** Case work's case and person (need-to-know checked there); null for a self-registration. */
    caseId: uuid("case_id"),
    personId: uuid("person_id"),
    caseReference: text("case_reference"),
    newcomerName: text("newcomer_name"),
    newcomerEmail: text("newcomer_email"),
    newcomerLanguage: text("newcomer_language").notNull().default("de"),
    /** Languages the newcomer speaks (offers) and wants to practise (wants), ISO 639 codes. */
    offers: text("offers").array().notNull(),
    wants: text("wants").array().notNull(),
    area: text("area"),
    state: text("state", { enum: TANDEM_STATES }).notNull().default("waiting"),
    startedOn: date("started_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    endReason: text("end_reason", { enum: TANDEM_END_REASONS }),
    /** Check-in reminders sent so far (after 4 and 12 weeks). */
    checkInsSent: integer("check_ins_sent").notNull().default(0),
    /** The outcome recorded after the end (decision 127); a "referred" one names its target. */
    outcome: text("outcome", { enum: TANDEM_OUTCOMES }),
    outcomeKind: text("outcome_kind", { enum: TANDEM_REFERRAL_KINDS }),
    outcomeTargetType: text("outcome_target_type", { enum: TANDEM_REFERRAL_TARGETS }),
    outcomeTargetId: uuid("outcome_target_id"),
    /** Case work's referral made from the outcome (ids only; the referral is case work's). */
    referralId: uuid("referral_id"),
    referralResult: text("referral_result", { enum: TANDEM_REFERRAL_RESULTS }),
    outcomeAt: timestamp("outcome_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("volunteer_tandems_tenant_state_idx").on(t.tenantId, t.state),
    index("volunteer_tandems_tenant_volunteer_idx").on(t.tenantId, t.volunteerId),
  ],
);

/** Hours a volunteer spent in a tandem (assignments' hours are the requests' held minutes). */
export const volunteerHours = pgTable(
  "volunteer_hours",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    volunteerId: uuid("volunteer_id").notNull(),
    tandemId: uuid("tandem_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    minutes: integer("minutes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("volunteer_hours_tenant_volunteer_idx").on(t.tenantId, t.volunteerId, t.date),
  ],
);

/**
 * Aufwandsentschädigung or Auslagenersatz: an accounting record, so the volunteer's name is kept
 * on it and erasure unlinks the profile instead of deleting the claim (§ 147 AO, decision 068).
 */
export const volunteerExpenseClaims = pgTable(
  "volunteer_expense_claims",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    volunteerId: uuid("volunteer_id"),
    volunteerName: text("volunteer_name").notNull(),
    kind: text("kind", { enum: CLAIM_KINDS }).notNull(),
    /** The month the claim covers, "YYYY-MM"; its year is the tax year. */
    period: text("period").notNull(),
    amountCents: integer("amount_cents").notNull(),
    receipts: jsonb("receipts").$type<Receipt[]>().notNull(),
    note: text("note").notNull().default(""),
    state: text("state", { enum: CLAIM_STATES }).notNull().default("submitted"),
    refusalReason: text("refusal_reason"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("volunteer_expense_claims_tenant_period_idx").on(t.tenantId, t.period),
    index("volunteer_expense_claims_tenant_volunteer_idx").on(t.tenantId, t.volunteerId, t.period),
  ],
);

/** One held assignment on a statement, as it was when the statement was issued. */
export type StatementLine = {
  requestId: string;
  date: string;
  institution: string;
  language: string;
  mode: string;
  minutes: number;
  km: number;
};

/**
 * Abrechnung: a volunteer's monthly statement (decision 099). Issued once and never changed: a
 * correction is the next version, naming the one it replaces. An accounting record like the
 * claims: the name stays, erasure unlinks the profile, retention after ten years (§ 147 AO).
 */
export const volunteerStatements = pgTable(
  "volunteer_statements",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    volunteerId: uuid("volunteer_id"),
    volunteerName: text("volunteer_name").notNull(),
    /** The month, "YYYY-MM". */
    period: text("period").notNull(),
    /** 1 for the first statement of the volunteer and month; a correction counts on. */
    seq: integer("seq").notNull(),
    /** The statement this one corrects (the previous version). */
    replacesId: uuid("replaces_id"),
    lines: jsonb("lines").$type<StatementLine[]>().notNull(),
    minutes: integer("minutes").notNull(),
    km: integer("km").notNull(),
    hourlyRateCents: integer("hourly_rate_cents").notNull(),
    kmRateCents: integer("km_rate_cents").notNull(),
    hoursCents: integer("hours_cents").notNull(),
    kmCents: integer("km_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    /** The volunteer's mail language at issue: the PDF is in it. */
    language: text("language").notNull(),
    pdf: bytea("pdf").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("volunteer_statements_version").on(t.tenantId, t.volunteerId, t.period, t.seq),
    index("volunteer_statements_tenant_period_idx").on(t.tenantId, t.period),
  ],
);

/**
 * Regeln des Pools (Verhaltenskodex, Schweigepflicht; decision 110): the coordinator publishes
 * them as numbered versions. A version is never changed; a change is the next version.
 */
export const volunteerRuleVersions = pgTable(
  "volunteer_rule_versions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** 1 for the pool's first rules, then counting on. */
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Two coordinators publishing at once cannot both write the same number.
    uniqueIndex("volunteer_rule_versions_seq").on(t.tenantId, t.seq),
  ],
);

/**
 * A rules version in another UI language (decision 125): published with the German text and,
 * like it, never changed. The volunteer reads the one in their language where it exists.
 */
export const volunteerRuleTexts = pgTable(
  "volunteer_rule_texts",
  {
    tenantId: tenantIdColumn(),
    versionId: uuid("version_id").notNull(),
    language: text("language").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.versionId, t.language] })],
);

/**
 * A volunteer's acknowledgement of one rules version, with its date (decision 110) and the
 * language of the text they were shown (decision 125).
 */
export const volunteerRuleAcknowledgements = pgTable(
  "volunteer_rule_acknowledgements",
  {
    tenantId: tenantIdColumn(),
    volunteerId: uuid("volunteer_id").notNull(),
    versionId: uuid("version_id").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true, mode: "date" }).notNull(),
    language: text("language").notNull().default("de"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.volunteerId, t.versionId] }),
    index("volunteer_rule_acknowledgements_version_idx").on(t.tenantId, t.versionId),
  ],
);
