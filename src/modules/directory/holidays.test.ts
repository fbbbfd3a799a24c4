import { describe, expect, it } from "vitest";
import { easterSunday, GERMAN_STATES, holidayOn, publicHolidays } from "./holidays.ts";

describe("easterSunday", () => {
  it.each([
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
    [1943, "1943-04-25"],
  ])("%i → %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe("publicHolidays NW", () => {
  const expected: Record<number, Record<string, string>> = {
    2025: {
      new_year: "2025-01-01",
      good_friday: "2025-04-18",
      easter_monday: "2025-04-21",
      labour_day: "2025-05-01",
      ascension_day: "2025-05-29",
      whit_monday: "2025-06-09",
      corpus_christi: "2025-06-19",
      german_unity_day: "2025-10-03",
      all_saints_day: "2025-11-01",
      christmas_day: "2025-12-25",
      second_christmas_day: "2025-12-26",
    },
    2026: {
      new_year: "2026-01-01",
      good_friday: "2026-04-03",
      easter_monday: "2026-04-06",
      labour_day: "2026-05-01",
      ascension_day: "2026-05-14",
      whit_monday: "2026-05-25",
      corpus_christi: "2026-06-04",
      german_unity_day: "2026-10-03",
      all_saints_day: "2026-11-01",
      christmas_day: "2026-12-25",
      second_christmas_day: "2026-12-26",
    },
    2027: {
      new_year: "2027-01-01",
      good_friday: "2027-03-26",
      easter_monday: "2027-03-29",
      labour_day: "2027-05-01",
      ascension_day: "2027-05-06",
      whit_monday: "2027-05-17",
      corpus_christi: "2027-05-27",
      german_unity_day: "2027-10-03",
      all_saints_day: "2027-11-01",
      christmas_day: "2027-12-25",
      second_christmas_day: "2027-12-26",
    },
  };
  it.each([2025, 2026, 2027])("has exactly the eleven NRW holidays of %i", (year) => {
    const list = publicHolidays(year, "NW");
    expect(Object.fromEntries(list.map((h) => [h.key, h.date]))).toEqual(expected[year]);
    expect(list).toHaveLength(11);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
  });

  it("answers per date", () => {
    expect(holidayOn("2026-06-04", "NW")).toBe("corpus_christi");
    expect(holidayOn("2026-06-05", "NW")).toBeNull();
    expect(holidayOn("2025-10-31", "NW")).toBeNull();
  });

  it("returns copies, so callers cannot change the cache", () => {
    const list = publicHolidays(2025, "NW");
    (list[0] as { date: string }).date = "1999-01-01";
    expect(publicHolidays(2025, "NW")[0]?.date).toBe("2025-01-01");
  });
});

describe("publicHolidays other states", () => {
  it("knows the state-specific days", () => {
    const keys = (state: string) => publicHolidays(2025, state).map((h) => h.key);
    expect(keys("SN")).toContain("repentance_day");
    expect(holidayOn("2025-11-19", "SN")).toBe("repentance_day");
    expect(holidayOn("2026-11-18", "SN")).toBe("repentance_day");
    expect(keys("BY")).toEqual(expect.arrayContaining(["epiphany", "corpus_christi", "all_saints_day"]));
    expect(keys("BB")).toEqual(expect.arrayContaining(["easter_sunday", "whit_sunday", "reformation_day"]));
    expect(keys("BE")).toContain("womens_day");
    expect(keys("TH")).toContain("childrens_day");
    expect(keys("NW")).not.toContain("reformation_day");
    expect(holidayOn("2017-10-31", "NW")).toBe("reformation_day");
  });

  it("every state has the nine nationwide holidays", () => {
    for (const state of GERMAN_STATES) expect(publicHolidays(2026, state).length).toBeGreaterThanOrEqual(9);
    expect(publicHolidays(2026, "XX")).toHaveLength(9);
  });
});
