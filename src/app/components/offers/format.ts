import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";

/**
 * Dates and times of the public directory in the reader's language: Intl with the page's
 * language (24-hour clock for German, the locale's own elsewhere; Arabic and Farsi digits as
 * their locales write them). Wall times are shown in the directory's time zone.
 */

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: string, key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) {
    // German: 24-hour clock with two-digit hours ("08:45"), as timetables write it.
    const german: Intl.DateTimeFormatOptions = opts.hour ? { hourCycle: "h23", hour: "2-digit" } : {};
    f = new Intl.DateTimeFormat(lang, { ...opts, ...(lang === "de" ? german : {}) });
    cache.set(k, f);
  }
  return f;
}

/** "HH:MM" (wall time) in the reader's format; "24:00" shows as midnight. */
export function formatWallTime(lang: string, hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  const d = new Date(Date.UTC(2024, 0, 1, (h ?? 0) % 24, m ?? 0));
  return fmt(lang, "wall", { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(d);
}

/** An instant's time of day in the directory's time zone. */
export function formatTime(lang: string, at: Date): string {
  return fmt(lang, "time", { hour: "numeric", minute: "2-digit", timeZone: DIRECTORY_TIME_ZONE }).format(at);
}

/** Weekday and time of an instant, e.g. "Mo., 16:00". */
export function formatDayTime(lang: string, at: Date): string {
  return fmt(lang, "daytime", {
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone: DIRECTORY_TIME_ZONE,
  }).format(at);
}

/** Date and time, e.g. "Mo., 4. Mai 2026, 16:00". */
export function formatDateTime(lang: string, at: Date): string {
  return fmt(lang, "datetime", {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: DIRECTORY_TIME_ZONE,
  }).format(at);
}

/** A local calendar date "YYYY-MM-DD" in the reader's language. */
export function formatIsoDate(lang: string, iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return fmt(lang, "date", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** An instant's calendar date in the directory's time zone. */
export function formatDate(lang: string, at: Date): string {
  return fmt(lang, "idate", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: DIRECTORY_TIME_ZONE,
  }).format(at);
}

/** Weekday name of ISO weekday 1 (Monday) … 7 (Sunday). */
export function weekdayName(lang: string, isoWeekday: number): string {
  // 1 January 2024 was a Monday.
  return fmt(lang, "weekday", { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, isoWeekday)),
  );
}

/** A number (distance, age) in the reader's digits. */
export function formatNumber(lang: string, n: number, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: maxFractionDigits }).format(n);
}

/**
 * Names of languages (BCP 47 tags) in the reader's language, joined as a list. A page that
 * hydrates passes `nameOf` from `useLanguageName()`, the server's names, so the browser's
 * smaller ICU cannot make its text differ from the server's.
 */
export function languageNames(
  lang: string,
  tags: readonly string[],
  nameOf?: (code: string) => string,
): string {
  let names: Intl.DisplayNames | undefined;
  if (!nameOf) {
    try {
      names = new Intl.DisplayNames([lang], { type: "language" });
    } catch {
      names = undefined;
    }
  }
  const name = (code: string) => nameOf?.(code) ?? names?.of(code) ?? code;
  const list = tags.map((t) => {
    if (t === "gsg") return name("gsg") === "gsg" ? "DGS" : name("gsg");
    return name(t);
  });
  return new Intl.ListFormat(lang, { type: "conjunction", style: "short" }).format(list);
}

/** "Open now" in words: the state's message key and its values. */
export function openStateText(
  lang: string,
  open: { status: string; closesAt: Date | null; nextOpensAt: Date | null } | null,
): { key: string; values: Record<string, string> } | null {
  if (!open) return null;
  if (open.status === "open")
    return open.closesAt
      ? { key: "offers.open_until", values: { time: formatTime(lang, open.closesAt) } }
      : { key: "offers.open_now", values: {} };
  if (open.status === "appointment_only")
    return open.closesAt
      ? { key: "offers.appointment_until", values: { time: formatTime(lang, open.closesAt) } }
      : { key: "offers.badge_appointment", values: {} };
  return open.nextOpensAt
    ? { key: "offers.closed_opens", values: { when: formatDayTime(lang, open.nextOpensAt) } }
    : { key: "offers.closed_now", values: {} };
}
