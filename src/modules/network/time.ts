/** Meetings are held in the municipality's time zone; a form's wall time is read there. */
export const NETWORK_TIME_ZONE = "Europe/Berlin";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"));
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * An instant from "2026-03-01T18:00" (wall time in `timeZone`, as a datetime-local field sends
 * it) or an ISO string with an offset; undefined when it is neither or not a real date.
 */
export function parseInstant(value: string, timeZone = NETWORK_TIME_ZONE): Date | undefined {
  const m = LOCAL.exec(value);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(wall);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
      return undefined;
    // Two passes settle the offset also next to a change of daylight saving time.
    let at = wall - offsetMinutes(wall, timeZone) * 60_000;
    at = wall - offsetMinutes(at, timeZone) * 60_000;
    return new Date(at);
  }
  if (!WITH_OFFSET.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "YYYY-MM-DD" of an instant in the zone. */
export function dayIn(at: Date, timeZone = NETWORK_TIME_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** The wall time a datetime-local field shows for an instant ("2026-03-01T18:00"). */
export function wallTime(at: Date, timeZone = NETWORK_TIME_ZONE): string {
  const off = offsetMinutes(at.getTime(), timeZone);
  return new Date(at.getTime() + off * 60_000).toISOString().slice(0, 16);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Is `value` a calendar month "YYYY-MM" (years 2000–2100, enough for meetings)? */
export const isMonth = (value: string) => MONTH.test(value) && value >= "2000-01" && value <= "2100-12";

/** The instants a month ("YYYY-MM") spans in the zone, and the months before and after it. */
export function monthSpan(month: string, timeZone = NETWORK_TIME_ZONE) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const shift = (by: number) => {
    const d = new Date(Date.UTC(y, m - 1 + by, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  const prev = shift(-1);
  const next = shift(1);
  return {
    from: parseInstant(`${month}-01T00:00`, timeZone)!,
    to: parseInstant(`${next}-01T00:00`, timeZone)!,
    prev,
    next,
  };
}
