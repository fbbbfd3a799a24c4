/**
 * Participation formats and contributions (issue 18 "What must work" 4, decision 077).
 * Browser-safe: no tables, no database.
 */

/** The formats of the seeds: World Café (Herdecke), district talks and expert days (Unna), … */
export const EVENT_FORMATS = [
  "citizens_forum",
  "world_cafe",
  "district_talk",
  "expert_day",
  "workshop",
  "interview_round",
  "social_space_fair",
] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** received → examined → adopted or declined (with a reason); declining spam needs no examination. */
export const CONTRIBUTION_STATES = ["received", "examined", "adopted", "declined"] as const;
export type ContributionState = (typeof CONTRIBUTION_STATES)[number];

const CONTRIBUTION_NEXT: Record<ContributionState, readonly ContributionState[]> = {
  received: ["examined", "declined"],
  examined: ["adopted", "declined", "received"],
  adopted: [],
  declined: [],
};
/** The contribution state machine: may a contribution go from `from` to `to`? */
export function canMoveContribution(from: ContributionState, to: ContributionState): boolean {
  return CONTRIBUTION_NEXT[from].includes(to);
}

/** Public submissions per client address and hour, before the form answers 429. */
export const PUBLIC_SUBMISSIONS_PER_HOUR = 5;
/** The hashed client address is kept this long (only to count), then cleared by the daily job. */
export const SOURCE_KEY_HOURS = 24;
export const MAX_CONTRIBUTION = 4000;
/**
 * Retention (decision 101): a contribution's text is erased this many years after its event (the
 * handling — state, reason, what it became — stays as the trace); comments on minutes are
 * deleted this many months after the meeting once the minutes are approved.
 */
export const CONTRIBUTION_TEXT_YEARS = 3;
export const MINUTES_COMMENT_MONTHS = 12;

/** Attendance as counted at an event; the breakdowns are optional and never exceed the total. */
export const ATTENDANCE_GENDERS = ["female", "male", "diverse"] as const;
export const ATTENDANCE_AGE_BANDS = ["under_18", "18_26", "27_64", "65_plus"] as const;
export type EventAttendance = {
  total: number;
  byGender: Partial<Record<(typeof ATTENDANCE_GENDERS)[number], number>>;
  byAge: Partial<Record<(typeof ATTENDANCE_AGE_BANDS)[number], number>>;
};

export type EventSummary = {
  id: string;
  title: string;
  format: EventFormat;
  description: string;
  targetGroups: string[];
  languages: string[];
  interpreters: string[];
  startsAt: string;
  endsAt: string | null;
  placeId: string | null;
  onlineUrl: string | null;
  published: boolean;
  acceptsContributions: boolean;
  contributionCount: number;
  version: number;
};

export type ContributionView = {
  id: string;
  eventId: string;
  text: string;
  source: "staff" | "public";
  language: string;
  fieldOfActionId: string | null;
  state: ContributionState;
  reason: string | null;
  agendaItemId: string | null;
  actionItemId: string | null;
  published: boolean;
  createdAt: string;
  erasedAt: string | null;
  version: number;
};
export type EventView = EventSummary & { contributions: ContributionView[] };

/** The report per event (decision 085): what came in and what became of it, exact counts. */
export type EventReport = {
  event: EventSummary;
  attendance: EventAttendance | null;
  /** Contributions per state, by who recorded them. */
  contributions: { state: ContributionState; staff: number; public: number }[];
  adoptedShare: number | null;
  items: ContributionView[];
};

/** What the public sees of an event: in the calendar, on its page and in the iCal feed. */
export type PublicEvent = {
  id: string;
  title: string;
  format: EventFormat;
  description: string;
  languages: string[];
  interpreters: string[];
  startsAt: string;
  endsAt: string | null;
  place: { name: string; street: string | null; postcode: string | null; city: string | null } | null;
  onlineUrl: string | null;
  acceptsContributions: boolean;
};
/** A published contribution, or the one a tracking link shows: never who sent it. */
export type PublicContribution = {
  id: string;
  text: string;
  state: ContributionState;
  reason: string | null;
  createdAt: string;
  link: { meetingId: string; meetingTitle: string; agendaNumber: string; agendaTitle: string } | null;
};
