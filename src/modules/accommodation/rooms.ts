/**
 * Rooms and beds of an accommodation (issue 21 "What must work" 1, decision 073): beds, floor,
 * step-free access and how a room may be shared, with occupied, reserved and free beds per day.
 * Counts of beds are operational figures, not persons: who sleeps where is a placement.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Actor } from "../audit/service.ts";
import type { AccommodationDeps } from "./deps.ts";
import type { CreateRoomInput, RoomView } from "./housing.contracts.ts";
import { accommodationRepo } from "./housing.repo.ts";
import { occupancyOn } from "./housing-model.ts";
import { type RoomRow, type RoomStay, roomRepo } from "./rooms.repo.ts";

const tenantOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.tenantId : actor.tenantId);

/** A room with its beds on `day`. */
export function roomView(r: RoomRow, stays: readonly RoomStay[], day: string): RoomView {
  return {
    id: r.id,
    accommodationId: r.accommodationId,
    name: r.name,
    floor: r.floor,
    beds: r.beds,
    accessible: r.accessible,
    use: r.use,
    version: r.version,
    occupancy: occupancyOn(
      r.beds,
      stays.filter((s) => s.roomId === r.id),
      day,
    ),
  };
}

export function createRooms(deps: AccommodationDeps) {
  const { db } = deps;
  return {
    /** The rooms of an accommodation with occupied, reserved and free beds on `day`. */
    async list(actor: Actor, accommodationId: string, day: string): Promise<RoomView[]> {
      if (actor.kind === "user") authorize(actor.principal, "accommodation.read");
      const t = tenantOf(actor);
      const [rows, stays] = await Promise.all([
        roomRepo.ofAccommodation(db, t, accommodationId),
        roomRepo.stays(db, t, [accommodationId]),
      ]);
      return rows.map((r) => roomView(r, stays, day));
    },

    /** Adds a room; its name is unique in the accommodation and all beds together stay within the places. */
    async create(actor: Actor, accommodationId: string, input: CreateRoomInput, requestId?: string) {
      if (actor.kind === "user") authorize(actor.principal, "accommodation.manage");
      const t = tenantOf(actor);
      const acc = await accommodationRepo.byId(db, t, accommodationId);
      if (!acc) throw AppError.notFound();
      return db.transaction(async (tx) => {
        // The accommodation's version moves on: a concurrent room or placement sees the change.
        if (!(await accommodationRepo.bumpIfVersion(tx, t, acc.id, acc.version)))
          throw AppError.versionConflict(acc.version);
        const rooms = await roomRepo.ofAccommodation(tx, t, accommodationId);
        if (rooms.some((r) => r.name.toLowerCase() === input.name.toLowerCase()))
          throw AppError.validation([{ field: "name", code: "accommodation_room_name_taken" }]);
        if (rooms.reduce((n, r) => n + r.beds, input.beds) > acc.places)
          throw AppError.validation([{ field: "beds", code: "accommodation_rooms_exceed_places" }]);
        const row = await roomRepo.insert(tx, { tenantId: t, accommodationId, ...input });
        await deps.audit.record(
          { actor, action: "create", entityType: "accommodation_room", entityId: row.id, requestId },
          tx,
        );
        return roomView(row, [], acc.opensOn);
      });
    },
  };
}
export type Rooms = ReturnType<typeof createRooms>;
