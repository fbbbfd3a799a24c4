import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { MatchingView } from "./contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { matchOptimal } from "./matching.ts";
import { OPEN_STATES } from "./model.ts";
import { requestRepo, volunteerRepo } from "./repo.ts";
import { rulesOpenAt } from "./rules.ts";
import { addDays } from "./states.ts";
import { matchVolunteers } from "./volunteer-facts.ts";

/** How far back served assignments count for continuity. */
const CONTINUITY_DAYS = 365;

/** The Monday batch (issue 17, What must work 3): the optimal proposal for all open requests. */
export function createBatch(
  deps: VolunteerDeps,
  applyOffer: (
    p: Principal,
    id: string,
    volunteerId: string,
    version: number,
    opts: Audited,
  ) => Promise<unknown>,
) {
  const { db } = deps;
  return {
    async proposeMatching(principal: Principal): Promise<MatchingView> {
      authorize(principal, "volunteers.requests.manage");
      const today = deps.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
      const open = await requestRepo.open(db, principal.tenantId, OPEN_STATES, today);
      if (open.length === 0) return { score: 0, proposals: [], unserved: [] };
      const last = open[open.length - 1]!.date;
      const [pool, assigned, rulesOpen] = await Promise.all([
        volunteerRepo.list(db, principal.tenantId, "active"),
        requestRepo.assigned(db, principal.tenantId, addDays(today, -CONTINUITY_DAYS), last),
        rulesOpenAt(db, principal.tenantId, deps.clock.now()),
      ]);
      const result = matchOptimal(open, matchVolunteers(pool, assigned, today.slice(0, 7), rulesOpen));
      const byId = new Map(open.map((r) => [r.id, r]));
      const names = new Map(pool.map((v) => [v.id, v.name]));
      return {
        score: result.score,
        proposals: result.proposals.map((p) => ({
          ...p,
          requestVersion: byId.get(p.requestId)!.version,
          volunteerName: names.get(p.volunteerId) ?? "",
        })),
        unserved: result.unserved.map((u) => ({
          ...u,
          language: byId.get(u.requestId)!.language,
          date: byId.get(u.requestId)!.date,
        })),
      };
    },

    /**
     * Offers the chosen pairs (the proposal, or the coordinator's override). Each offer is its own
     * versioned step, so a request another coordinator changed meanwhile is reported, not overwritten.
     */
    async confirmMatching(
      principal: Principal,
      offers: { requestId: string; volunteerId: string; version: number }[],
      opts: Audited = {},
    ) {
      authorize(principal, "volunteers.requests.manage");
      const failed: { requestId: string; code: string }[] = [];
      let offered = 0;
      for (const o of offers) {
        try {
          await applyOffer(principal, o.requestId, o.volunteerId, o.version, opts);
          offered++;
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (!code) throw e;
          const field = (e as { fields?: { code: string }[] }).fields?.[0]?.code;
          failed.push({ requestId: o.requestId, code: field ?? code });
        }
      }
      return { offered, failed };
    },
  };
}
