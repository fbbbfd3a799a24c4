/**
 * The rules of a stay (decisions 065, 073), shared by placing, changing a move-out and the
 * proposal: dates, opening, the household's other stays, capacity of the accommodation, and per
 * named room its beds, step-free access, family use and the gender rule of shared rooms.
 */
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import type { Relocation } from "./deps.ts";
import { type AccommodationRow, placementRepo } from "./housing.repo.ts";
import {
  fillRooms,
  fitsRoomUse,
  type HouseholdPerson,
  peakOccupancy,
  type Stay,
  staysOverlap,
} from "./housing-model.ts";
import { type RoomRow, type RoomStay, roomRepo } from "./rooms.repo.ts";

const fail = (field: string, code: string) => AppError.validation([{ field, code }]);

/** Dates, opening, capacity; `except`: the placement being changed. Household overlap: `checkHousehold`. */
export async function checkStay(db: DbOrTx, acc: AccommodationRow, stay: Stay, except: string | null) {
  if (stay.moveOut !== null && stay.moveOut <= stay.moveIn)
    throw fail("moveOut", "accommodation_move_out_before_move_in");
  if (
    stay.moveIn < acc.opensOn ||
    (acc.closesOn !== null && (stay.moveOut === null || stay.moveOut > acc.closesOn))
  )
    throw fail("moveIn", "accommodation_not_open");
  const others = (await placementRepo.ofAccommodation(db, acc.tenantId, acc.id)).filter(
    (p) => p.id !== except,
  );
  if (peakOccupancy([...others, stay], stay.moveIn, stay.moveOut) > acc.places)
    throw fail("moveIn", "accommodation_over_capacity");
}

/** The household has no other stay at the same time (read again under the household's lock). */
export async function checkHousehold(
  db: DbOrTx,
  tenantId: string,
  householdId: string,
  stay: Pick<Stay, "moveIn" | "moveOut">,
  except: string | null,
) {
  const own = (await placementRepo.ofHousehold(db, tenantId, householdId)).filter((p) => p.id !== except);
  if (own.some((p) => staysOverlap(p, stay))) throw fail("moveIn", "accommodation_household_placed");
}

/** What a room can take over a stay: the rule that stops it, else its free beds on every day. */
export function roomFit(
  room: RoomRow,
  stays: readonly RoomStay[],
  household: { id: string; persons: readonly HouseholdPerson[]; needsAccessible: boolean },
  stay: Pick<Stay, "moveIn" | "moveOut">,
): { code: string } | { free: number } {
  const inRoom = stays.filter((s) => s.roomId === room.id && staysOverlap(s, stay));
  if (household.needsAccessible && !room.accessible) return { code: "accommodation_room_not_accessible" };
  if (!fitsRoomUse(room.use, household.persons, stay.moveIn)) return { code: "accommodation_room_gender" };
  if (room.use === "family" && inRoom.some((s) => s.householdId !== household.id))
    return { code: "accommodation_room_family" };
  return { free: Math.max(0, room.beds - peakOccupancy(inRoom, stay.moveIn, stay.moveOut)) };
}

/**
 * The persons per named room: each room must belong to the accommodation and pass its rules,
 * and the rooms together must hold the whole household (filled in the order given).
 */
export async function planRooms(
  db: DbOrTx,
  acc: AccommodationRow,
  roomIds: readonly string[],
  household: { id: string; persons: readonly HouseholdPerson[]; needsAccessible: boolean },
  stay: Pick<Stay, "moveIn" | "moveOut">,
  except: string | null,
): Promise<{ roomId: string; persons: number }[]> {
  if (household.needsAccessible && !acc.accessible)
    throw fail("needsAccessible", "accommodation_not_accessible");
  if (roomIds.length === 0) return [];
  const rooms = new Map((await roomRepo.ofAccommodation(db, acc.tenantId, acc.id)).map((r) => [r.id, r]));
  const stays = (await roomRepo.stays(db, acc.tenantId, [acc.id])).filter((s) => s.placementId !== except);
  const errors: FieldError[] = [];
  const free: { id: string; free: number }[] = [];
  for (const [i, id] of [...new Set(roomIds)].entries()) {
    const room = rooms.get(id);
    const fit = room ? roomFit(room, stays, household, stay) : { code: "invalid_choice" };
    if ("code" in fit) errors.push({ field: `roomIds.${i}`, code: fit.code });
    else free.push({ id, free: fit.free });
  }
  if (errors.length) throw AppError.validation(errors);
  const shares = fillRooms(free, household.persons.length);
  if (!shares) throw fail("roomIds", "accommodation_room_over_capacity");
  return shares;
}

/**
 * A changed move-out keeps the rooms: every room must still hold its share on the longer stay
 * (the household's persons are not read again; the share's size is what was placed).
 */
export async function checkShares(
  db: DbOrTx,
  acc: AccommodationRow,
  placementId: string,
  householdId: string,
  stay: Stay,
) {
  const shares = await roomRepo.sharesOf(db, acc.tenantId, [placementId]);
  if (shares.length === 0) return;
  const rooms = new Map((await roomRepo.ofAccommodation(db, acc.tenantId, acc.id)).map((r) => [r.id, r]));
  const stays = (await roomRepo.stays(db, acc.tenantId, [acc.id])).filter(
    (s) => s.placementId !== placementId,
  );
  for (const share of shares) {
    const room = rooms.get(share.roomId);
    if (!room) continue;
    const inRoom = stays.filter((s) => s.roomId === room.id && staysOverlap(s, stay));
    if (room.use === "family" && inRoom.some((s) => s.householdId !== householdId))
      throw fail("moveOut", "accommodation_room_family");
    if (peakOccupancy(inRoom, stay.moveIn, stay.moveOut) + share.persons > room.beds)
      throw fail("moveOut", "accommodation_room_over_capacity");
  }
}

/** Case work's address fields for a household living in `acc` ("Straße 1, 12345 Ort" when it parses). */
export function relocationTo(acc: AccommodationRow): Relocation {
  const m = /^(.+?),\s*(\d{5})\s+(.+)$/.exec(acc.address.trim());
  return {
    street: (m ? m[1]! : acc.address).trim().slice(0, 200),
    postcode: m ? m[2]! : null,
    city: m ? m[3]!.trim().slice(0, 120) : null,
    lon: acc.lon,
    lat: acc.lat,
    accommodationKind: acc.kind === "flat" ? "other" : "shared_accommodation",
    accommodationName: acc.name,
  };
}
