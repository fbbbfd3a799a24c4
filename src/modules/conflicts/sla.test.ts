import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_LEVELS } from "./model.ts";
import { addWorkingDays, dueAt, isNonWorkingDay, isOverdue, localDate } from "./sla.ts";

describe("service-level clock", () => {
  it("skips the weekend: Friday + 2 working days is Tuesday, same wall-clock time", () => {
    // Friday 2026-03-06 10:00 in Unna (CET, UTC+1).
    const due = addWorkingDays(new Date("2026-03-06T09:00:00Z"), 2);
    expect(due.toISOString()).toBe("2026-03-10T09:00:00.000Z");
  });

  it("a report on Saturday counts from Monday", () => {
    expect(addWorkingDays(new Date("2026-03-07T09:00:00Z"), 1).toISOString()).toBe(
      "2026-03-09T09:00:00.000Z",
    );
  });

  it("skips NRW's public holidays: Maundy Thursday + 2 is the Tuesday after Easter Monday", () => {
    // 2026: Good Friday 3 April, Easter Monday 6 April.
    expect(isNonWorkingDay("2026-04-03")).toBe(true);
    expect(isNonWorkingDay("2026-04-06")).toBe(true);
    expect(addWorkingDays(new Date("2026-04-02T08:00:00Z"), 2).toISOString()).toBe(
      "2026-04-08T08:00:00.000Z",
    );
  });

  it("Corpus Christi is a holiday in NRW but not in Berlin", () => {
    // 2026-06-04 is Corpus Christi (Thursday).
    expect(isNonWorkingDay("2026-06-04", "NW")).toBe(true);
    expect(isNonWorkingDay("2026-06-04", "BE")).toBe(false);
  });

  it("keeps the local time across the change to summer time", () => {
    // Friday 2026-03-27 10:00 CET = 09:00Z; Tuesday 2026-03-31 10:00 CEST = 08:00Z.
    expect(addWorkingDays(new Date("2026-03-27T09:00:00Z"), 2).toISOString()).toBe(
      "2026-03-31T08:00:00.000Z",
    );
  });

  it("urgent reports count clock hours, weekends included", () => {
    const level = DEFAULT_SERVICE_LEVELS.threat;
    expect(dueAt(new Date("2026-03-07T22:00:00Z"), level, true).toISOString()).toBe(
      "2026-03-08T00:00:00.000Z",
    );
    expect(
      dueAt(new Date("2026-03-06T09:00:00Z"), DEFAULT_SERVICE_LEVELS.neighbourhood, false).toISOString(),
    ).toBe("2026-03-10T09:00:00.000Z");
  });

  it("the local date follows Unna's time zone, not UTC", () => {
    expect(localDate(new Date("2026-03-06T23:30:00Z"))).toBe("2026-03-07");
  });

  it("overdue only without a first contact, while open, after the deadline", () => {
    const base = { dueAt: new Date("2026-03-10T09:00:00Z"), firstContactAt: null, state: "triaged" };
    const after = new Date("2026-03-10T09:00:01Z");
    expect(isOverdue(base, after)).toBe(true);
    expect(isOverdue(base, new Date("2026-03-10T09:00:00Z"))).toBe(false);
    expect(isOverdue({ ...base, firstContactAt: new Date("2026-03-09T09:00:00Z") }, after)).toBe(false);
    expect(isOverdue({ ...base, state: "closed" }, after)).toBe(false);
  });
});
