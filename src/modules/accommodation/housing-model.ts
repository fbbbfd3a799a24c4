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
