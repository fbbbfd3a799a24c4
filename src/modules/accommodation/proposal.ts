/**
 * The ranked proposal of accommodations and rooms for a case's household (issue 21 "What must
 * work" 2, decision 073). The household is read through case work's need-to-know check (write,
 * as for placing; the persons' read is audited there); the scoring is `proposal-model.ts`.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AccommodationDeps } from "./deps.ts";
import type { ProposalQuery, ProposalView } from "./housing.contracts.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";
import { occupiedOn, peakOccupancy, staysOverlap } from "./housing-model.ts";
import { checkHousehold, roomFit } from "./placement-rules.ts";
import { areaCentre, type ProposalCandidate, rankProposal } from "./proposal-model.ts";
import { roomRepo } from "./rooms.repo.ts";

export function createProposal(deps: AccommodationDeps) {
  const { db } = deps;

  /** The quarter's centre, from the areas service's polygons. */
  async function centreOf(tenantId: string, code: string) {
    const fc = await deps.areas.featureCollection(tenantId);
    const feature = fc.features.find((f) => f.properties.code === code);
    return feature ? areaCentre(feature.geometry as { type: string; coordinates: unknown }) : null;
  }

  /**
   * Offers in the household's languages per quarter with an accommodation (decision 089); null
   * when no person has a recorded language or the directory is not wired.
   */
  async function offersByQuarter(
    tenantId: string,
    areas: readonly { id: string; code: string }[],
    accs: readonly { areaId: string }[],
    persons: readonly { languages?: { lang: string }[] }[],
  ): Promise<Map<string, number> | null> {
    const languages = [...new Set(persons.flatMap((p) => (p.languages ?? []).map((l) => l.lang)))];
    if (!languages.length || !deps.offersInLanguages) return null;
    const counts = new Map<string, number>();
    for (const areaId of new Set(accs.map((a) => a.areaId))) {
      const code = areas.find((a) => a.id === areaId)?.code;
      if (code) counts.set(areaId, await deps.offersInLanguages(tenantId, code, languages));
    }
    return counts;
  }

  return {
    async propose(
      principal: Principal,
      caseId: string,
      q: ProposalQuery,
      opts: { requestId?: string | null } = {},
    ): Promise<ProposalView> {
      authorize(principal, "accommodation.place");
      const t = principal.tenantId;
      if (q.moveOut !== null && q.moveOut <= q.moveIn)
        throw AppError.validation([{ field: "moveOut", code: "accommodation_move_out_before_move_in" }]);
      const areas = await deps.areas.list(t);
      if (q.nearAreaId && !areas.some((a) => a.id === q.nearAreaId))
        throw AppError.validation([{ field: "nearAreaId", code: "invalid_choice" }]);
      const ctx = await deps.casework.surveyContext(principal, caseId, "write", opts);
      if (ctx.persons.length === 0)
        throw AppError.validation([{ field: "caseId", code: "accommodation_household_empty" }]);
      const householdId = ctx.access.householdId;
      const stay = { moveIn: q.moveIn, moveOut: q.moveOut };
      await checkHousehold(db, t, householdId, stay, null);

      const [accs, placements, rooms, roomStays] = await Promise.all([
        accommodationRepo.list(db, t),
        placementRepo.all(db, t),
        roomRepo.all(db, t),
        roomRepo.stays(db, t),
      ]);
      const nearAreaId = q.nearAreaId ?? ctx.areaId;
      const nearArea = areas.find((a) => a.id === nearAreaId);
      const near = nearArea ? await centreOf(t, nearArea.code) : null;
      const household = { id: householdId, persons: ctx.persons, needsAccessible: q.needsAccessible };
      const offersIn = await offersByQuarter(t, areas, accs, ctx.persons);
      const quarterLoad = new Map<string, number>();
      const candidates: ProposalCandidate[] = accs.map((a) => {
        const own = placements.filter((p) => p.accommodationId === a.id);
        quarterLoad.set(a.areaId, (quarterLoad.get(a.areaId) ?? 0) + occupiedOn(own, q.moveIn));
        const open =
          q.moveIn >= a.opensOn && (a.closesOn === null || (q.moveOut !== null && q.moveOut <= a.closesOn));
        const mine = rooms.filter((r) => r.accommodationId === a.id);
        const fitting = mine.flatMap((r) => {
          const fit = roomFit(r, roomStays, household, stay);
          return "free" in fit ? [{ id: r.id, free: fit.free }] : [];
        });
        return {
          id: a.id,
          name: a.name,
          areaId: a.areaId,
          lon: a.lon,
          lat: a.lat,
          blocked: !open
            ? "accommodation_not_open"
            : q.needsAccessible && !a.accessible
              ? "accommodation_not_accessible"
              : null,
          free:
            a.places -
            peakOccupancy(
              own.filter((p) => staysOverlap(p, stay)),
              q.moveIn,
              q.moveOut,
            ),
          rooms: mine.length ? fitting : null,
          offers: offersIn ? (offersIn.get(a.areaId) ?? 0) : null,
        };
      });
      const areaName = new Map(areas.map((a) => [a.id, a.name]));
      const roomName = new Map(rooms.map((r) => [r.id, r.name]));
      const byId = new Map(accs.map((a) => [a.id, a]));
      return {
        persons: ctx.persons.length,
        nearAreaId: nearArea?.id ?? null,
        nearAreaName: nearArea?.name ?? null,
        items: rankProposal(candidates, ctx.persons.length, near, quarterLoad).map((r) => {
          const a = byId.get(r.id)!;
          return {
            accommodationId: a.id,
            name: a.name,
            areaName: areaName.get(a.areaId) ?? "",
            version: a.version,
            blocked: r.blocked,
            rooms: r.roomIds.map((id) => ({ id, name: roomName.get(id) ?? "" })),
            score: r.score,
            criteria: r.criteria,
          };
        }),
      };
    },
  };
}
