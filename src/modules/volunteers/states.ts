import { holidayOn } from "../directory/types.ts";
import type { Canceller, RequestState } from "./model.ts";

/**
 * The mediation request's state machine as one pure function (issue 17, What must work 2):
 * submitted → checked → offered → accepted/declined → confirmed → held → claimed → settled,
 * plus cancelled (by whom, late or not) from any state before the conversation and no-show
 * after a confirmed one. A declined offer reopens the request for the next search.
 */
export type RequestEvent =
  | { type: "check" }
  | { type: "offer"; volunteerId: string }
  | { type: "accept" }
  | { type: "decline" }
  | { type: "confirm" }
  | { type: "hold"; minutes: number }
  | { type: "claim" }
  | { type: "settle" }
  | { type: "cancel"; by: Canceller }
  | { type: "no_show" };

export type RequestFacts = {
  state: RequestState;
  volunteerId: string | null;
  /** The conversation's start. */
  startsAt: Date;
};

export type Transition =
  | {
      ok: true;
      state: RequestState;
      volunteerId: string | null;
      heldMinutes?: number;
      cancelledBy?: Canceller;
      cancelledLate?: boolean;
    }
  | { ok: false; code: "invalid_transition" | "not_yet_held" | "not_yet_started" };

const CANCELLABLE: readonly RequestState[] = [
  "submitted",
  "checked",
  "offered",
  "accepted",
  "declined",
  "confirmed",
];
const NEXT: Partial<Record<RequestEvent["type"], { from: readonly RequestState[]; to: RequestState }>> = {
  check: { from: ["submitted"], to: "checked" },
  offer: { from: ["submitted", "checked", "declined"], to: "offered" },
  accept: { from: ["offered"], to: "accepted" },
  decline: { from: ["offered"], to: "declined" },
  confirm: { from: ["accepted"], to: "confirmed" },
  hold: { from: ["confirmed"], to: "held" },
  claim: { from: ["held"], to: "claimed" },
  settle: { from: ["claimed"], to: "settled" },
  no_show: { from: ["confirmed"], to: "no_show" },
};

export function transition(
  facts: RequestFacts,
  event: RequestEvent,
  now: Date,
  cutoffHours: number,
): Transition {
  if (event.type === "cancel") {
    if (!CANCELLABLE.includes(facts.state)) return { ok: false, code: "invalid_transition" };
    const late = facts.startsAt.getTime() - now.getTime() < cutoffHours * 3_600_000;
    // A mediator who cancels hands the request back to the search; anyone else ends it.
    if (event.by === "mediator" && facts.volunteerId) {
      return { ok: true, state: "declined", volunteerId: null, cancelledBy: "mediator", cancelledLate: late };
    }
    return {
      ok: true,
      state: "cancelled",
      volunteerId: facts.volunteerId,
      cancelledBy: event.by,
      cancelledLate: late,
    };
  }
  if (event.type === "claim" && facts.state !== "held") {
    return { ok: false, code: "not_yet_held" };
  }
  const step = NEXT[event.type];
  if (!step?.from.includes(facts.state)) return { ok: false, code: "invalid_transition" };
  if ((event.type === "hold" || event.type === "no_show") && now < facts.startsAt) {
    return { ok: false, code: "not_yet_started" };
  }
  switch (event.type) {
    case "offer":
      return { ok: true, state: step.to, volunteerId: event.volunteerId };
    case "decline":
      return { ok: true, state: step.to, volunteerId: null };
    case "hold":
      return { ok: true, state: step.to, volunteerId: facts.volunteerId, heldMinutes: event.minutes };
    default:
      return { ok: true, state: step.to, volunteerId: facts.volunteerId };
  }
}

/**
 * Adds working days to an ISO date: Saturdays, Sundays and the public holidays of `state` (the
 * directory's computed holidays, decision 012) do not count (decision 068).
 */
export function addWorkingDays(isoDate: string, days: number, state: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  let left = days;
  // A year without a working day cannot happen; the bound keeps a bad input from looping.
  for (let i = 0; left > 0 && i < 366 + days; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && holidayOn(d.toISOString().slice(0, 10), state) === null) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 (Monday) … 7 (Sunday), of an ISO date. */
export function isoWeekday(isoDate: string): number {
  const wd = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Adds calendar days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
