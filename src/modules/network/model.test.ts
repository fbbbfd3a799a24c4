import { describe, expect, it } from "vitest";
import { canMoveMinutes, MINUTES_STATES, minutesEditable, termRunsOn } from "./model.ts";
import { dayIn, isMonth, monthSpan, parseInstant, wallTime } from "./time.ts";

describe("the minutes' state machine", () => {
  it("allows exactly draft → comments → approved → published and the steps back to draft", () => {
    const allowed = MINUTES_STATES.flatMap((from) =>
      MINUTES_STATES.filter((to) => canMoveMinutes(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      "draft→comments",
      "draft→approved",
      "comments→draft",
      "comments→approved",
      "approved→draft",
      "approved→published",
    ]);
  });
  it("keeps approved and published minutes closed to edits", () => {
    expect(MINUTES_STATES.filter(minutesEditable)).toEqual(["draft", "comments"]);
  });
});

describe("terms", () => {
  it("runs from start to end inclusive; an open end runs on", () => {
    const term = { termStart: "2026-01-01", termEnd: "2026-12-31" };
    expect(termRunsOn(term, "2025-12-31")).toBe(false);
    expect(termRunsOn(term, "2026-01-01")).toBe(true);
    expect(termRunsOn(term, "2026-12-31")).toBe(true);
    expect(termRunsOn(term, "2027-01-01")).toBe(false);
    expect(termRunsOn({ termStart: null, termEnd: null }, "2099-01-01")).toBe(true);
  });
});

describe("meeting times in Europe/Berlin", () => {
  it("reads a form's wall time in winter and summer time, and ISO with an offset as given", () => {
    expect(parseInstant("2026-03-20T18:00")?.toISOString()).toBe("2026-03-20T17:00:00.000Z");
    expect(parseInstant("2026-07-01T18:00")?.toISOString()).toBe("2026-07-01T16:00:00.000Z");
    // The night of the change to summer time (29 March 2026, 02:00 → 03:00).
    expect(parseInstant("2026-03-29T03:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(parseInstant("2026-03-20T18:00:00+01:00")?.toISOString()).toBe("2026-03-20T17:00:00.000Z");
  });
  it("refuses what is not a date", () => {
    for (const bad of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-03-20T25:00", "gestern", "2026-03-20"])
      expect(parseInstant(bad)).toBeUndefined();
  });
  it("shows the day and wall time of an instant", () => {
    expect(dayIn(new Date("2026-03-01T23:30:00Z"))).toBe("2026-03-02");
    expect(wallTime(new Date("2026-07-01T16:00:00Z"))).toBe("2026-07-01T18:00");
  });
  it("spans a calendar month in local time, across the year's end", () => {
    expect(monthSpan("2026-03")).toEqual({
      from: new Date("2026-02-28T23:00:00Z"),
      to: new Date("2026-03-31T22:00:00Z"),
      prev: "2026-02",
      next: "2026-04",
    });
    expect(monthSpan("2026-12")).toMatchObject({ prev: "2026-11", next: "2027-01" });
    expect(monthSpan("2026-01")).toMatchObject({ prev: "2025-12" });
    for (const bad of ["2026-13", "2026-00", "2026-3", "1999-12", "März"]) expect(isMonth(bad)).toBe(false);
    expect(isMonth("2026-03")).toBe(true);
  });
});
