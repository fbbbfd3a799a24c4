/**
 * Accommodations in operation and their occupancy (issue 21 "What must work" 1, decision 065).
 * Occupancy counts places, not persons: who lives where is shown only through `placements.ts`.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Actor } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { AccommodationDeps } from "./deps.ts";
import type {
  AccommodationView,
  CreateAccommodationInput,
  PublicPlaceInput,
  PublicPlaceOutcome,
  UpdateAccommodationInput,
} from "./housing.contracts.ts";
import {
  type AccommodationRow,
  accommodationRepo,
  type PlacementRow,
  placementRepo,
} from "./housing.repo.ts";
import { dayInGermany, occupancyOn } from "./housing-model.ts";
import { closedOn, createPublicPlaces, publicPlaceData } from "./public-place.ts";

type Action = "accommodation.read" | "accommodation.manage" | "directory.publish";
const check = (actor: Actor, action: Action) => {
  if (actor.kind === "user") authorize(actor.principal, action);
};
const tenantOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.tenantId : actor.tenantId);

export function createAccommodations(deps: AccommodationDeps) {
  const { db } = deps;
  const publicPlaces = createPublicPlaces(deps);

  /** The quarter: the deepest area containing the address point; outside every area → refused. */
  async function locate(tenantId: string, input: CreateAccommodationInput) {
    if (input.closesOn !== null && input.closesOn <= input.opensOn)
      throw AppError.validation([{ field: "closesOn", code: "accommodation_closes_before_opens" }]);
    const hit = await deps.areas.locate(tenantId, input.lon, input.lat);
    if (!hit) throw AppError.validation([{ field: "lon", code: "place_outside_areas" }]);
    return hit.area.id;
  }

  async function views(tenantId: string, day: string, only?: string): Promise<AccommodationView[]> {
    const [rows, placements, areas] = await Promise.all([
      only
        ? accommodationRepo.byId(db, tenantId, only).then((r) => (r ? [r] : []))
        : accommodationRepo.list(db, tenantId),
      only ? placementRepo.ofAccommodation(db, tenantId, only) : placementRepo.all(db, tenantId),
      deps.areas.list(tenantId),
    ]);
    const areaName = new Map(areas.map((a) => [a.id, a.name]));
    const publicPlace = await publicPlaces.states(tenantId, rows);
    const byAccommodation = Map.groupBy(placements, (p: PlacementRow) => p.accommodationId);
    return rows.map((r: AccommodationRow) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      address: r.address,
      lon: r.lon,
      lat: r.lat,
      areaId: r.areaId,
      areaName: areaName.get(r.areaId) ?? "",
      places: r.places,
      accessible: r.accessible,
      operator: r.operator,
      contact: r.contact,
      opensOn: r.opensOn,
      closesOn: r.closesOn,
      version: r.version,
      occupancy: occupancyOn(r.places, byAccommodation.get(r.id) ?? [], day),
      publicPlace: publicPlace(r),
    }));
  }

  const today = () => dayInGermany(deps.clock.now());

  return {
    /** Every accommodation with free, reserved and occupied places on `on` (today by default). */
    async list(actor: Actor, on?: string): Promise<AccommodationView[]> {
      check(actor, "accommodation.read");
      return views(tenantOf(actor), on ?? today());
    },

    async get(actor: Actor, id: string, on?: string): Promise<AccommodationView> {
      check(actor, "accommodation.read");
      const [view] = await views(tenantOf(actor), on ?? today(), id);
      if (!view) throw AppError.notFound();
      return view;
    },

    async create(actor: Actor, input: CreateAccommodationInput, requestId?: string) {
      check(actor, "accommodation.manage");
      const tenantId = tenantOf(actor);
      const areaId = await locate(tenantId, input);
      const row = await db.transaction(async (tx) => {
        const created = await accommodationRepo.insert(tx, { tenantId, ...input, areaId });
        await deps.audit.record(
          { actor, action: "create", entityType: "accommodation", entityId: created.id, requestId },
          tx,
        );
        return created;
      });
      return (await views(tenantId, today(), row.id))[0]!;
    },

    /** Saves only if nobody changed it or placed someone since `input.version` (409 otherwise). */
    async update(actor: Actor, id: string, input: UpdateAccommodationInput, requestId?: string) {
      check(actor, "accommodation.manage");
      const tenantId = tenantOf(actor);
      const before = await accommodationRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const areaId = await locate(tenantId, input);
      const { version, ...fields } = input;
      await db.transaction(async (tx) => {
        const after = await accommodationRepo.bumpIfVersion(tx, tenantId, id, version, { ...fields, areaId });
        if (!after) throw AppError.versionConflict(before.version);
        const changes = diff(before, after);
        await deps.audit.record(
          { actor, action: "update", entityType: "accommodation", entityId: id, changes, requestId },
          tx,
        );
        // Closed: its public place goes (by the system, at the version published); a later
        // closing day is the daily job's.
        if (closedOn(after, today()))
          await publicPlaces.takeDown({ kind: "system", tenantId }, after, requestId);
      });
      return (await views(tenantId, today(), id))[0]!;
    },

    /**
     * Shows the accommodation on the public site as a directory place, or takes the place down
     * (decision 121). Showing is an editorial decision of the directory too (`directory.publish`);
     * taking down needs only `accommodation.manage`. Claims the accommodation's version, so two
     * clicks at once cannot make two places.
     */
    async setPublic(
      actor: Actor,
      id: string,
      input: PublicPlaceInput,
      requestId?: string,
    ): Promise<{ outcome: PublicPlaceOutcome; accommodation: AccommodationView }> {
      check(actor, "accommodation.manage");
      if (input.show) check(actor, "directory.publish");
      const tenantId = tenantOf(actor);
      const before = await accommodationRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const outcome = await db.transaction(async (tx) => {
        const acc = await accommodationRepo.bumpIfVersion(tx, tenantId, id, input.version);
        if (!acc) throw AppError.versionConflict(before.version);
        if (!input.show) return publicPlaces.takeDown({ kind: "system", tenantId }, acc, requestId);
        if (closedOn(acc, today()))
          throw AppError.validation([{ field: "show", code: "accommodation_closed_not_public" }]);
        const current = (await publicPlaces.states(tenantId, [acc]))(acc);
        if (current && current.status !== "archived" && current.status !== "deleted")
          throw AppError.validation([{ field: "show", code: "accommodation_already_public" }]);
        const place = await deps.places.publish(actor, publicPlaceData(acc, input.name));
        await accommodationRepo.setPlace(tx, tenantId, id, place.id, place.version);
        await deps.audit.record(
          {
            actor,
            action: "update",
            entityType: "accommodation",
            entityId: id,
            changes: { placeId: { old: acc.placeId, new: place.id } },
            requestId,
          },
          tx,
        );
        return "published" as const;
      });
      return { outcome, accommodation: (await views(tenantId, today(), id))[0]! };
    },
  };
}
export type Accommodations = ReturnType<typeof createAccommodations>;
