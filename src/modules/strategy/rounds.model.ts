/**
 * The report round of the implementation report (issue 16, 4; decision 098): the coordinator
 * opens a round for a year with a deadline, each person responsible for a goal or measure writes
 * its narrative, the coordinator approves it or asks for changes. Browser-safe.
 */
export const ROUND_STATUSES = ["open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** requested: nobody wrote yet; draft: saved, not handed in; submitted: waiting for review. */
export const NARRATIVE_STATUSES = [
  "requested",
  "draft",
  "submitted",
  "changes_requested",
  "approved",
] as const;
export type NarrativeStatus = (typeof NARRATIVE_STATUSES)[number];
export const REVIEW_DECISIONS = ["approve", "changes"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const MAX_NARRATIVE = 8000;
export const MAX_REVIEW_NOTE = 2000;
/** At most this many people per node may be asked for its narrative. */
export const MAX_RESPONSIBLE_USERS = 10;
/** The reminder goes this many days before the deadline (or at once when the round opens later). */
export const REMINDER_DAYS_BEFORE = 3;

/** The responsible person may still write: not once approved, never in a closed round. */
export const canWrite = (round: RoundStatus, status: NarrativeStatus): boolean =>
  round === "open" && status !== "approved";

/** The narratives still missing from the report: everything not approved. */
export const isMissing = (status: NarrativeStatus): boolean => status !== "approved";

/** When the reminder is due: REMINDER_DAYS_BEFORE days before the deadline, 08:00 UTC. */
export function reminderAt(deadline: string): Date {
  const d = new Date(`${deadline}T08:00:00Z`);
  d.setUTCDate(d.getUTCDate() - REMINDER_DAYS_BEFORE);
  return d;
}
