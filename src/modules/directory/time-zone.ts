/**
 * Wall-clock ↔ instant conversion in an IANA time zone with `Intl` (Node 24 ships full ICU;
 * `Temporal` is not available yet). Ambiguous and skipped wall times are resolved like
 * Temporal's "compatible" disambiguation: in the autumn overlap the earlier instant, in the
 * spring gap the wall time shifted forward by the gap (02:30 → 03:30).
 */

export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Throws a RangeError for an unknown time zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The zone's reading of an instant through Intl (slow path). */
function readParts(at: Date, timeZone: string): LocalDateTime {
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    switch (p.type) {
      case "year":
        out.year = Number(p.value);
        break;
      case "month":
        out.month = Number(p.value);
        break;
      case "day":
        out.day = Number(p.value);
        break;
      case "hour":
        out.hour = Number(p.value);
        break;
      case "minute":
        out.minute = Number(p.value);
        break;
      case "second":
        out.second = Number(p.value);
        break;
      case "weekday":
        out.weekday = WEEKDAYS[p.value] ?? 0;
        break;
    }
  }
  return out;
}

/**
 * Offsets are cached per zone and quarter hour: since 1970 every zone changes its offset only at
 * whole quarter hours (UTC), so an offset holds for its whole bucket. This makes "open now"
 * over thousands of offers cheap.
 */
const BUCKET_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();
const MAX_CACHED = 50_000;

/** Offset of the zone from UTC at an instant, in milliseconds (Berlin: +1 h or +2 h). */
export function offsetAt(at: number, timeZone: string): number {
  const cacheable = at >= 0;
  const key = cacheable ? `${timeZone}|${Math.floor(at / BUCKET_MS)}` : "";
  if (cacheable) {
    const hit = offsetCache.get(key);
    if (hit !== undefined) return hit;
  }
  const l = readParts(new Date(at), timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  const offset = asUtc - Math.floor(at / 1000) * 1000;
  if (cacheable) {
    if (offsetCache.size >= MAX_CACHED) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** The wall-clock reading of an instant in a time zone. */
export function toLocal(at: Date, timeZone: string): LocalDateTime {
  const t = at.getTime();
  if (t < 0) return readParts(at, timeZone);
  const d = new Date(t + offsetAt(t, timeZone));
  const w = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: w === 0 ? 7 : w,
  };
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. Month and day
 * may overflow (day 32 = next month's 1st; hour 24 = next day 00:00), as with Date.UTC.
 */
export function fromLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const t = wall - off;
    if (offsetAt(t, timeZone) === off) candidates.push(t);
  }
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the spring gap: keep the offset from before the change, which moves the wall time forward.
  return new Date(wall - before);
}

/** "YYYY-MM-DD" of a calendar date given as numbers (normalising overflow). */
export function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

/** Calendar date arithmetic on "YYYY-MM-DD" (time-zone free). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return isoDate(y, m, d + days);
}

/** ISO weekday (1 = Monday) of a calendar date "YYYY-MM-DD". */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}
