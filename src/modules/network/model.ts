/**
 * The network module's public model (issue 18): bodies (Gremien), their members, meetings with
 * agenda items, decisions and action items, and the minutes' states. Browser-safe: no table
 * definitions, no database.
 */

export const BODY_KINDS = [
  "steering_group",
  "working_group",
  "planning_group",
  "annual_conference",
  "district_conference",
  "round_table",
  "integration_council",
  "project_advisory_board",
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const MEMBER_ROLES = ["chair", "secretary", "member", "guest"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** scheduled: planned, not yet invited; invited: the invitation went out; held; cancelled. */
export const MEETING_STATES = ["scheduled", "invited", "held", "cancelled"] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Minutes: draft → comments (attendees comment) → approved → published (public items only). */
export const MINUTES_STATES = ["draft", "comments", "approved", "published"] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

const MINUTES_NEXT: Record<MinutesState, readonly MinutesState[]> = {
  draft: ["comments", "approved"],
  comments: ["draft", "approved"],
  approved: ["published", "draft"],
  published: [],
};
/** The minutes' state machine: may the minutes go from `from` to `to`? */
export function canMoveMinutes(from: MinutesState, to: MinutesState): boolean {
  return MINUTES_NEXT[from].includes(to);
}
/** Minutes text may change only while they are a draft or out for comments. */
export const minutesEditable = (s: MinutesState) => s === "draft" || s === "comments";

export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ["open", "in_progress"];

export const MAX_NAME = 200;
export const MAX_TEXT = 20_000;
export const MAX_VOTES = 10_000;

/** Is a member's term running on `day` (ISO date)? An open end runs on. */
export function termRunsOn(term: { termStart: string | null; termEnd: string | null }, day: string): boolean {
  return (term.termStart === null || term.termStart <= day) && (term.termEnd === null || term.termEnd >= day);
}

export type BodySummary = {
  id: string;
  name: string;
  kind: BodyKind;
  areaId: string | null;
  fieldsOfAction: string[];
  publicBody: boolean;
  version: number;
};
export type MemberView = {
  id: string;
  name: string;
  role: MemberRole;
  votingRight: boolean;
  organizationId: string | null;
  email: string | null;
  language: string;
  termStart: string | null;
  termEnd: string | null;
  publicConsent: boolean;
  active: boolean;
};
export type MeetingSummary = {
  id: string;
  bodyId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  placeId: string | null;
  onlineUrl: string | null;
  state: MeetingState;
  minutesState: MinutesState;
  version: number;
};
export type DecisionView = {
  id: string;
  agendaItemId: string;
  text: string;
  votesYes: number | null;
  votesNo: number | null;
  votesAbstain: number | null;
  measureId: string | null;
};
export type ActionItemView = {
  id: string;
  meetingId: string;
  agendaItemId: string;
  bodyId: string;
  title: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
  measureId: string | null;
  version: number;
};
export type AgendaItemView = {
  id: string;
  number: string;
  title: string;
  public: boolean;
  discussion: string | null;
  decisions: DecisionView[];
  actionItems: ActionItemView[];
};
export type MeetingView = MeetingSummary & {
  body: BodySummary;
  agenda: AgendaItemView[];
  attendance: string[];
  members: MemberView[];
  comments: { id: string; author: string; text: string; createdAt: string }[];
};
/** Beschlusskontrolle: an open action item with its body and meeting, overdue first. */
export type OpenActionItem = ActionItemView & {
  bodyName: string;
  meetingTitle: string;
  meetingStartsAt: string;
  overdue: boolean;
};

/** The public site's views (decision 069): public bodies' meetings, published results and declarations. */
export type PublicPlace = {
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
};
export type PublicMeeting = {
  id: string;
  title: string;
  bodyName: string;
  bodyKind: BodyKind;
  startsAt: string;
  endsAt: string | null;
  state: MeetingState;
  place: PublicPlace | null;
  onlineUrl: string | null;
  minutesPublished: boolean;
  updatedAt: string;
};
export type PublicAgendaItem = {
  id: string;
  number: string;
  title: string;
  /** The public part of the minutes: only once they are published. */
  minutes: {
    discussion: string | null;
    decisions: {
      id: string;
      text: string;
      votesYes: number | null;
      votesNo: number | null;
      votesAbstain: number | null;
    }[];
    actionItems: { id: string; title: string; owner: string; dueDate: string | null; status: string }[];
  } | null;
};
export type PublicDeclaration = {
  id: string;
  title: string;
  subject: string;
  text: string;
  startDate: string | null;
  signatories: { organization: string; signedOn: string }[];
};

/** Terminfindung (decision 126): a member's answer to one proposed date. */
export const POLL_ANSWERS = ["yes", "maybe", "no"] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];
/** open: members answer; fixed: one date was chosen and the meeting created or moved. */
export const POLL_STATES = ["open", "fixed"] as const;
export type PollState = (typeof POLL_STATES)[number];
export const MAX_POLL_OPTIONS = 20;
