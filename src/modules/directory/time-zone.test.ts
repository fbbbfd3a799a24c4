import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromLocal, offsetAt, toLocal } from "./time-zone.ts";

const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Sydney",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "UTC",
];

describe("time zone conversion", () => {
  it("agrees with Intl for any instant (the offset cache is exact)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, tz) => {
          const at = new Date(Math.floor(t / 1000) * 1000);
          const l = toLocal(at, tz);
          const text = new Intl.DateTimeFormat("en-CA", {
            timeZone: tz,
            hourCycle: "h23",
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            second: "2-digit",
          }).format(at);
          const pad = (n: number) => String(n).padStart(2, "0");
          expect(
            `${l.year}-${pad(l.month)}-${pad(l.day)}, ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`,
          ).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("round-trips wall times that exist exactly once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, tz) => {
          const at = new Date(Math.floor(t / 60_000) * 60_000);
          const l = toLocal(at, tz);
          const back = fromLocal(tz, l.year, l.month, l.day, l.hour, l.minute);
          // In an autumn overlap the earlier instant is chosen; otherwise exactly the same one.
          const overlap = offsetAt(at.getTime() - 3 * 3600_000, tz) !== offsetAt(at.getTime(), tz);
          if (!overlap) expect(back.toISOString()).toBe(at.toISOString());
          else expect(back.getTime()).toBeLessThanOrEqual(at.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("knows the Berlin offsets around both 2026 changes", () => {
    expect(offsetAt(Date.UTC(2026, 2, 29, 0, 59), "Europe/Berlin")).toBe(3600_000);
    expect(offsetAt(Date.UTC(2026, 2, 29, 1, 0), "Europe/Berlin")).toBe(7200_000);
    expect(offsetAt(Date.UTC(2026, 9, 25, 0, 59), "Europe/Berlin")).toBe(7200_000);
    expect(offsetAt(Date.UTC(2026, 9, 25, 1, 0), "Europe/Berlin")).toBe(3600_000);
  });
});
