import { describe, expect, it } from "vitest";
import { addYears, caseworkInstant, todayIn } from "./dates.ts";

describe("case-work dates", () => {
  it("adds years; 29 February becomes 28 February in a year without it", () => {
    expect(addYears("2026-03-02", 3)).toBe("2029-03-02");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });

  it("reads a form's local time as Berlin wall-clock time, in winter and in summer", () => {
    expect(caseworkInstant("2026-03-02T10:30").toISOString()).toBe("2026-03-02T09:30:00.000Z");
    expect(caseworkInstant("2026-07-01T10:30").toISOString()).toBe("2026-07-01T08:30:00.000Z");
    expect(caseworkInstant("2026-07-01T10:30:00Z").toISOString()).toBe("2026-07-01T10:30:00.000Z");
    expect(caseworkInstant("2026-07-01T10:30+05:00").toISOString()).toBe("2026-07-01T05:30:00.000Z");
  });

  it("today is the calendar day in the municipality's time zone", () => {
    expect(todayIn("Europe/Berlin", new Date("2026-03-01T23:30:00Z"))).toBe("2026-03-02");
    expect(todayIn("UTC", new Date("2026-03-01T23:30:00Z"))).toBe("2026-03-01");
  });
});
