/**
 * The volunteer pool (issue 17): language mediators, their certificates and availability, and
 * the mediation requests institutions book. Browser-safe: pages import it.
 */
import { REFERRAL_KINDS } from "../casework/model.ts";

/** Sprachniveau: native speaker, then the CEFR levels. */
export const LANGUAGE_LEVELS = ["native", "C2", "C1", "B2", "B1", "A2", "A1"] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
/** The lowest oral level at which a volunteer mediates a conversation. */
export const MEDIATION_LEVELS: readonly LanguageLevel[] = ["native", "C2", "C1", "B2", "B1"];

/** How a conversation takes place. */
export const MODES = ["on_site", "phone", "video"] as const;
export type Mode = (typeof MODES)[number];

/** Einsatzbereich of a conversation; the last four are excluded by the Unna pool's rules. */
export const SETTINGS = [
  "kita",
  "school",
  "health",
  "authority",
  "counselling",
  "family",
  "court",
  "police",
  "medical_diagnosis",
  "special_needs_assessment",
] as const;
export type Setting = (typeof SETTINGS)[number];

/** Nachweise: two-day training, confidentiality pledge, extended police clearance (date and result only), and the mediation qualification the conflicts module asks for. */
export const CERTIFICATE_KINDS = [
  "training",
  "confidentiality_pledge",
  "police_clearance",
  "conflict_mediation",
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_RESULTS = ["clear", "entries"] as const;

/** Settings with children need an extended police clearance (§ 72a SGB VIII). */
export const POLICE_CLEARANCE_SETTINGS: readonly Setting[] = ["kita", "school"];
/** Every conversation needs these. */
export const REQUIRED_CERTIFICATES: readonly CertificateKind[] = ["training", "confidentiality_pledge"];

export const VOLUNTEER_STATUSES = ["applicant", "active", "inactive"] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const TRAVEL_MODES = ["foot", "bike", "public_transport", "car"] as const;

export type LanguageSkill = { code: string; level: LanguageLevel; oral: boolean; written: boolean };
export type Certificate = {
  kind: CertificateKind;
  /** ISO date it was issued (police clearance: the date on the certificate). */
  issuedOn: string;
  /** ISO date it expires; null: does not expire. */
  validUntil: string | null;
  result?: (typeof CERTIFICATE_RESULTS)[number] | undefined;
};
/** A weekly slot: ISO weekday 1 (Monday) … 7, minutes after midnight. */
export type WeeklySlot = { weekday: number; from: number; to: number };
/** An absence, both ISO dates inclusive. */
export type Absence = { from: string; to: string };

/** The request's life (issue 17, What must work 2). */
export const REQUEST_STATES = [
  "submitted",
  "checked",
  "offered",
  "accepted",
  "declined",
  "confirmed",
  "held",
  "claimed",
  "settled",
  "cancelled",
  "no_show",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
/** States in which a request still needs a mediator: the matching batch takes these. */
export const OPEN_STATES: readonly RequestState[] = ["submitted", "checked", "declined"];
export const CANCELLERS = ["institution", "mediator", "coordinator"] as const;
export type Canceller = (typeof CANCELLERS)[number];

/** The pool's booking rules; the tenant's configuration page is still to come (defaults of the Unna pool). */
export type PoolRules = {
  leadWorkingDays: number;
  excludedSettings: Setting[];
  maxDurationMinutes: number;
  /** A cancellation later than this many hours before the start counts as late. */
  cancellationCutoffHours: number;
};
export const DEFAULT_POOL_RULES: PoolRules = {
  leadWorkingDays: 5,
  excludedSettings: ["court", "police", "medical_diagnosis", "special_needs_assessment"],
  maxDurationMinutes: 180,
  cancellationCutoffHours: 48,
};

export const LIMITS = {
  name: 200,
  topic: 500,
  languages: 20,
  slots: 40,
  absences: 50,
  certificates: 10,
} as const;

/**
 * The languages the institutions' public form offers (ISO 639-1/-3): the pool's demand in Unna
 * (seed 001: Romanian, Bulgarian, Tigrinya, Somali, Caucasian languages, Kurdish) and the main
 * languages of arrival in German municipalities. A language nobody in the pool speaks is still
 * booked and flagged as unserved by the matching.
 */
export const BOOKABLE_LANGUAGES = [
  "am",
  "ar",
  "bg",
  "bn",
  "bs",
  "ce",
  "ckb",
  "cs",
  "el",
  "en",
  "es",
  "fa",
  "fr",
  "hr",
  "hu",
  "hy",
  "it",
  "ka",
  "kmr",
  "ku",
  "ln",
  "mk",
  "pl",
  "prs",
  "ps",
  "pt",
  "ro",
  "ru",
  "sk",
  "so",
  "sq",
  "sr",
  "sw",
  "ta",
  "ti",
  "tr",
  "uk",
  "ur",
  "vi",
  "zh",
] as const;

/** Sprachtandem (issue 17, What must work 4): waiting for a local, running, ended with a reason. */
export const TANDEM_STATES = ["waiting", "active", "ended"] as const;
export type TandemState = (typeof TANDEM_STATES)[number];
export const TANDEM_END_REASONS = [
  "completed",
  "newcomer_withdrew",
  "volunteer_withdrew",
  "moved_away",
  "no_contact",
  "other",
] as const;
export type TandemEndReason = (typeof TANDEM_END_REASONS)[number];
/**
 * What a tandem led to, recorded by the coordinator once it ended (decision 127). "referred":
 * the newcomer was referred to an offer or a service, which becomes a referral of case work
 * where the tandem came from a case.
 */
export const TANDEM_OUTCOMES = ["language_practised", "continues_privately", "referred", "none"] as const;
export type TandemOutcome = (typeof TANDEM_OUTCOMES)[number];
/** The kinds of case work's referrals (seed 003 counts them), for a "referred" outcome. */
export const TANDEM_REFERRAL_KINDS = REFERRAL_KINDS;
/** What a "referred" outcome can point at: the targets of case work's referrals a tandem reaches. */
export const TANDEM_REFERRAL_TARGETS = ["offer", "organization", "office"] as const;
/**
 * What became of the referral: made in case work, no case to make it in, or why case work
 * refused it (closed case, person no longer in the household, unknown target, no consent).
 */
export const TANDEM_REFERRAL_RESULTS = [
  "recorded",
  "no_case",
  "case_closed",
  "not_in_household",
  "invalid_target",
  "consent_missing",
] as const;
export type TandemReferralResult = (typeof TANDEM_REFERRAL_RESULTS)[number];
/** Check-in reminders after this many weeks of a running tandem (decision 068). */
export const TANDEM_CHECK_IN_WEEKS = [4, 12] as const;

/** Expense claims (What must work 5): a flat rate (Ehrenamtspauschale) or reimbursement of receipts. */
export const CLAIM_KINDS = ["flat_rate", "receipts"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_STATES = ["submitted", "approved", "refused"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
/** Receipts on one claim; one receipt's or claim's largest amount in cents. */
export const CLAIM_LIMITS = { receipts: 30, amountCents: 500_000 } as const;

/** The pool's settings per tenant (decision 068). */
export type PoolSettings = {
  /** ISO 3166-2:DE state without "DE-": its public holidays do not count as working days. */
  holidayState: string;
  /** The yearly tax-free allowance for volunteers, § 3 Nr. 26a EStG, in cents. */
  allowanceCents: number;
  /** The monthly statement's rates (decision 099): per hour held and per kilometre travelled, in cents. */
  hourlyRateCents: number;
  kmRateCents: number;
};
/**
 * § 3 Nr. 26a EStG since 1 January 2026: 960 € a year (before: 840 €). The rates are the Unna
 * pool's (issue 17: 15 €/h plus 0,30 €/km).
 */
export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  holidayState: "NW",
  allowanceCents: 96_000,
  hourlyRateCents: 1500,
  kmRateCents: 30,
};
/** One receipt of a claim (Beleg): its date, what it was for, the amount in cents. */
export type Receipt = { date: string; description: string; amountCents: number };
