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
    // Easy German ("de-simple") writes times as German does.
    const isGerman = lang === "de" || lang === "de-simple";
    f = new Intl.DateTimeFormat(isGerman ? "de" : lang, { ...opts, ...(isGerman ? german : {}) });
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

/**
 * A value that can be of another script, isolated for a text that is not markup (a message
 * placeholder, a title): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text `<bdi>`.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * A wall-time range "opens–closes" as the locale writes it (`formatRange`: "08:45–13:00" in
 * German, "4:00–7:00 م" in Arabic, "۱۶:۰۰ تا ۱۹:۰۰" in Farsi). A range to midnight or over it is
 * two times with a dash, each isolated.
 */
export function formatWallRange(lang: string, opens: string, closes: string): string {
  const a = minutesOf(opens);
  const b = minutesOf(closes);
  if (b <= a || b >= 24 * 60)
    return `${isolate(formatWallTime(lang, opens))}–${isolate(formatWallTime(lang, closes))}`;
  const day = (min: number) => new Date(Date.UTC(2024, 0, 1, Math.floor(min / 60), min % 60));
  return fmt(lang, "wall", { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).formatRange(
    day(a),
    day(b),
  );
}

/**
 * The parts of a time range between two instants, each part marked as the start's, the end's or
 * shared ("Uhr", the dash): times only on one day, date and time when the range spans days, just
 * the start when there is no end or it equals the start (never "11:00 – 11:00").
 */
export function timeRangeParts(
  lang: string,
  start: Date,
  end: Date | null,
): { text: string; source: "startRange" | "endRange" | "shared" }[] {
  if (!end || end.getTime() <= start.getTime())
    return [{ text: formatTime(lang, start), source: "startRange" }];
  const sameDay = localDay(start) === localDay(end);
  const f = sameDay
    ? fmt(lang, "time", { hour: "numeric", minute: "2-digit", timeZone: DIRECTORY_TIME_ZONE })
    : fmt(lang, "daterange", {
        day: "numeric",
        month: "short",
        hour: "numeric",
        minute: "2-digit",
        timeZone: DIRECTORY_TIME_ZONE,
      });
  const out: { text: string; source: "startRange" | "endRange" | "shared" }[] = [];
  for (const p of f.formatRangeToParts(start, end)) {
    const source = p.source as "startRange" | "endRange" | "shared";
    const last = out.at(-1);
    if (last && last.source === source) last.text += p.value;
    else out.push({ text: p.value, source });
  }
  return out;
}

const localDay = (at: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: DIRECTORY_TIME_ZONE, dateStyle: "short" }).format(at);

/** A range of local calendar dates "YYYY-MM-DD" in the reader's language. */
export function formatIsoDateRange(lang: string, from: string, to: string): string {
  if (from === to) return formatIsoDate(lang, from);
  const at = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  };
  const f = fmt(lang, "date", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return from < to ? f.formatRange(at(from), at(to)) : `${f.format(at(from))} – ${f.format(at(to))}`;
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
      ? { key: "offers.open_until", values: { time: isolate(formatTime(lang, open.closesAt)) } }
      : { key: "offers.open_now", values: {} };
  if (open.status === "appointment_only")
    return open.closesAt
      ? { key: "offers.appointment_until", values: { time: isolate(formatTime(lang, open.closesAt)) } }
      : { key: "offers.badge_appointment", values: {} };
  return open.nextOpensAt
    ? { key: "offers.closed_opens", values: { when: isolate(formatDayTime(lang, open.nextOpensAt)) } }
    : { key: "offers.closed_now", values: {} };
}
