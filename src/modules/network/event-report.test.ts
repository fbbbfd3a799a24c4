import { describe, expect, it } from "vitest";
import { publicAttendance } from "./event-report.ts";

describe("publicAttendance (the small-cell rule for the public event page)", () => {
  it("hides small counts and a second cell so the hidden one cannot be worked out", () => {
    const safe = publicAttendance({ total: 40, byGender: { female: 22, male: 16, diverse: 2 }, byAge: {} })!;
    expect(safe.total).toEqual({ value: 40, suppressed: null });
    const byKey = Object.fromEntries(safe.byGender.map((g) => [g.key, g.count]));
    expect(byKey.diverse).toEqual({ value: null, suppressed: "primary" });
    // With the row total public, one more cell must go (secondary suppression).
    expect([byKey.female!.suppressed, byKey.male!.suppressed]).toContain("secondary");
    expect(safe.byAge).toEqual([]);
  });

  it("shows nothing of an event that was not counted, and hides a tiny total", () => {
    expect(publicAttendance(null)).toBeNull();
    expect(publicAttendance({ total: 3, byGender: {}, byAge: {} })!.total).toEqual({
      value: null,
      suppressed: "primary",
    });
  });
});
