/**
 * Opening hours: validation and "open now". All wall-clock logic happens in the time zone
 * given (the directory's, Europe/Berlin), so a slot 01:00–04:00 on the night the clocks go
 * forward lasts two real hours, and "opens at" across a change lands on the right instant.
 *
 * Slots never cross midnight: an overnight opening is a slot closing "24:00" and one opening
 * "00:00" on the next day, which `openState` joins into one opening.
 */

import { holidayOn } from "./holidays.ts";
import type { HoursException, OpeningHours, TimeSlot } from "./schema.ts";
import { addDays, fromLocal, isoDate, toLocal, weekdayOf } from "./time-zone.ts";

export type HoursIssue = { path: string; code: string };
export type OpenStatus = "open" | "closed" | "appointment_only";
export type OpenState = {
  status: OpenStatus;
  /** While open (or in appointment hours): when this opening ends. */
  closesAt: Date | null;
  /** While not open for walk-ins: the start of the next walk-in opening (null: none in sight). */
  nextOpensAt: Date | null;
  /** Key of today's public holiday (`holidays.<key>`) when the hours close for it, else null. */
  holiday: string | null;
};

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight of "HH:MM" ("24:00" = 1440), or null if malformed. */
export function minutesOf(time: string, allowEndOfDay = false): number | null {
  if (allowEndOfDay && time === "24:00") return 1440;
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function validDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATE.exec(s);
  if (!m) return false;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

function validateSlots(slots: TimeSlot[], base: string, out: HoursIssue[]): void {
  const ok: { index: number; opens: number; closes: number }[] = [];
  slots.forEach((slot, index) => {
    const opens = minutesOf(slot?.opens);
    const closes = minutesOf(slot?.closes, true);
    if (opens === null) out.push({ path: `${base}.${index}.opens`, code: "hours_invalid_time" });
    if (closes === null) out.push({ path: `${base}.${index}.closes`, code: "hours_invalid_time" });
    if (opens === null || closes === null) return;
    if (closes <= opens) {
      out.push({ path: `${base}.${index}.closes`, code: "hours_end_before_start" });
      return;
    }
    ok.push({ index, opens, closes });
  });
  ok.sort((a, b) => a.opens - b.opens || a.index - b.index);
  for (let i = 1; i < ok.length; i++) {
    const prev = ok[i - 1];
    const cur = ok[i];
    if (prev && cur && cur.opens < prev.closes)
      out.push({ path: `${base}.${Math.max(prev.index, cur.index)}.opens`, code: "hours_overlap" });
  }
}

/**
 * Problems with a set of opening hours, each with the dotted path of the field
 * ("weekly.1.0.closes", "exceptions.2.to") and a code under `validation.`:
 * hours_invalid_time, hours_end_before_start (also: a slot crossing midnight), hours_overlap,
 * hours_exception_range.
 */
export function validateOpeningHours(h: OpeningHours): HoursIssue[] {
  const out: HoursIssue[] = [];
  for (const [day, slots] of Object.entries(h.weekly ?? {})) {
    if (!(WEEKDAY_KEYS as readonly string[]).includes(day)) {
      out.push({ path: `weekly.${day}`, code: "hours_invalid_time" });
      continue;
    }
    if (Array.isArray(slots)) validateSlots(slots, `weekly.${day}`, out);
  }
  (h.appointmentOnlyDays ?? []).forEach((day, i) => {
    if (!(WEEKDAY_KEYS as readonly string[]).includes(day))
      out.push({ path: `appointmentOnlyDays.${i}`, code: "hours_invalid_time" });
  });
  (h.exceptions ?? []).forEach((ex, i) => {
    const base = `exceptions.${i}`;
    const fromOk = validDate(ex.from);
    const toOk = validDate(ex.to);
    if (!fromOk) out.push({ path: `${base}.from`, code: "hours_exception_range" });
    if (!toOk) out.push({ path: `${base}.to`, code: "hours_exception_range" });
    if (fromOk && toOk && ex.to < ex.from) out.push({ path: `${base}.to`, code: "hours_exception_range" });
    if (!ex.closed && Array.isArray(ex.slots)) validateSlots(ex.slots, `${base}.slots`, out);
  });
  return out;
}

type Interval = { start: number; end: number; appointment: boolean };
type Day = { slots: TimeSlot[]; appointment: boolean; holiday: string | null };

function exceptionFor(exceptions: HoursException[] | undefined, date: string): HoursException | undefined {
  // The last matching exception wins, so a later, narrower entry can override a longer closure.
  let found: HoursException | undefined;
  for (const ex of exceptions ?? []) if (ex.from <= date && date <= ex.to) found = ex;
  return found;
}

function dayOf(h: OpeningHours, date: string, state: string): Day {
  const weekday = String(weekdayOf(date)) as WeekdayKey;
  const appointment = (h.appointmentOnlyDays ?? []).includes(weekday);
  const ex = exceptionFor(h.exceptions, date);
  if (ex) return { slots: ex.closed ? [] : (ex.slots ?? []), appointment: false, holiday: null };
  if (h.closedOnPublicHolidays) {
    const holiday = holidayOn(date, state);
    if (holiday) return { slots: [], appointment, holiday };
  }
  return { slots: h.weekly?.[weekday] ?? [], appointment, holiday: null };
}

function intervalsOf(day: Day, date: string, timeZone: string): Interval[] {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const out: Interval[] = [];
  for (const slot of day.slots) {
    const opens = minutesOf(slot.opens);
    const closes = minutesOf(slot.closes, true);
    if (opens === null || closes === null || closes <= opens) continue; // invalid slots never open
    const start = fromLocal(timeZone, y, m, d, Math.floor(opens / 60), opens % 60).getTime();
    const end = fromLocal(timeZone, y, m, d, Math.floor(closes / 60), closes % 60).getTime();
    if (end > start) out.push({ start, end, appointment: day.appointment });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** How far ahead "opens at" looks (long closures such as summer holidays fit). */
const HORIZON_DAYS = 92;

function hasAnySlot(h: OpeningHours): boolean {
  if (Object.values(h.weekly ?? {}).some((s) => (s?.length ?? 0) > 0)) return true;
  return (h.exceptions ?? []).some((e) => !e.closed && (e.slots?.length ?? 0) > 0);
}

/**
 * Whether the hours are open at an instant, in the given time zone and holiday state.
 * "appointment_only" means the instant falls into a slot of an appointment-only weekday.
 * `closesAt` follows an opening across midnight (a slot to 24:00 joined by one from 00:00).
 */
export function openState(h: OpeningHours, at: Date, opts: { timeZone: string; state: string }): OpenState {
  const { timeZone, state } = opts;
  const now = at.getTime();
  const local = toLocal(at, timeZone);
  const today = isoDate(local.year, local.month, local.day);
  const todayDay = dayOf(h, today, state);
  const holiday = todayDay.holiday;
  if (!hasAnySlot(h)) return { status: "closed", closesAt: null, nextOpensAt: null, holiday };

  let current: Interval | null = null;
  for (const iv of mergedIntervals(h, today, todayDay, timeZone, state)) {
    if (iv.end <= now) continue;
    if (iv.start <= now) {
      if (!iv.appointment) return { status: "open", closesAt: new Date(iv.end), nextOpensAt: null, holiday };
      current = iv;
      continue;
    }
    if (iv.appointment) continue;
    return {
      status: current ? "appointment_only" : "closed",
      closesAt: current ? new Date(current.end) : null,
      nextOpensAt: new Date(iv.start),
      holiday,
    };
  }
  return {
    status: current ? "appointment_only" : "closed",
    closesAt: current ? new Date(current.end) : null,
    nextOpensAt: null,
    holiday,
  };
}

/**
 * The openings from `today` on, in order, with an opening to 24:00 joined to one from 00:00 on
 * the next day when both are of the same kind (walk-in or appointment).
 */
function* mergedIntervals(
  h: OpeningHours,
  today: string,
  todayDay: Day,
  timeZone: string,
  state: string,
): Generator<Interval> {
  let held: Interval | null = null;
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const date = i === 0 ? today : addDays(today, i);
    const day = i === 0 ? todayDay : dayOf(h, date, state);
    for (const iv of intervalsOf(day, date, timeZone)) {
      if (held && iv.start <= held.end && iv.appointment === held.appointment) {
        held.end = Math.max(held.end, iv.end);
        continue;
      }
      if (held) yield held;
      held = iv;
    }
    if (held) {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      const nextDayStart = fromLocal(timeZone, y, m, d + 1).getTime();
      if (held.end < nextDayStart) {
        yield held;
        held = null;
      }
    }
  }
  if (held) yield held;
}
