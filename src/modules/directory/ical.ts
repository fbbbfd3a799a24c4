/**
 * iCalendar feeds (RFC 5545) with ical-generator: times in the directory's zone with a
 * VTIMEZONE derived from the platform's time-zone data, RRULE passed through (validated
 * first), EXDATE in the event's zone, stable UIDs chosen by the caller. Escaping and line
 * folding are the library's.
 */
import ical, { ICalCalendarMethod } from "ical-generator";
import { expandOccurrences, validateRrule } from "./recurrence.ts";
import { fromLocal, offsetAt, toLocal } from "./time-zone.ts";

export type ICalItem = {
  uid: string;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  start: Date;
  end: Date;
  rrule?: string | null;
  exdates?: string[];
  lastModified?: Date;
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
function offsetText(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const mins = Math.abs(Math.round(ms / 60_000));
  return `${sign}${pad(Math.floor(mins / 60))}${pad(mins % 60)}`;
}
function wallText(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  return `${l.year}${pad(l.month)}${pad(l.day)}T${pad(l.hour)}${pad(l.minute)}${pad(l.second)}`;
}

/** Transitions of a zone's UTC offset within a year (instants where the offset changes). */
function transitions(timeZone: string, year: number): { at: number; from: number; to: number }[] {
  const out: { at: number; from: number; to: number }[] = [];
  const HOUR = 3_600_000;
  let t = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  let prev = offsetAt(t, timeZone);
  // Step by day, then narrow down to the minute.
  for (; t < end; t += 24 * HOUR) {
    const next = offsetAt(t + 24 * HOUR, timeZone);
    if (next === prev) continue;
    let lo = t;
    let hi = t + 24 * HOUR;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, timeZone) === prev) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, from: prev, to: next });
    prev = next;
  }
  return out;
}

const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function zoneName(timeZone: string, at: number): string | null {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName")?.value;
  return part && /^[A-Z]{3,5}$/.test(part) ? part : null;
}

/**
 * A VTIMEZONE for a zone, derived from Intl: the current year's two changes as yearly rules
 * ("last Sunday of March", …), or one fixed STANDARD observance for zones without DST.
 */
export function vtimezone(timeZone: string, year = new Date().getUTCFullYear()): string {
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  const changes = transitions(timeZone, year);
  if (changes.length !== 2) {
    const off = offsetAt(Date.UTC(year, 0, 1), timeZone);
    const name = zoneName(timeZone, Date.UTC(year, 0, 1));
    lines.push(
      "BEGIN:STANDARD",
      `TZOFFSETFROM:${offsetText(off)}`,
      `TZOFFSETTO:${offsetText(off)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      "DTSTART:19700101T000000",
      "END:STANDARD",
    );
  } else {
    for (const ch of changes) {
      // The wall time at which the change happens, read on the clock before it.
      const before = new Date(ch.at + ch.from);
      const month = before.getUTCMonth() + 1;
      const day = before.getUTCDate();
      const weekday = before.getUTCDay();
      const monthLength = new Date(Date.UTC(before.getUTCFullYear(), month, 0)).getUTCDate();
      const nth = day + 7 > monthLength ? -1 : Math.ceil(day / 7);
      // The same rule's date in 1970, as the observance's first onset.
      const first = nthWeekday(1970, month, weekday, nth);
      const kind = ch.to > ch.from ? "DAYLIGHT" : "STANDARD";
      const name = zoneName(timeZone, ch.at + 60_000);
      lines.push(
        `BEGIN:${kind}`,
        `TZOFFSETFROM:${offsetText(ch.from)}`,
        `TZOFFSETTO:${offsetText(ch.to)}`,
        ...(name ? [`TZNAME:${name}`] : []),
        `DTSTART:1970${pad(month)}${pad(first)}T${pad(before.getUTCHours())}${pad(before.getUTCMinutes())}00`,
        `RRULE:FREQ=YEARLY;BYMONTH=${month};BYDAY=${nth}${WEEKDAY_CODES[weekday]}`,
        `END:${kind}`,
      );
    }
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  if (nth > 0) {
    const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - firstDow + 7) % 7) + (nth - 1) * 7;
  }
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7);
}

/** EXDATE values (local wall times in the zone) for the cancelled occurrences of a series. */
function exdateValues(item: ICalItem, timeZone: string): string[] {
  const values = new Set<string>();
  const durationMinutes = Math.max(0, Math.round((item.end.getTime() - item.start.getTime()) / 60_000));
  for (const raw of item.exdates ?? []) {
    const s = raw.trim();
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const wall = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
    if (date) {
      // A cancelled day: every occurrence of the series on that local date.
      const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
      const from = fromLocal(timeZone, y, m, d);
      const to = fromLocal(timeZone, y, m, d + 1);
      const ev = { startsAt: item.start, durationMinutes, rrule: item.rrule ?? null, exdates: [] };
      for (const o of expandOccurrences(ev, { from, to }, timeZone))
        if (o.start.getTime() >= from.getTime()) values.add(wallText(o.start, timeZone));
    } else if (wall) {
      values.add(`${wall[1]}${wall[2]}${wall[3]}T${wall[4]}${wall[5]}${wall[6] ?? "00"}`);
    } else if (!Number.isNaN(Date.parse(s))) {
      values.add(wallText(new Date(Date.parse(s)), timeZone));
    }
  }
  return [...values].sort();
}

type PlainDate = { year: number; month: number; day: number; toJSON(): string; toString(): string };

/**
 * ical-generator turns a plain Date into wall time with the *process* time zone. It does
 * convert Temporal objects correctly, and Node 24 has no Temporal yet; so hand it a minimal
 * Temporal.Instant look-alike backed by Intl (only the members the library reads).
 */
function instant(ms: number) {
  const iso = () => new Date(ms).toISOString();
  return {
    epochMilliseconds: ms,
    toJSON: iso,
    toString: iso,
    toZonedDateTimeISO: (timeZone: string) => zoned(ms, timeZone),
  };
}
function zoned(ms: number, timeZone: string) {
  const l = toLocal(new Date(ms), timeZone);
  const fields = {
    year: l.year,
    month: l.month,
    day: l.day,
    hour: l.hour,
    minute: l.minute,
    second: l.second,
  };
  const iso = () => new Date(ms).toISOString();
  return {
    ...fields,
    timeZoneId: timeZone,
    toJSON: iso,
    toString: iso,
    toInstant: () => instant(ms),
    withTimeZone: (other: string) => zoned(ms, other),
    toPlainDateTime: () => {
      const text = `${fields.year}-${pad(fields.month)}-${pad(fields.day)}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
      const date: PlainDate = {
        year: fields.year,
        month: fields.month,
        day: fields.day,
        toJSON: () => text.slice(0, 10),
        toString: () => text.slice(0, 10),
      };
      return {
        ...fields,
        toJSON: () => text,
        toString: () => text,
        toPlainDate: () => date,
        toZonedDateTime: (tz: string) =>
          zoned(
            fromLocal(
              tz,
              fields.year,
              fields.month,
              fields.day,
              fields.hour,
              fields.minute,
              fields.second,
            ).getTime(),
            tz,
          ),
      };
    },
  };
}

/**
 * An iCalendar document (text/calendar) with the given events. DTSTAMP is an event's last
 * change, else `now` (when the feed was written; never an occurrence in the future). The
 * VTIMEZONE is always there, so a feed without events still has the component RFC 5545
 * requires, and the document ends with CRLF like every other line.
 */
export function toICalendar(items: ICalItem[], opts: { name: string; timeZone: string; now: Date }): string {
  const { timeZone } = opts;
  const cal = ical({ name: opts.name, prodId: { company: "Lotse", product: "Wegweiser", language: "DE" } });
  cal.method(ICalCalendarMethod.PUBLISH);
  // No calendar-wide zone (DTSTAMP and LAST-MODIFIED stay UTC as RFC 5545 wants); each event
  // carries the zone, and the generator adds its VTIMEZONE once.
  cal.timezone({ name: null, generator: (tz) => vtimezone(tz) });
  for (const item of items) {
    const event = cal.createEvent({
      id: item.uid,
      start: instant(item.start.getTime()),
      end: instant(item.end.getTime()),
      summary: item.title,
      timezone: timeZone,
      stamp: instant((item.lastModified ?? opts.now).getTime()),
    });
    if (item.description) event.description(item.description);
    if (item.location) event.location(item.location);
    if (item.url) event.url(item.url);
    if (item.lastModified) event.lastModified(instant(item.lastModified.getTime()));
    if (item.rrule && validateRrule(item.rrule) === null) {
      const rule = item.rrule
        .trim()
        .replace(/^RRULE:/i, "")
        .toUpperCase();
      const exdates = exdateValues(item, timeZone);
      const lines = [`RRULE:${rule}`];
      if (exdates.length > 0) lines.push(`EXDATE;TZID=${timeZone}:${exdates.join(",")}`);
      event.repeating(lines.join("\n"));
    }
  }
  let text = cal.toString().replace(/(\r\n)*$/, "");
  if (items.length === 0)
    text = text.replace(
      /END:VCALENDAR$/,
      `${vtimezone(timeZone, opts.now.getUTCFullYear())}\r\nEND:VCALENDAR`,
    );
  return `${text}\r\n`;
}
