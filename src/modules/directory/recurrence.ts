/**
 * Recurring events (RFC 5545 RRULE) with the `rrule` library, expanded in the directory's
 * time zone: the rule runs on "floating" wall-clock times (local time written as if it were
 * UTC), and each occurrence is then placed in the zone. So "every Monday 10:00" stays 10:00
 * local time across the daylight-saving changes. Expansion is bounded (MAX_OCCURRENCES).
 */

import type { Options as RRuleOptions } from "rrule";
import * as rruleModule from "rrule";
import { fromLocal, toLocal } from "./time-zone.ts";

// rrule's package has a CommonJS main and no "exports" map: Node's ESM loader exposes its
// exports only as `default`, bundlers as named exports. Take whichever is there.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

/** At most this many occurrences come out of one expansion (and per year of a rule). */
export const MAX_OCCURRENCES = 1000;

export type RecurrenceErrorCode = "rrule_invalid" | "rrule_unbounded_too_frequent";

type ParsedRule = { options: Partial<RRuleOptions>; untilIsUtc: boolean };

const ALLOWED_KEYS = new Set([
  "FREQ",
  "UNTIL",
  "COUNT",
  "INTERVAL",
  "BYSECOND",
  "BYMINUTE",
  "BYHOUR",
  "BYDAY",
  "BYMONTHDAY",
  "BYYEARDAY",
  "BYWEEKNO",
  "BYMONTH",
  "BYSETPOS",
  "WKST",
]);

/** One RRULE value ("FREQ=WEEKLY;BYDAY=MO", optionally prefixed "RRULE:"), or null if malformed. */
function parseRule(rrule: string): ParsedRule | null {
  const text = rrule.trim().replace(/^RRULE:/i, "");
  if (!text || text.length > 500 || /[\r\n]/.test(text)) return null;
  const parts = text.split(";");
  const seen = new Set<string>();
  for (const part of parts) {
    const m = /^([A-Z]+)=([A-Z0-9,+\-TZ]+)$/i.exec(part);
    if (!m) return null;
    const key = (m[1] as string).toUpperCase();
    if (!ALLOWED_KEYS.has(key) || seen.has(key)) return null;
    seen.add(key);
  }
  if (!seen.has("FREQ") || (seen.has("COUNT") && seen.has("UNTIL"))) return null;
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(text);
  } catch {
    return null;
  }
  if (options.freq === undefined || options.freq === null) return null;
  if (options.interval !== undefined && options.interval !== null && !(options.interval >= 1)) return null;
  if (options.count !== undefined && options.count !== null && !(options.count >= 1)) return null;
  if (options.until && Number.isNaN(options.until.getTime())) return null;
  for (const key of [
    "byhour",
    "byminute",
    "bysecond",
    "bymonth",
    "bymonthday",
    "byyearday",
    "byweekno",
    "bysetpos",
  ] as const) {
    const v = options[key];
    const list = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (list.some((n) => typeof n !== "number" || !Number.isInteger(n))) return null;
  }
  const untilIsUtc = /UNTIL=[0-9T]+Z/i.test(text);
  return { options, untilIsUtc };
}

/** Local wall time of an instant, written as a UTC date (the "floating" form rrule works on). */
function floating(at: Date, timeZone: string): Date {
  const l = toLocal(at, timeZone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second));
}
/** The instant of a floating wall time in the zone. */
function placed(f: Date, timeZone: string): Date {
  return fromLocal(
    timeZone,
    f.getUTCFullYear(),
    f.getUTCMonth() + 1,
    f.getUTCDate(),
    f.getUTCHours(),
    f.getUTCMinutes(),
    f.getUTCSeconds(),
  );
}

function buildRule(parsed: ParsedRule, dtstart: Date, timeZone: string) {
  const { options } = parsed;
  let until = options.until ?? null;
  // UNTIL in UTC names an instant; the rule runs on floating local times.
  if (until && parsed.untilIsUtc) until = floating(until, timeZone);
  return new RRule({ ...options, dtstart, until, tzid: null });
}

// A Monday 10:00, for judging a rule without an event.
const PROBE_START = new Date(Date.UTC(2025, 0, 6, 10, 0, 0));
const YEAR_MS = 366 * 86_400_000;

/**
 * Null when the rule is fine, else a code under `validation.`: rrule_invalid (not a single,
 * well-formed RRULE value), rrule_unbounded_too_frequent (more than MAX_OCCURRENCES a year).
 */
export function validateRrule(rrule: string): RecurrenceErrorCode | null {
  const parsed = parseRule(rrule);
  if (!parsed) return "rrule_invalid";
  let rule: InstanceType<typeof RRule>;
  try {
    rule = buildRule(parsed, PROBE_START, "UTC");
  } catch {
    return "rrule_invalid";
  }
  let n = 0;
  try {
    rule.between(PROBE_START, new Date(PROBE_START.getTime() + YEAR_MS), true, () => {
      n++;
      return n <= MAX_OCCURRENCES;
    });
  } catch {
    return "rrule_invalid";
  }
  if (n > MAX_OCCURRENCES) return "rrule_unbounded_too_frequent";
  return null;
}

type Exdates = { dates: Set<string>; instants: Set<number>; wallTimes: Set<number> };

function parseExdates(exdates: string[], timeZone: string): Exdates {
  const out: Exdates = { dates: new Set(), instants: new Set(), wallTimes: new Set() };
  for (const raw of exdates) {
    const s = raw.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      out.dates.add(s);
      continue;
    }
    const wall = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
    if (wall) {
      const [, y, mo, d, h, mi, sec] = wall.map(Number) as number[];
      out.wallTimes.add(Date.UTC(y as number, (mo as number) - 1, d, h, mi, sec || 0));
      continue;
    }
    const t = Date.parse(s);
    if (!Number.isNaN(t)) out.instants.add(floating(new Date(t), timeZone).getTime());
  }
  return out;
}

function isExcluded(f: Date, ex: Exdates): boolean {
  return (
    ex.dates.has(f.toISOString().slice(0, 10)) ||
    ex.wallTimes.has(f.getTime()) ||
    ex.instants.has(f.getTime())
  );
}

/**
 * The occurrences of an event that overlap [range.from, range.to), in order, at most
 * MAX_OCCURRENCES. `startsAt` is the first occurrence; its local wall time in `timeZone` is
 * what repeats. `exdates` cancel occurrences: a date "YYYY-MM-DD" (local) cancels that day's,
 * a local "YYYY-MM-DDTHH:MM" or an instant with offset cancels that one. A rule that does not
 * validate yields only the first occurrence (stored data is validated before saving).
 */
export function expandOccurrences(
  ev: { startsAt: Date; durationMinutes: number; rrule: string | null; exdates: string[] },
  range: { from: Date; to: Date },
  timeZone: string,
): { start: Date; end: Date }[] {
  const durationMs = Math.max(0, ev.durationMinutes) * 60_000;
  const overlaps = (start: Date) =>
    (start.getTime() < range.to.getTime() && start.getTime() + durationMs > range.from.getTime()) ||
    (durationMs === 0 && start.getTime() >= range.from.getTime() && start.getTime() < range.to.getTime());
  const single = () =>
    overlaps(ev.startsAt) ? [{ start: ev.startsAt, end: new Date(ev.startsAt.getTime() + durationMs) }] : [];
  if (!ev.rrule || range.to.getTime() <= range.from.getTime()) return ev.rrule ? [] : single();
  const parsed = parseRule(ev.rrule);
  if (!parsed || validateRrule(ev.rrule) !== null) return single();

  const dtstart = floating(ev.startsAt, timeZone);
  const rule = buildRule(parsed, dtstart, timeZone);
  const ex = parseExdates(ev.exdates, timeZone);
  // Search floating times with a margin of a day for the zone's offset, plus the duration.
  const margin = 86_400_000;
  const fromF = new Date(floating(range.from, timeZone).getTime() - durationMs - margin);
  const toF = new Date(floating(range.to, timeZone).getTime() + margin);
  const out: { start: Date; end: Date }[] = [];
  rule.between(fromF, toF, true, (f: Date) => {
    if (isExcluded(f, ex)) return true;
    const start = placed(f, timeZone);
    if (overlaps(start)) out.push({ start, end: new Date(start.getTime() + durationMs) });
    return out.length < MAX_OCCURRENCES;
  });
  return out;
}

/**
 * End of the series' last occurrence (for `events.series_ends_at`), null when the rule has no
 * end. Without a rule: the end of the single occurrence.
 */
export function seriesEnd(
  ev: { startsAt: Date; durationMinutes: number; rrule: string | null; exdates: string[] },
  timeZone: string,
): Date | null {
  const durationMs = Math.max(0, ev.durationMinutes) * 60_000;
  if (!ev.rrule) return new Date(ev.startsAt.getTime() + durationMs);
  const parsed = parseRule(ev.rrule);
  if (!parsed || validateRrule(ev.rrule) !== null) return new Date(ev.startsAt.getTime() + durationMs);
  if (!parsed.options.count && !parsed.options.until) return null;
  const rule = buildRule(parsed, floating(ev.startsAt, timeZone), timeZone);
  const ex = parseExdates(ev.exdates, timeZone);
  let last: Date | null = null;
  let n = 0;
  const cap = 100_000;
  rule.all((f: Date) => {
    n++;
    if (!isExcluded(f, ex)) last = f;
    return n < cap;
  });
  if (n >= cap) return null; // practically endless
  const lastF = last as Date | null;
  return lastF ? new Date(placed(lastF, timeZone).getTime() + durationMs) : null;
}
