import type { ICalItem } from "./ical.ts";
import type { OpeningHours } from "./schema.ts";
import { addDays, fromLocal, weekdayOf } from "./time-zone.ts";

/**
 * iCal items of the public feeds: an offer's weekly opening hours as weekly series (closures
 * as EXDATEs, the validity's end as UNTIL), and events as their own series.
 */

const BYDAY = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
/** Closure days are listed at most this far ahead. */
const EXDATE_HORIZON_DAYS = 366;

export type OfferForICal = {
  id: string;
  title: string;
  description?: string | undefined;
  location?: string | undefined;
  url: string;
  openingHours: OpeningHours | null;
  validFrom: string | null;
  validTo: string | null;
  lastModified?: Date | undefined;
};

function hm(t: string): [number, number] {
  const [h, m] = t.split(":").map(Number);
  return [h ?? 0, m ?? 0];
}

/** The weekly slots of an offer as weekly series starting on the first such weekday from `today`. */
export function offerHoursItems(o: OfferForICal, today: string, timeZone: string): ICalItem[] {
  const hours = o.openingHours;
  if (!hours) return [];
  const start = o.validFrom && o.validFrom > today ? o.validFrom : today;
  if (o.validTo && o.validTo < start) return [];
  const closedDays: string[] = [];
  for (const ex of hours.exceptions ?? []) {
    if (!ex.closed) continue;
    for (
      let d = ex.from < start ? start : ex.from, i = 0;
      d <= ex.to && i < EXDATE_HORIZON_DAYS;
      d = addDays(d, 1), i++
    )
      closedDays.push(d);
  }
  const items: ICalItem[] = [];
  for (let wd = 1; wd <= 7; wd++) {
    const slots = hours.weekly[String(wd) as "1"] ?? [];
    if (!slots.length) continue;
    let first = start;
    while (weekdayOf(first) !== wd) first = addDays(first, 1);
    if (o.validTo && first > o.validTo) continue;
    const [y, m, d] = first.split("-").map(Number) as [number, number, number];
    slots.forEach((slot, i) => {
      const [oh, om] = hm(slot.opens);
      const [ch, cm] = hm(slot.closes);
      const begin = fromLocal(timeZone, y, m, d, oh, om, 0);
      // "24:00" overflows to the next day's midnight.
      const end = fromLocal(timeZone, y, m, d, ch, cm, 0);
      const until = o.validTo ? `;UNTIL=${o.validTo.replace(/-/g, "")}T235959Z` : "";
      items.push({
        uid: `${o.id}-hours-${wd}-${i}@lotse`,
        title: o.title,
        ...(o.description ? { description: o.description } : {}),
        ...(o.location ? { location: o.location } : {}),
        url: o.url,
        start: begin,
        end,
        rrule: `FREQ=WEEKLY;BYDAY=${BYDAY[wd]}${until}`,
        exdates: closedDays.filter((c) => weekdayOf(c) === wd),
        ...(o.lastModified ? { lastModified: o.lastModified } : {}),
      });
    });
  }
  return items;
}

export type EventForICal = {
  id: string;
  title: string;
  summary: string | null;
  startsAt: Date;
  durationMinutes: number;
  rrule: string | null;
  exdates: string[];
  location: string | null;
  url: string;
  lastModified: Date;
};

export function eventItem(e: EventForICal): ICalItem {
  return {
    uid: `${e.id}@lotse`,
    title: e.title,
    ...(e.summary ? { description: e.summary } : {}),
    ...(e.location ? { location: e.location } : {}),
    url: e.url,
    start: e.startsAt,
    end: new Date(e.startsAt.getTime() + e.durationMinutes * 60_000),
    rrule: e.rrule,
    exdates: e.exdates,
    lastModified: e.lastModified,
  };
}
