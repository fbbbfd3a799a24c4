/**
 * Cooperation agreements (Kooperationsvereinbarungen) and declarations (Erklärungen), issue 18
 * "What must work" 3. Browser-safe: no tables, no database.
 */
export const AGREEMENT_KINDS = ["agreement", "declaration"] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** draft → signed → under review → renewed or ended; a renewed agreement comes up for review again. */
export const AGREEMENT_STATES = ["draft", "signed", "under_review", "renewed", "ended"] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

const AGREEMENT_NEXT: Record<AgreementState, readonly AgreementState[]> = {
  draft: ["signed", "ended"],
  signed: ["under_review", "ended"],
  under_review: ["renewed", "ended"],
  renewed: ["under_review", "ended"],
  ended: [],
};
/** The agreement state machine: may an agreement go from `from` to `to`? */
export function canMoveAgreement(from: AgreementState, to: AgreementState): boolean {
  return AGREEMENT_NEXT[from].includes(to);
}

/** The terms can be edited while a draft or under review; signed, renewed and ended ones keep theirs. */
export const agreementEditable = (s: AgreementState) => s === "draft" || s === "under_review";

/** Reviews this many days ahead count as "expiring soon" on the list. */
export const REVIEW_SOON_DAYS = 60;

/** Is the agreement running (signed or renewed) with its review date within `days` of `today`? */
export function reviewDueSoon(
  a: { state: AgreementState; reviewDate: string | null },
  today: string,
  days = REVIEW_SOON_DAYS,
): boolean {
  if (a.reviewDate === null || (a.state !== "signed" && a.state !== "renewed")) return false;
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return a.reviewDate <= limit.toISOString().slice(0, 10);
}

export type SignatoryView = {
  id: string;
  organizationId: string | null;
  name: string | null;
  function: string | null;
  signedOn: string;
};
export type AgreementSummary = {
  id: string;
  kind: AgreementKind;
  title: string;
  subject: string;
  state: AgreementState;
  parties: string[];
  startDate: string | null;
  reviewDate: string | null;
  measureId: string | null;
  meetingId: string | null;
  published: boolean;
  reviewSoon: boolean;
  version: number;
};
export type AgreementView = AgreementSummary & {
  text: string;
  signatories: SignatoryView[];
  commitments: CommitmentView[];
  pdf: { version: number; createdAt: string } | null;
};

/** A commitment (Zusage) of one party: open until done or dropped. */
export const COMMITMENT_STATUSES = ["open", "done", "dropped"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export type CommitmentView = {
  id: string;
  partyId: string;
  text: string;
  owner: string;
  dueDate: string | null;
  status: CommitmentStatus;
  overdue: boolean;
  version: number;
};

/** What the daily job reminds of (decision 085). */
export const REMINDER_KINDS = ["review", "action_item", "commitment"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** A running agreement's review is reminded this many days ahead. */
export const REVIEW_REMIND_DAYS = 30;
