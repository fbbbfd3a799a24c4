import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
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
  ACCOMMODATION_KINDS,
  CASE_STATUSES,
  CASE_TYPES,
  CONSENT_PURPOSES,
  CONTACT_KINDS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  NEED_STATUSES,
  type PersonLanguage,
  PLAN_ITEM_STATUSES,
  RECIPIENT_TYPES,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  REFERRAL_TARGET_TYPES,
  RESIDENCE_STATUSES,
  SEXES,
} from "./model.ts";

// The enums moved to model.ts (browser-safe); re-exported until no other module imports them from here.
export {
  ACCOMMODATION_KINDS,
  CASE_STATUSES,
  CASE_TYPES,
  CEFR_LEVELS,
  CONSENT_PURPOSES,
  CONTACT_KINDS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  type LifeDomain,
  NEED_STATUSES,
  type PersonLanguage,
  PLAN_ITEM_STATUSES,
  RECIPIENT_TYPES,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  REFERRAL_TARGET_TYPES,
  RESIDENCE_STATUSES,
  SEXES,
} from "./model.ts";

/**
 * Fallarbeit (issue 4): households, persons, cases, needs, help plans, contacts, notes,
 * consent, referrals, break-glass access. Special-category data (GDPR Art. 9):
 * - columns named `*_enc` hold AES-256-GCM ciphertext from the SecretBox (purpose "casework"),
 *   never plaintext: free-text notes and health data;
 * - every read goes through the service, which audits it;
 * - deletion (retention, Art. 17) removes rows; the audit entry names only ids.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Haushalt. The address places it in an area and with the responsible office (service). */
export const households = pgTable(
  "households",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** A short label staff recognise, e.g. "Familie A., Massen" (no full names required). */
    label: text("label").notNull(),
    street: text("street"),
    postcode: text("postcode"),
    city: text("city"),
    lon: doublePrecision("lon"),
    lat: doublePrecision("lat"),
    areaId: uuid("area_id"),
    /** Responsible office, placed automatically from the address (may be changed by hand). */
    officeId: uuid("office_id"),
    accommodationKind: text("accommodation_kind", { enum: ACCOMMODATION_KINDS }),
    accommodationName: text("accommodation_name"),
    /** When the household was merged into another (duplicate), that household's id. */
    mergedInto: uuid("merged_into"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("households_tenant_office_idx").on(t.tenantId, t.officeId),
    index("households_tenant_area_idx").on(t.tenantId, t.areaId),
    // Case list search on the household label (ILIKE '%…%').
    index("households_label_trgm_idx").using("gin", sql`${t.label} gin_trgm_ops`),
  ],
);

/** Person. */
export const persons = pgTable(
  "persons",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    householdId: uuid("household_id").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    /** Folded "given family" (lower-case, unaccented, transliterated) for the duplicate check. */
    nameKey: text("name_key").notNull(),
    birthDate: date("birth_date"),
    sex: text("sex", { enum: SEXES }).notNull().default("unspecified"),
    /** Self-described gender, optional. */
    genderIdentity: text("gender_identity"),
    /** ISO 3166-1 alpha-2 codes; "XX" stateless, "ZZ" unknown. */
    nationalities: text("nationalities").array().notNull().default(sql`'{}'::text[]`),
    languages: jsonb("languages").$type<PersonLanguage[]>().notNull().default([]),
    residenceStatus: text("residence_status", { enum: RESIDENCE_STATUSES }),
    /** For an Aufenthaltserlaubnis: the paragraph, e.g. "§ 25 Abs. 2 AufenthG". */
    residenceParagraph: text("residence_paragraph"),
    residenceValidUntil: date("residence_valid_until"),
    arrivedInGermanyOn: date("arrived_in_germany_on"),
    assignedToMunicipalityOn: date("assigned_to_municipality_on"),
    /** Relation to the household's reference person: self, spouse, child, parent, sibling, other. */
    householdRelation: text("household_relation").notNull().default("self"),
    schoolQualification: text("school_qualification"),
    professionalQualification: text("professional_qualification"),
    /** Health information (Art. 9), encrypted. */
    healthEnc: text("health_enc"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("persons_tenant_household_idx").on(t.tenantId, t.householdId),
    index("persons_name_key_trgm_idx").using("gin", sql`${t.nameKey} gin_trgm_ops`),
    index("persons_tenant_birth_idx").on(t.tenantId, t.birthDate),
  ],
);

/** Family relations beyond the household (e.g. a parent living elsewhere). */
export const familyRelations = pgTable(
  "family_relations",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    personId: uuid("person_id").notNull(),
    relatedPersonId: uuid("related_person_id").notNull(),
    /** person is <kind> of relatedPerson: spouse, parent, child, sibling, other. */
    kind: text("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("family_relations_tenant_person_idx").on(t.tenantId, t.personId),
  ],
);

/** Per-tenant phase model; the default is Ankommen → Orientierung → Eingewöhnung → Integration → Ablösung. */
export const casePhaseDefinitions = pgTable(
  "case_phase_definitions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    key: text("key").notNull(),
    sort: integer("sort").notNull(),
    /** German label; translations in content_translations (entity "case_phase", field "label"). */
    label: text("label").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("case_phase_definitions_key").on(t.tenantId, t.key),
  ],
);

/** Fall. */
export const cases = pgTable(
  "cases",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** Human reference, unique per tenant, e.g. "2026-00042". */
    reference: text("reference").notNull(),
    householdId: uuid("household_id").notNull(),
    caseType: text("case_type", { enum: CASE_TYPES }).notNull().default("integration"),
    /** Responsible office/team: the scope of need-to-know access. */
    officeId: uuid("office_id"),
    /**
     * The household's area, kept on the case for the overviews (decision 107): the repositories
     * set it from the household whenever a case is inserted or moved and whenever the household's
     * area changes, in the same transaction. Never edited by itself.
     */
    areaId: uuid("area_id"),
    phaseKey: text("phase_key").notNull(),
    housingStage: text("housing_stage", { enum: HOUSING_STAGES }),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("open"),
    openedOn: date("opened_on").notNull(),
    closedOn: date("closed_on"),
    closureReason: text("closure_reason"),
    /** Legal hold: retention never deletes the case while set. */
    legalHold: boolean("legal_hold").notNull().default(false),
    legalHoldReason: text("legal_hold_reason"),
    /** When retention will delete the case (closedOn + the tenant's period); null while open. */
    retentionDueOn: date("retention_due_on"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("cases_tenant_reference_key").on(t.tenantId, t.reference),
    index("cases_tenant_office_status_idx").on(t.tenantId, t.officeId, t.status, t.phaseKey),
    index("cases_tenant_household_idx").on(t.tenantId, t.householdId),
    index("cases_tenant_retention_idx").on(t.tenantId, t.retentionDueOn),
    // The case list's order (newest first) for tenant-wide access, and per office.
    index("cases_tenant_opened_idx").on(t.tenantId, t.openedOn, t.id),
    index("cases_tenant_office_opened_idx").on(t.tenantId, t.officeId, t.openedOn, t.id),
    index("cases_reference_trgm_idx").using("gin", sql`${t.reference} gin_trgm_ops`),
    // The overviews' open cases (decision 107): read from the index alone, in id order, so the
    // joins with needs, tasks and workers need not visit the table.
    index("cases_open_idx").on(t.tenantId, t.id, t.officeId, t.areaId).where(sql`${t.status} = 'open'`),
  ],
);

/** The case workers of a case; `lead` marks the responsible one. */
export const caseWorkers = pgTable(
  "case_workers",
  {
    tenantId: tenantIdColumn(),
    caseId: uuid("case_id").notNull(),
    userId: uuid("user_id").notNull(),
    lead: boolean("lead").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId, t.userId] }),
    index("case_workers_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

export const casePhaseChanges = pgTable(
  "case_phase_changes",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    fromPhase: text("from_phase"),
    toPhase: text("to_phase").notNull(),
    changedOn: date("changed_on").notNull(),
    reasonEnc: text("reason_enc"),
    changedBy: uuid("changed_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("case_phase_changes_case_idx").on(t.tenantId, t.caseId),
  ],
);

/** Bedarf per life domain, for the household or one person. */
export const caseNeeds = pgTable(
  "case_needs",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    personId: uuid("person_id"),
    domain: text("domain", { enum: LIFE_DOMAINS }).notNull(),
    status: text("status", { enum: NEED_STATUSES }).notNull().default("identified"),
    noteEnc: text("note_enc"),
    /** Where the need came from: "manual", or a questionnaire answer (issue 5). */
    source: text("source").notNull().default("manual"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("case_needs_case_idx").on(t.tenantId, t.caseId),
    index("case_needs_tenant_domain_status_idx").on(t.tenantId, t.domain, t.status),
    // Open needs per case for the overview's needs × area table (decision 107), index only.
    index("case_needs_open_idx")
      .on(t.tenantId, t.caseId, t.domain)
      .where(sql`${t.status} in ('identified', 'in_progress')`),
  ],
);

/** Hilfeplan: goals, and tasks under a goal. */
export const helpPlanItems = pgTable(
  "help_plan_items",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    /** null: a goal; else the goal this task belongs to. */
    goalId: uuid("goal_id"),
    needId: uuid("need_id"),
    title: text("title").notNull(),
    dueOn: date("due_on"),
    /** A staff member, or (responsibleText) the person themself / a partner. */
    responsibleUserId: uuid("responsible_user_id"),
    responsibleText: text("responsible_text"),
    status: text("status", { enum: PLAN_ITEM_STATUSES }).notNull().default("open"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("help_plan_items_case_idx").on(t.tenantId, t.caseId),
    index("help_plan_items_due_idx").on(t.tenantId, t.status, t.dueOn),
  ],
);

/** Kontaktprotokoll. */
export const caseContacts = pgTable(
  "case_contacts",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    kind: text("kind", { enum: CONTACT_KINDS }).notNull(),
    occurredAt: ts("occurred_at").notNull(),
    durationMinutes: integer("duration_minutes"),
    noteEnc: text("note_enc"),
    authorId: uuid("author_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("case_contacts_case_idx").on(t.tenantId, t.caseId, t.occurredAt),
  ],
);

/** Free-text notes (encrypted); `health` marks Art. 9 health content. */
export const caseNotes = pgTable(
  "case_notes",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    personId: uuid("person_id"),
    textEnc: text("text_enc").notNull(),
    health: boolean("health").notNull().default(false),
    authorId: uuid("author_id"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("case_notes_case_idx").on(t.tenantId, t.caseId)],
);

/** Attachments, encrypted as a whole (bytes are ciphertext of the base64 content). */
export const caseAttachments = pgTable(
  "case_attachments",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    fileNameEnc: text("file_name_enc").notNull(),
    mimeType: text("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    contentEnc: bytea("content_enc").notNull(),
    authorId: uuid("author_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("case_attachments_case_idx").on(t.tenantId, t.caseId),
  ],
);

/** Einwilligung per purpose and recipient, with expiry and withdrawal. */
export const consents = pgTable(
  "consents",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    personId: uuid("person_id").notNull(),
    purpose: text("purpose", { enum: CONSENT_PURPOSES }).notNull(),
    recipientType: text("recipient_type", { enum: RECIPIENT_TYPES }).notNull(),
    /** null with recipientType "any"; else the recipient's id. */
    recipientId: uuid("recipient_id"),
    /** "written", "oral" (documented by staff), "electronic". */
    form: text("form").notNull(),
    givenOn: date("given_on").notNull(),
    expiresOn: date("expires_on"),
    withdrawnOn: date("withdrawn_on"),
    recordedBy: uuid("recorded_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("consents_tenant_person_idx").on(t.tenantId, t.personId),
  ],
);

/**
 * Vermittlung. The receiving side sees only this row's shared fields, never the case.
 * `shared` holds exactly what the purpose needs (e.g. first name, languages, a phone number),
 * chosen by the case worker, encrypted.
 */
export const referrals = pgTable(
  "referrals",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    caseId: uuid("case_id").notNull(),
    personId: uuid("person_id").notNull(),
    kind: text("kind", { enum: REFERRAL_KINDS }).notNull(),
    targetType: text("target_type", { enum: REFERRAL_TARGET_TYPES }).notNull(),
    targetId: uuid("target_id").notNull(),
    /** The receiving organization (scope of partner staff), resolved from the target. */
    receivingOrganizationId: uuid("receiving_organization_id"),
    purposeNote: text("purpose_note"),
    sharedEnc: text("shared_enc").notNull(),
    consentId: uuid("consent_id"),
    /** Set when sent without consent under the override permission (audited). */
    consentOverrideReasonEnc: text("consent_override_reason_enc"),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    decisionReason: text("decision_reason"),
    decidedAt: ts("decided_at"),
    outcomeAt: ts("outcome_at"),
    /** One-time link for a partner without an account: sha-256 of the token. */
    tokenHash: text("token_hash"),
    tokenExpiresAt: ts("token_expires_at"),
    createdBy: uuid("created_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("referrals_case_idx").on(t.tenantId, t.caseId),
    index("referrals_receiver_idx").on(t.tenantId, t.receivingOrganizationId, t.status),
    uniqueIndex("referrals_token_key").on(t.tokenHash),
  ],
);

/** Break-glass access: reason required, alerts the data-protection officer, reviewed afterwards. */
export const breakGlassAccesses = pgTable(
  "break_glass_accesses",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    caseId: uuid("case_id").notNull(),
    reason: text("reason").notNull(),
    startedAt: ts("started_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: ts("reviewed_at"),
    /** "justified" | "unjustified". */
    reviewOutcome: text("review_outcome"),
    reviewNote: text("review_note"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("break_glass_user_case_idx").on(t.tenantId, t.userId, t.caseId, t.expiresAt),
    index("break_glass_review_idx").on(t.tenantId, t.reviewedAt),
  ],
);
