/**
 * The conflict module's public model (issue 20): kinds, states and the pure state machine,
 * urgency, severity, outcomes and the log's kinds. Browser-safe: no tables, no Node.
 */

/** Default kinds (issue 20); each carries its service level (decision 052). */
export const CONFLICT_KINDS = [
  "neighbourhood",
  "noise",
  "public_space",
  "school",
  "religious_site",
  "discrimination",
  "threat",
  "other",
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * Kinds that describe the same incident often enough to warn of a duplicate (decision 103): a
 * noise complaint and a neighbourhood dispute, a threat at a religious site and a hate incident.
 */
export const KIND_FAMILIES: readonly (readonly ConflictKind[])[] = [
  ["neighbourhood", "noise", "public_space"],
  ["religious_site", "discrimination", "threat"],
  ["school"],
  ["other"],
];
export function similarKinds(kind: string): readonly string[] {
  return KIND_FAMILIES.find((f) => (f as readonly string[]).includes(kind)) ?? [kind];
}
/** Reports this many days apart or closer may be the same incident. */
export const DUPLICATE_WINDOW_DAYS = 7;

export const URGENCIES = ["normal", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Service level per kind: first contact within `workingDays` working days (weekends and the
 * state's public holidays do not count), or within `urgentHours` clock hours when urgent.
 */
export type ServiceLevel = { workingDays: number; urgentHours: number };
export const DEFAULT_SERVICE_LEVELS: Record<ConflictKind, ServiceLevel> = {
  neighbourhood: { workingDays: 2, urgentHours: 4 },
  noise: { workingDays: 3, urgentHours: 8 },
  public_space: { workingDays: 2, urgentHours: 4 },
  school: { workingDays: 2, urgentHours: 4 },
  religious_site: { workingDays: 1, urgentHours: 4 },
  discrimination: { workingDays: 1, urgentHours: 4 },
  threat: { workingDays: 1, urgentHours: 2 },
  other: { workingDays: 3, urgentHours: 8 },
};

export const CONFLICT_STATES = [
  "reported",
  "triaged",
  "local_handling",
  "mediation",
  "agreement_reached",
  "no_agreement",
  "closed",
] as const;
export type ConflictState = (typeof CONFLICT_STATES)[number];

/** "closed_not_resolved" is FixMyStreet's "closed, not fixed". */
export const OUTCOMES = ["resolved", "closed_not_resolved", "referred"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Allowed moves. Local handling may go straight to closing (solved on site); mediation ends in
 * an agreement or none; either may reopen mediation. Closing always names an outcome.
 */
export const TRANSITIONS: Record<ConflictState, readonly ConflictState[]> = {
  reported: ["triaged", "closed"],
  triaged: ["local_handling", "mediation", "closed"],
  local_handling: ["mediation", "closed"],
  mediation: ["agreement_reached", "no_agreement", "local_handling"],
  agreement_reached: ["closed", "mediation"],
  no_agreement: ["closed", "mediation"],
  closed: [],
};

export function nextStates(from: ConflictState): readonly ConflictState[] {
  return TRANSITIONS[from];
}

/** Why a move is refused, or null when it is allowed (the service turns this into a 409/422). */
export function checkTransition(
  from: ConflictState,
  to: ConflictState,
  opts: { outcome?: Outcome | null; hasAgreement?: boolean; hasHandler?: boolean },
):
  | "not_allowed"
  | "outcome_required"
  | "outcome_only_on_close"
  | "agreement_missing"
  | "handler_missing"
  | null {
  if (!TRANSITIONS[from].includes(to)) return "not_allowed";
  if (to === "closed" && !opts.outcome) return "outcome_required";
  if (to !== "closed" && opts.outcome) return "outcome_only_on_close";
  if (to === "agreement_reached" && !opts.hasAgreement) return "agreement_missing";
  if (to !== "closed" && from === "reported" && !opts.hasHandler) return "handler_missing";
  return null;
}

export const OPEN_STATES: readonly ConflictState[] = CONFLICT_STATES.filter((s) => s !== "closed");

/** Entries of a conflict's log. A contact is what stops the service-level clock. */
export const LOG_KINDS = ["contact", "step", "session", "agreement", "note"] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** `public_form`: a resident's report from the open public form, accepted in moderation (decision 120). */
export const CHANNELS = ["post_form", "phone", "public_form"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Fire-alarm posts (Feuermelder) of Unna's model. */
export const POST_KINDS = [
  "local_mayor",
  "welfare_association",
  "neighbourhood_management",
  "social_counselling",
  "integration_council",
  "other",
] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** The tenant's two plans (decision 064). */
export const PLAN_KINDS = ["crisis", "prevention"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const LIMITS = {
  text: 4000,
  short: 200,
  parties: 6,
  listPage: 200,
} as const;

/** A crisis opened from the crisis plan (decision 072): active until closed with a debrief. */
export const CRISIS_STATES = ["active", "closed"] as const;
export type CrisisState = (typeof CRISIS_STATES)[number];
/** The crisis log's entries: written by the module (alerts, ticks) or by people (notes). */
export const CRISIS_LOG_KINDS = [
  "activated",
  "alerted",
  "no_email",
  "escalated",
  "acknowledged",
  "checked",
  "note",
  "closed",
] as const;
export type CrisisLogKind = (typeof CRISIS_LOG_KINDS)[number];
/** Minutes without acknowledgement before the next link of the chain is alerted. */
export const DEFAULT_ESCALATE_MINUTES = 15;

/**
 * Crisis types of the crisis plan (issue 20, 3; decision 088): keys named in every UI language
 * by the catalog (`conflicts.crisis_type_<key>`). A plan saved before holds the tenant's own
 * German text instead; it is shown as written.
 */
export const CRISIS_TYPES = [
  "attack_place_of_worship",
  "violent_crime",
  "hate_incident",
  "public_space_escalation",
  "accommodation_incident",
  "demonstration",
  "disinformation",
  "other",
] as const;
export type CrisisType = (typeof CRISIS_TYPES)[number];

export function isCrisisType(type: string): type is CrisisType {
  return (CRISIS_TYPES as readonly string[]).includes(type);
}

/** A crisis type's name in the translator's language (an older plan's own text as written). */
export function crisisTypeName(t: (key: string) => string, type: string): string {
  return isCrisisType(type) ? t(`conflicts.crisis_type_${type}`) : type;
}

/**
 * A resident's report from the open public form waits for moderation (decision 120): accepted
 * ones become conflicts (the row goes), rejected ones stay with their reason until retention.
 */
export const PUBLIC_REPORT_STATES = ["pending", "rejected"] as const;
export type PublicReportState = (typeof PUBLIC_REPORT_STATES)[number];
/** Reports one client address may send per hour through the open public form. */
export const PUBLIC_REPORTS_PER_HOUR = 5;
/** Rejected public reports are deleted this many days after the rejection. */
export const REJECTED_RETENTION_DAYS = 90;
/**
 * A public report nobody moderated is erased this many days after it came in, unless the tenant
 * set another period within the bounds (decision 129).
 */
export const PENDING_RETENTION_DAYS = 30;
export const PENDING_RETENTION_BOUNDS = { min: 7, max: 180 } as const;
