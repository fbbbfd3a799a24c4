/**
 * An accommodation shown on the public site as a place of the directory (issue 21 "What must
 * work" 1, decision 121). Only what a public place shows leaves this module: the public name,
 * the address, the point and step-free access; never places, occupancy, operator, contact or
 * residents. The place is the directory's entry from then on (its editors may improve it);
 * this module takes it down by the system when the accommodation closes or is unpublished,
 * but only at the version it published, so an editor's later change is never overwritten.
 */
import type { Actor } from "../audit/service.ts";
import type { AccommodationDeps, PublicPlaceData } from "./deps.ts";
import type { PublicPlaceOutcome } from "./housing.contracts.ts";
import { type AccommodationRow, accommodationRepo } from "./housing.repo.ts";
import { relocationTo } from "./placement-rules.ts";

export function publicPlaceData(acc: AccommodationRow, name: string | null): PublicPlaceData {
  const { street, postcode, city } = relocationTo(acc);
  return {
    name: name ?? acc.name,
    street,
    postcode,
    city,
    lon: acc.lon,
    lat: acc.lat,
    accessibility: acc.accessible ? { stepFreeEntrance: true } : {},
    languages: [],
    openingHours: null,
    organizationId: null,
  };
}

/** True when the accommodation is closed on `day` (its closing day has come). */
export const closedOn = (acc: Pick<AccommodationRow, "closesOn">, day: string) =>
  acc.closesOn !== null && acc.closesOn <= day;

export function createPublicPlaces(deps: AccommodationDeps) {
  const { db } = deps;
  return {
    /**
     * Takes the linked place down by the system, in the caller's transaction. Archived or gone:
     * the link is dropped. Changed by an editor: the link stays, the view says so.
     */
    async takeDown(
      actor: Actor,
      acc: AccommodationRow,
      requestId?: string | null,
    ): Promise<PublicPlaceOutcome> {
      if (!acc.placeId || acc.placeVersion === null) return "gone";
      const outcome = await deps.places.archiveIfVersion(acc.tenantId, acc.placeId, acc.placeVersion);
      if (outcome === "changed") return outcome;
      await accommodationRepo.setPlace(db, acc.tenantId, acc.id, null, null);
      await deps.audit.record({
        actor,
        action: "update",
        entityType: "accommodation",
        entityId: acc.id,
        changes: { placeId: { old: acc.placeId, new: null } },
        requestId: requestId ?? null,
      });
      return outcome;
    },

    /** The linked places' status, and whether an editor changed them since publishing. */
    async states(tenantId: string, rows: readonly AccommodationRow[]) {
      const linked = rows.filter((r) => r.placeId);
      const states = linked.length
        ? await deps.places.states(
            tenantId,
            linked.map((r) => r.placeId!),
          )
        : new Map<string, { status: string; version: number }>();
      return (r: AccommodationRow) => {
        if (!r.placeId) return null;
        const s = states.get(r.placeId);
        return {
          placeId: r.placeId,
          status: s?.status ?? "deleted",
          changed: !!s && s.version !== r.placeVersion,
        };
      };
    },
  };
}
export type PublicPlaces = ReturnType<typeof createPublicPlaces>;
