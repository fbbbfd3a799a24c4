/**
 * Case work's public model: the enums, the phase defaults and the types other modules and the
 * pages may use. Browser-safe: no tables, no database, no Node APIs (`schema.ts` builds its
 * columns from these lists; pages import them from here so no table reaches the browser).
 */

// ---- households and persons ----

export const RESIDENCE_STATUSES = [
  "aufenthaltsgestattung",
  "duldung",
  "aufenthaltserlaubnis",
  "niederlassungserlaubnis",
  "eu_freizuegigkeit",
  "deutsche_staatsangehoerigkeit",
] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];
export const SEXES = ["female", "male", "diverse", "unspecified"] as const;
export const CEFR_LEVELS = ["native", "C2", "C1", "B2", "B1", "A2", "A1", "none"] as const;
export type PersonLanguage = { lang: string; level: (typeof CEFR_LEVELS)[number] };
export const ACCOMMODATION_KINDS = [
  "reception_centre",
  "shared_accommodation",
  "own_flat",
  "with_relatives",
  "homeless",
  "other",
] as const;
export const HOUSEHOLD_RELATIONS = ["self", "spouse", "child", "parent", "sibling", "other"] as const;
export const FAMILY_RELATION_KINDS = ["spouse", "parent", "child", "sibling", "other"] as const;

// ---- cases ----

export const CASE_TYPES = [
  "integration",
  "case_management",
  "young_adults_help_plan",
  "housing_loss_prevention",
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const HOUSING_STAGES = [
  "threatened",
  "notice_given",
  "eviction_suit",
  "eviction_title",
  "secured",
  "lost",
] as const;
export const CASE_STATUSES = ["open", "closed"] as const;
export const CLOSURE_REASONS = [
  "goals_met",
  "independent",
  "moved_away",
  "no_contact",
  "transferred",
  "declined",
  "other",
] as const;

/** The default phase model (Lünen's concept, seed 000), created for every tenant on first use. */
export const DEFAULT_PHASES = [
  { key: "ankommen", label: "Ankommen" },
  { key: "orientierung", label: "Orientierung" },
  { key: "eingewoehnung", label: "Eingewöhnung" },
  { key: "integration", label: "Integration" },
  { key: "abloesung", label: "Ablösung" },
] as const;
export const DEFAULT_RETENTION_YEARS = 3;

// ---- case records ----

/** Lebensbereiche of needs (Bedarfe). */
export const LIFE_DOMAINS = [
  "language",
  "school",
  "kita",
  "training_work",
  "housing",
  "health",
  "social_contacts",
  "leisure",
  "residence_legal",
  "money",
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
export const NEED_STATUSES = ["identified", "in_progress", "met", "not_met"] as const;
export const PLAN_ITEM_STATUSES = ["open", "done", "dropped"] as const;
export const CONTACT_KINDS = ["home_visit", "office_hours", "phone", "accompaniment", "other"] as const;

/** Attachments: at most 10 MiB, PDF, PNG or JPEG (checked against the file's first bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

// ---- consents and referrals ----

export const CONSENT_PURPOSES = [
  "referral",
  "data_sharing",
  "contact_by_partner",
  "volunteer_matching",
  "survey",
] as const;
export const RECIPIENT_TYPES = ["offer", "organization", "office", "volunteer", "any"] as const;
export const CONSENT_FORMS = ["written", "oral", "electronic"] as const;
export const CONSENT_STATES = ["valid", "expired", "withdrawn", "not_yet_valid"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const REFERRAL_TARGET_TYPES = ["offer", "organization", "office", "volunteer"] as const;
/** What seed 003 counts. */
export const REFERRAL_KINDS = [
  "language_course",
  "volunteer",
  "counselling",
  "club",
  "internship",
  "school",
  "kita",
  "health",
  "housing",
  "other",
] as const;
export const REFERRAL_STATUSES = [
  "sent",
  "accepted",
  "declined",
  "started",
  "completed",
  "dropped",
  "withdrawn",
] as const;

/** What a referral may share. Each field is chosen by the case worker. */
export type SharedFields = {
  givenName?: string;
  languages?: PersonLanguage[];
  phone?: string;
  note?: string;
};

// ---- duplicates ----

export type DuplicateCandidate = {
  householdId: string;
  householdLabel: string;
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
};
export type DuplicateReport = {
  /** Candidates the user may see. */
  visible: DuplicateCandidate[];
  /** Candidates in other teams: only their number is told ("ask your supervisor"). */
  hiddenCount: number;
};

// ---- the checked handle ----

declare const caseAccessBrand: unique symbol;

/**
 * Proof that the need-to-know check for one case has run (and its read was audited) in this
 * request. Only case work creates it (`cases.get`, `cases.access`, `surveyContext`); other
 * modules that show or write something of the case (questionnaire responses, referrals) take
 * it instead of loading and auditing the case a second time.
 */
export type CaseAccess = {
  readonly caseId: string;
  readonly tenantId: string;
  readonly householdId: string;
  readonly mode: "read" | "write";
  readonly breakGlass: boolean;
  readonly [caseAccessBrand]: true;
};
