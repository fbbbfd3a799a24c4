import { describe, expect, it } from "vitest";
import { expandOccurrences, MAX_OCCURRENCES, seriesEnd, validateRrule } from "./recurrence.ts";
import { fromLocal } from "./time-zone.ts";

const TZ = "Europe/Berlin";
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => fromLocal(TZ, y, mo, d, h, mi);
const starts = (list: { start: Date }[]) => list.map((o) => o.start.toISOString());

describe("validateRrule", () => {
  it.each([
    "FREQ=WEEKLY;BYDAY=MO",
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;INTERVAL=2",
    "FREQ=MONTHLY;BYDAY=1TU",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
    "FREQ=DAILY;UNTIL=20251231T230000Z",
    "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=20",
    "FREQ=DAILY;BYHOUR=10,14",
  ])("accepts %s", (rule) => {
    expect(validateRrule(rule)).toBeNull();
  });

  it.each([
    "",
    "garbage",
    "FREQ=FORTNIGHTLY",
    "BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=XY",
    "FREQ=WEEKLY;FOO=1",
    "FREQ=WEEKLY;FREQ=DAILY",
    "FREQ=WEEKLY;COUNT=0",
    "FREQ=WEEKLY;INTERVAL=0",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20251231T000000Z",
    "FREQ=WEEKLY;BYMONTHDAY=abc",
    "FREQ=WEEKLY;UNTIL=not-a-date",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO;",
  ])("rejects %j as rrule_invalid", (rule) => {
    expect(validateRrule(rule)).toBe("rrule_invalid");
  });

  it.each(["FREQ=HOURLY", "FREQ=MINUTELY;INTERVAL=5", "FREQ=SECONDLY", "FREQ=DAILY;BYHOUR=8,10,12,14"])(
    "rejects %s as too frequent",
    (rule) => {
      expect(validateRrule(rule)).toBe("rrule_unbounded_too_frequent");
    },
  );
});

describe("expandOccurrences", () => {
  it("keeps a weekly 10:00 local across the spring DST change", () => {
    const ev = {
      startsAt: at(2025, 3, 17, 10),
      durationMinutes: 90,
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      exdates: [],
    };
    const list = expandOccurrences(ev, { from: at(2025, 3, 1), to: at(2025, 4, 8) }, TZ);
    expect(starts(list)).toEqual([
      "2025-03-17T09:00:00.000Z",
      "2025-03-24T09:00:00.000Z",
      "2025-03-31T08:00:00.000Z",
      "2025-04-07T08:00:00.000Z",
    ]);
    expect(list.every((o) => o.end.getTime() - o.start.getTime() === 90 * 60_000)).toBe(true);
  });

  it("keeps a weekly 10:00 local across the autumn DST change", () => {
    const ev = { startsAt: at(2025, 10, 13, 10), durationMinutes: 60, rrule: "FREQ=WEEKLY", exdates: [] };
    expect(starts(expandOccurrences(ev, { from: at(2025, 10, 1), to: at(2025, 11, 4) }, TZ))).toEqual([
      "2025-10-13T08:00:00.000Z",
      "2025-10-20T08:00:00.000Z",
      "2025-10-27T09:00:00.000Z",
      "2025-11-03T09:00:00.000Z",
    ]);
  });

  it("drops EXDATEs given as a local date, a local time or an instant", () => {
    const ev = {
      startsAt: at(2025, 5, 5, 15, 45),
      durationMinutes: 135,
      rrule: "FREQ=WEEKLY;BYDAY=MO,WE",
      exdates: ["2025-05-07", "2025-05-12T15:45", "2025-05-14T13:45:00Z"],
    };
    expect(starts(expandOccurrences(ev, { from: at(2025, 5, 1), to: at(2025, 5, 20) }, TZ))).toEqual([
      "2025-05-05T13:45:00.000Z",
      "2025-05-19T13:45:00.000Z",
    ]);
  });

  it("honours COUNT and UNTIL", () => {
    const base = { startsAt: at(2025, 1, 6, 18), durationMinutes: 60, exdates: [] };
    const range = { from: at(2025, 1, 1), to: at(2026, 1, 1) };
    expect(expandOccurrences({ ...base, rrule: "FREQ=WEEKLY;COUNT=3" }, range, TZ)).toHaveLength(3);
    // UNTIL in UTC is inclusive: 2025-01-20 18:00 Berlin = 17:00Z.
    expect(
      starts(expandOccurrences({ ...base, rrule: "FREQ=WEEKLY;UNTIL=20250120T170000Z" }, range, TZ)),
    ).toEqual(["2025-01-06T17:00:00.000Z", "2025-01-13T17:00:00.000Z", "2025-01-20T17:00:00.000Z"]);
    expect(
      expandOccurrences({ ...base, rrule: "FREQ=WEEKLY;UNTIL=20250120T165900Z" }, range, TZ),
    ).toHaveLength(2);
  });

  it("includes an occurrence that started before the range but still runs", () => {
    const ev = {
      startsAt: at(2025, 6, 2, 9),
      durationMinutes: 240,
      rrule: "FREQ=DAILY;COUNT=5",
      exdates: [],
    };
    expect(starts(expandOccurrences(ev, { from: at(2025, 6, 3, 12), to: at(2025, 6, 4, 10) }, TZ))).toEqual([
      "2025-06-03T07:00:00.000Z",
      "2025-06-04T07:00:00.000Z",
    ]);
  });

  it("returns a single event when it overlaps the range", () => {
    const ev = { startsAt: at(2025, 9, 20, 14), durationMinutes: 120, rrule: null, exdates: [] };
    expect(expandOccurrences(ev, { from: at(2025, 9, 1), to: at(2025, 10, 1) }, TZ)).toEqual([
      { start: at(2025, 9, 20, 14), end: at(2025, 9, 20, 16) },
    ]);
    expect(expandOccurrences(ev, { from: at(2025, 10, 1), to: at(2025, 11, 1) }, TZ)).toEqual([]);
  });

  it("is bounded even for a long range", () => {
    const ev = { startsAt: at(2025, 1, 1, 10), durationMinutes: 30, rrule: "FREQ=DAILY", exdates: [] };
    const list = expandOccurrences(ev, { from: at(2025, 1, 1), to: at(2035, 1, 1) }, TZ);
    expect(list).toHaveLength(MAX_OCCURRENCES);
    expect(list.every((o) => o.start.toLocaleTimeString("de-DE", { timeZone: TZ }) === "10:00:00")).toBe(
      true,
    );
  });

  it("treats an invalid stored rule as a single event", () => {
    const ev = { startsAt: at(2025, 3, 3, 10), durationMinutes: 60, rrule: "FREQ=HOURLY", exdates: [] };
    expect(expandOccurrences(ev, { from: at(2025, 3, 1), to: at(2025, 4, 1) }, TZ)).toHaveLength(1);
  });
});

describe("seriesEnd", () => {
  it("is the last occurrence's end, or null for endless rules", () => {
    const ev = { startsAt: at(2025, 3, 24, 10), durationMinutes: 60, exdates: [] };
    expect(seriesEnd({ ...ev, rrule: "FREQ=WEEKLY;COUNT=2" }, TZ)).toEqual(at(2025, 3, 31, 11));
    expect(seriesEnd({ ...ev, rrule: "FREQ=WEEKLY" }, TZ)).toBeNull();
    expect(seriesEnd({ ...ev, rrule: null }, TZ)).toEqual(at(2025, 3, 24, 11));
  });
});
