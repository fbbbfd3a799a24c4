/** Where a case-work date is "today" (due dates are calendar days of the municipality). */
export const CASEWORK_TIME_ZONE = "Europe/Berlin";

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The calendar day `years` after `isoDate`; 29 February becomes 28 February when the target year has none. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** "2026-03-02T10:30" as a wall-clock time in Berlin; a value with an offset or Z as it says. */
export function caseworkInstant(value: string): Date {
  if (/Z|[+-]\d{2}:?\d{2}$/.test(value)) return new Date(value);
  const asUtc = new Date(`${value.slice(0, 16)}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: CASEWORK_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(asUtc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(asUtc.getTime() - (shown - asUtc.getTime()));
}
