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
  UpdateAccommodationInput,
} from "./housing.contracts.ts";
import {
  type AccommodationRow,
  accommodationRepo,
  type PlacementRow,
  placementRepo,
} from "./housing.repo.ts";
import { dayInGermany, occupancyOn } from "./housing-model.ts";

type Action = "accommodation.read" | "accommodation.manage";
const check = (actor: Actor, action: Action) => {
  if (actor.kind === "user") authorize(actor.principal, action);
};
const tenantOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.tenantId : actor.tenantId);

export function createAccommodations(deps: AccommodationDeps) {
  const { db } = deps;

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
      });
      return (await views(tenantId, today(), id))[0]!;
    },
  };
}
export type Accommodations = ReturnType<typeof createAccommodations>;
