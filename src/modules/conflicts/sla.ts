import { DIRECTORY_HOLIDAY_STATE, DIRECTORY_TIME_ZONE, holidayOn } from "../directory/types.ts";
import type { ServiceLevel } from "./model.ts";

/**
 * The service-level clock (decision 052). Normal reports: first contact within N working days,
 * counted in the directory's time zone; Saturdays, Sundays and the state's public holidays
 * (the directory's holiday logic) do not count, and the deadline keeps the wall-clock time of
 * the report. Urgent reports: N clock hours, weekends included (urgency does not wait).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const dateFmt = new Intl.DateTimeFormat("en-CA", {
  timeZone: DIRECTORY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const offsetFmt = new Intl.DateTimeFormat("en-US", {
  timeZone: DIRECTORY_TIME_ZONE,
  timeZoneName: "longOffset",
});

/** The calendar date "YYYY-MM-DD" of an instant in the directory's time zone. */
export function localDate(at: Date): string {
  return dateFmt.format(at);
}

/** Minutes east of UTC in the directory's time zone at this instant (60 or 120 in Germany). */
function offsetMinutes(at: Date): number {
  const name = offsetFmt.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** True for Saturdays, Sundays and public holidays of the state. */
export function isNonWorkingDay(date: string, state = DIRECTORY_HOLIDAY_STATE): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 || holidayOn(date, state) !== null;
}

/** The instant `days` working days after `from`, at the same local wall-clock time. */
export function addWorkingDays(from: Date, days: number, state = DIRECTORY_HOLIDAY_STATE): Date {
  let t = from.getTime();
  let counted = 0;
  // A year of non-working days cannot happen; the bound keeps a bad input from looping.
  for (let i = 0; counted < days && i < 366 + days; i++) {
    t += DAY;
    if (!isNonWorkingDay(localDate(new Date(t)), state)) counted++;
  }
  // Across a change to or from summer time, keep the wall-clock time of the report.
  const shift = offsetMinutes(from) - offsetMinutes(new Date(t));
  return new Date(t + shift * 60_000);
}

/** When the first contact is due for a report made at `reportedAt`. */
export function dueAt(reportedAt: Date, level: ServiceLevel, urgent: boolean): Date {
  return urgent
    ? new Date(reportedAt.getTime() + level.urgentHours * HOUR)
    : addWorkingDays(reportedAt, level.workingDays);
}

/** Overdue: no first contact yet, not closed, and the deadline has passed. */
export function isOverdue(
  c: { dueAt: Date; firstContactAt: Date | null; state: string },
  now: Date,
): boolean {
  return c.firstContactAt === null && c.state !== "closed" && now.getTime() > c.dueAt.getTime();
}
