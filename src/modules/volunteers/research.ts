import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { VolunteerDeps } from "./deps.ts";
import { type ScorePart, scorePair, unfit } from "./matching.ts";
import { OPEN_STATES } from "./model.ts";
import { type RequestRow, requestRepo, volunteerRepo } from "./repo.ts";
import { rulesOpenAt } from "./rules.ts";
import { addDays } from "./states.ts";
import { matchVolunteers } from "./volunteer-facts.ts";

/** How many suggestions a reopened request shows and mails. */
const SUGGESTIONS = 5;
/** As the batch: how far back served assignments count for continuity. */
const CONTINUITY_DAYS = 365;

export type Suggestion = { volunteerId: string; volunteerName: string; score: number; parts: ScorePart[] };

/**
 * The new search for one request (issue 17 "a new search starts automatically when a mediator
 * cancels"; decision 084): every active volunteer who fits the hard constraints on the day,
 * ranked by the batch's documented score, leaving out whoever declined or cancelled it before.
 */
export async function suggestionsFor(
  deps: Pick<VolunteerDeps, "db" | "clock">,
  r: RequestRow,
  at: Date = deps.clock.now(),
): Promise<Suggestion[]> {
  const [pool, assigned, rulesOpen] = await Promise.all([
    volunteerRepo.list(deps.db, r.tenantId, "active"),
    requestRepo.assigned(deps.db, r.tenantId, addDays(r.date, -CONTINUITY_DAYS), r.date),
    rulesOpenAt(deps.db, r.tenantId, at),
  ]);
  const names = new Map(pool.map((v) => [v.id, v.name]));
  return matchVolunteers(
    pool,
    assigned.filter((a) => a.id !== r.id),
    r.date.slice(0, 7),
    rulesOpen,
  )
    .filter((v) => unfit(r, v) === undefined)
    .map((v) => ({ volunteerId: v.id, volunteerName: names.get(v.id) ?? "", ...scorePair(r, v) }))
    .sort((a, b) => b.score - a.score || a.volunteerName.localeCompare(b.volunteerName))
    .slice(0, SUGGESTIONS);
}

export function createResearch(deps: VolunteerDeps) {
  return {
    /** The request page's suggestions while it waits for a mediator (empty otherwise). */
    async requestSuggestions(principal: Principal, id: string): Promise<Suggestion[]> {
      authorize(principal, "volunteers.requests.manage");
      const row = await requestRepo.byId(deps.db, principal.tenantId, id);
      if (!row) throw AppError.notFound();
      return OPEN_STATES.includes(row.state) ? suggestionsFor(deps, row) : [];
    },
  };
}
