/**
 * Accommodations and placements (issue 21, decision 065): kinds and the occupancy arithmetic,
 * shared by the service and the pages. Days are ISO dates (YYYY-MM-DD), which compare as
 * strings; a stay runs from its move-in day up to, not including, its move-out day.
 */

export const ACCOMMODATION_KINDS = ["flat", "shared_house", "communal"] as const;
export type AccommodationKind = (typeof ACCOMMODATION_KINDS)[number];

/** A stay as the arithmetic needs it. */
export type Stay = { persons: number; moveIn: string; moveOut: string | null };

export type Occupancy = { places: number; occupied: number; reserved: number; free: number };

const endOf = (s: Stay) => s.moveOut ?? "9999-12-31";

/** True when the two stays share at least one night. */
export function staysOverlap(a: Pick<Stay, "moveIn" | "moveOut">, b: Pick<Stay, "moveIn" | "moveOut">) {
  return a.moveIn < endOf(b as Stay) && b.moveIn < endOf(a as Stay);
}

/** Persons living there on `day`. */
export function occupiedOn(stays: readonly Stay[], day: string): number {
  return stays.filter((s) => s.moveIn <= day && day < endOf(s)).reduce((n, s) => n + s.persons, 0);
}

/**
 * Free, reserved and occupied places on `day`. Reserved: persons whose stay starts later. Free
 * counts conservatively: a bed booked for a later move-in is not offered today.
 */
export function occupancyOn(places: number, stays: readonly Stay[], day: string): Occupancy {
  const occupied = occupiedOn(stays, day);
  const reserved = stays.filter((s) => s.moveIn > day).reduce((n, s) => n + s.persons, 0);
  return { places, occupied, reserved, free: Math.max(0, places - occupied - reserved) };
}

/**
 * The most persons living there on any day of [from, to) (to = null: open-ended). Occupancy
 * only rises on a move-in day, so the start and every move-in inside the range are enough.
 */
export function peakOccupancy(stays: readonly Stay[], from: string, to: string | null): number {
  const days = [from, ...stays.map((s) => s.moveIn).filter((d) => d > from && (to === null || d < to))];
  return Math.max(0, ...days.map((d) => occupiedOn(stays, d)));
}

/** The municipality's calendar day at `now` (occupancy "today" is a day in Germany). */
export function dayInGermany(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A valid ISO day as given (e.g. a page's `?on=`), else today: a bad day never reaches the service. */
export function dayOrToday(on: string | null | undefined, now: Date): string {
  const valid = !!on && /^\d{4}-\d{2}-\d{2}$/.test(on) && !Number.isNaN(Date.parse(on));
  return valid ? on : dayInGermany(now);
}

/**
 * How a room may be shared (decision 073): `any` without a rule (e.g. a room of a flat),
 * `family` one household at a time, `women` / `men` shared rooms for persons of that sex
 * (children under 14 accompany their parent and are exempt).
 */
export const ROOM_USES = ["any", "family", "women", "men"] as const;
export type RoomUse = (typeof ROOM_USES)[number];

/** Age below which a child may stay in a women's or men's room with its parent. */
export const ROOM_CHILD_AGE = 14;

export type HouseholdPerson = { sex: string; birthDate: string | null };

/** Age in whole years on `day` (ISO dates); null without a birth date. */
export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate) return null;
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The gender rule of a shared room: in a women's (men's) room every person from 14 years on
 * must be recorded as female (male). A person without a birth date counts as an adult.
 */
export function fitsRoomUse(use: RoomUse, persons: readonly HouseholdPerson[], day: string): boolean {
  if (use !== "women" && use !== "men") return true;
  const sex = use === "women" ? "female" : "male";
  return persons.every((p) => p.sex === sex || (ageOn(p.birthDate, day) ?? ROOM_CHILD_AGE) < ROOM_CHILD_AGE);
}

/**
 * The rooms that hold `persons` with the fewest empty beds left, then the fewest rooms: an
 * exact subset sum over the free beds (rooms per accommodation are few, beds per room small).
 * Returns the chosen room ids in the given order, or null when all rooms together are too few.
 */
export function chooseRooms(
  rooms: readonly { id: string; free: number }[],
  persons: number,
): string[] | null {
  // best[s]: the fewest rooms reaching exactly s free beds, and which.
  const total = rooms.reduce((n, r) => n + Math.max(0, r.free), 0);
  if (persons <= 0 || total < persons) return null;
  let best: (string[] | null)[] = Array.from({ length: total + 1 }, (_, s) => (s === 0 ? [] : null));
  for (const r of rooms) {
    if (r.free <= 0) continue;
    const next = [...best];
    for (let s = 0; s + r.free <= total; s++) {
      const from = best[s];
      const to = next[s + r.free];
      if (from && (!to || from.length + 1 < to.length)) next[s + r.free] = [...from, r.id];
    }
    best = next;
  }
  for (let s = persons; s <= total; s++) {
    const set = best[s];
    if (set) {
      const order = new Map(rooms.map((r, i) => [r.id, i]));
      return set.sort((a, b) => order.get(a)! - order.get(b)!);
    }
  }
  return null;
}

/** Persons per room when the household fills the named rooms in order, each up to its free beds. */
export function fillRooms(
  rooms: readonly { id: string; free: number }[],
  persons: number,
): { roomId: string; persons: number }[] | null {
  const out: { roomId: string; persons: number }[] = [];
  let left = persons;
  for (const r of rooms) {
    if (left <= 0) break;
    const n = Math.min(left, Math.max(0, r.free));
    if (n > 0) out.push({ roomId: r.id, persons: n });
    left -= n;
  }
  return left > 0 ? null : out;
}
