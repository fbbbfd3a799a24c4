/**
 * Statutory public holidays of the German states, computed (no data file to keep current).
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher, a form of Gauss's
 * Easter formula); the movable feasts follow from it. Keys name a message in the "holidays"
 * catalog namespace (`holidays.<key>`).
 */

import { addDays, isoDate } from "./time-zone.ts";

export const HOLIDAY_KEYS = [
  "new_year",
  "epiphany",
  "womens_day",
  "good_friday",
  "easter_sunday",
  "easter_monday",
  "labour_day",
  "ascension_day",
  "whit_sunday",
  "whit_monday",
  "corpus_christi",
  "assumption_day",
  "childrens_day",
  "german_unity_day",
  "reformation_day",
  "all_saints_day",
  "repentance_day",
  "christmas_day",
  "second_christmas_day",
] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** The 16 states (ISO 3166-2:DE codes without "DE-"). */
export const GERMAN_STATES = [
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HH",
  "HE",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
] as const;

/** Easter Sunday (Gregorian calendar) as "YYYY-MM-DD". */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** Buß- und Bettag: the Wednesday before 23 November. */
function repentanceDay(year: number): string {
  const nov22 = new Date(Date.UTC(year, 10, 22));
  const back = (nov22.getUTCDay() - 3 + 7) % 7; // 3 = Wednesday
  return isoDate(year, 11, 22 - back);
}

const cache = new Map<string, { date: string; key: HolidayKey }[]>();

/**
 * Public holidays of one year in one state, sorted by date. An unknown state yields only the
 * nationwide holidays. Rules as in force from 2023 (Frauentag in MV since 2023, in BE since
 * 2019; Weltkindertag in TH since 2019; Reformationstag in the northern states since 2018).
 */
export function publicHolidays(year: number, state: string): { date: string; key: string }[] {
  const id = `${year}:${state}`;
  const hit = cache.get(id);
  if (hit) return hit.map((h) => ({ ...h }));
  const easter = easterSunday(year);
  const list: { date: string; key: HolidayKey }[] = [
    { date: isoDate(year, 1, 1), key: "new_year" },
    { date: addDays(easter, -2), key: "good_friday" },
    { date: addDays(easter, 1), key: "easter_monday" },
    { date: isoDate(year, 5, 1), key: "labour_day" },
    { date: addDays(easter, 39), key: "ascension_day" },
    { date: addDays(easter, 50), key: "whit_monday" },
    { date: isoDate(year, 10, 3), key: "german_unity_day" },
    { date: isoDate(year, 12, 25), key: "christmas_day" },
    { date: isoDate(year, 12, 26), key: "second_christmas_day" },
  ];
  const inState = (...states: string[]) => states.includes(state);
  if (inState("BW", "BY", "ST")) list.push({ date: isoDate(year, 1, 6), key: "epiphany" });
  if ((inState("BE") && year >= 2019) || (inState("MV") && year >= 2023))
    list.push({ date: isoDate(year, 3, 8), key: "womens_day" });
  if (inState("BB")) {
    list.push({ date: easter, key: "easter_sunday" });
    list.push({ date: addDays(easter, 49), key: "whit_sunday" });
  }
  if (inState("BW", "BY", "HE", "NW", "RP", "SL"))
    list.push({ date: addDays(easter, 60), key: "corpus_christi" });
  if (inState("SL")) list.push({ date: isoDate(year, 8, 15), key: "assumption_day" });
  if (inState("TH") && year >= 2019) list.push({ date: isoDate(year, 9, 20), key: "childrens_day" });
  if (
    inState("BB", "MV", "SN", "ST", "TH") ||
    (inState("HB", "HH", "NI", "SH") && year >= 2018) ||
    year === 2017
  )
    list.push({ date: isoDate(year, 10, 31), key: "reformation_day" });
  if (inState("BW", "BY", "NW", "RP", "SL")) list.push({ date: isoDate(year, 11, 1), key: "all_saints_day" });
  if (inState("SN")) list.push({ date: repentanceDay(year), key: "repentance_day" });
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(id, list);
  return list.map((h) => ({ ...h }));
}

const byDate = new Map<string, Map<string, string>>();

/** The holiday key of a calendar date "YYYY-MM-DD" in a state, or null. */
export function holidayOn(date: string, state: string): string | null {
  const year = date.slice(0, 4);
  const id = `${year}:${state}`;
  let map = byDate.get(id);
  if (!map) {
    map = new Map(publicHolidays(Number(year), state).map((h) => [h.date, h.key]));
    byDate.set(id, map);
  }
  return map.get(date) ?? null;
}
