import { describe, expect, it } from "vitest";
import { openState, validateOpeningHours } from "./hours.ts";
import type { OpeningHours } from "./schema.ts";
import { fromLocal, toLocal } from "./time-zone.ts";

const TZ = "Europe/Berlin";
const opts = { timeZone: TZ, state: "NW" };
/** A Berlin wall time as an instant. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => fromLocal(TZ, y, mo, d, h, mi);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("time zone helpers", () => {
  it("converts both ways across DST", () => {
    expect(at(2025, 1, 15, 12).toISOString()).toBe("2025-01-15T11:00:00.000Z");
    expect(at(2025, 7, 15, 12).toISOString()).toBe("2025-07-15T10:00:00.000Z");
    // Spring gap: 02:30 does not exist and moves forward to 03:30 CEST.
    expect(at(2025, 3, 30, 2, 30).toISOString()).toBe("2025-03-30T01:30:00.000Z");
    // Autumn overlap: 02:30 happens twice; the earlier (CEST) instant.
    expect(at(2025, 10, 26, 2, 30).toISOString()).toBe("2025-10-26T00:30:00.000Z");
    expect(toLocal(new Date("2025-10-26T01:30:00Z"), TZ)).toMatchObject({ hour: 2, minute: 30, weekday: 7 });
  });
});

describe("validateOpeningHours", () => {
  it("accepts good hours, several slots, 24:00 and adjacent slots", () => {
    const h: OpeningHours = {
      weekly: {
        "1": [
          { opens: "08:45", closes: "12:00" },
          { opens: "12:00", closes: "13:00" },
          { opens: "15:45", closes: "24:00" },
        ],
        "2": [{ opens: "00:00", closes: "02:00" }],
      },
      appointmentOnlyDays: ["2"],
      exceptions: [
        { from: "2025-07-01", to: "2025-07-31", closed: false, slots: [{ opens: "09:00", closes: "12:00" }] },
      ],
    };
    expect(validateOpeningHours(h)).toEqual([]);
  });

  it("reports each problem at its field", () => {
    const h: OpeningHours = {
      weekly: {
        "1": [
          { opens: "9:00", closes: "12:00" },
          { opens: "13:00", closes: "12:00" },
        ],
        "3": [
          { opens: "08:00", closes: "12:00" },
          { opens: "11:00", closes: "14:00" },
        ],
        "5": [{ opens: "22:00", closes: "02:00" }],
        "6": [{ opens: "24:00", closes: "25:00" }],
      },
      exceptions: [
        { from: "2025-08-10", to: "2025-08-01", closed: true },
        { from: "2025-02-30", to: "2025-03-01", closed: true },
        { from: "2025-01-01", to: "2025-01-02", closed: false, slots: [{ opens: "10:00", closes: "09:00" }] },
      ],
    };
    expect(validateOpeningHours(h)).toEqual([
      { path: "weekly.1.0.opens", code: "hours_invalid_time" },
      { path: "weekly.1.1.closes", code: "hours_end_before_start" },
      { path: "weekly.3.1.opens", code: "hours_overlap" },
      { path: "weekly.5.0.closes", code: "hours_end_before_start" },
      { path: "weekly.6.0.opens", code: "hours_invalid_time" },
      { path: "weekly.6.0.closes", code: "hours_invalid_time" },
      { path: "exceptions.0.to", code: "hours_exception_range" },
      { path: "exceptions.1.from", code: "hours_exception_range" },
      { path: "exceptions.2.slots.0.closes", code: "hours_end_before_start" },
    ]);
  });

  it("finds an overlap regardless of the slots' order", () => {
    const h: OpeningHours = {
      weekly: {
        "2": [
          { opens: "14:00", closes: "18:00" },
          { opens: "09:00", closes: "15:00" },
        ],
      },
    };
    expect(validateOpeningHours(h)).toEqual([{ path: "weekly.2.1.opens", code: "hours_overlap" }]);
  });
});

// Café Chili: Mon–Thu 16–19.
const cafe: OpeningHours = {
  weekly: Object.fromEntries(["1", "2", "3", "4"].map((d) => [d, [{ opens: "16:00", closes: "19:00" }]])),
  closedOnPublicHolidays: true,
};

describe("openState", () => {
  it("is open inside a slot and says when it closes", () => {
    // Wednesday 2025-05-14, 17:30.
    const s = openState(cafe, at(2025, 5, 14, 17, 30), opts);
    expect(s).toEqual({ status: "open", closesAt: at(2025, 5, 14, 19), nextOpensAt: null, holiday: null });
  });

  it("is closed outside and knows the next opening, also over the weekend", () => {
    expect(openState(cafe, at(2025, 5, 14, 15, 59), opts).nextOpensAt).toEqual(at(2025, 5, 14, 16));
    // Closing time itself is closed.
    const s = openState(cafe, at(2025, 5, 15, 19), opts);
    expect(s.status).toBe("closed");
    // Thursday evening → Monday 16:00.
    expect(s.nextOpensAt).toEqual(at(2025, 5, 19, 16));
  });

  it("is closed on a public holiday and says which", () => {
    // Ostermontag 2026-04-06 (Monday) at 17:00.
    const s = openState(cafe, at(2026, 4, 6, 17), opts);
    expect(s).toEqual({
      status: "closed",
      closesAt: null,
      nextOpensAt: at(2026, 4, 7, 16),
      holiday: "easter_monday",
    });
    // Fronleichnam 2025-06-19 is a Thursday → next opening the Monday after.
    expect(openState(cafe, at(2025, 6, 19, 17), opts)).toMatchObject({
      status: "closed",
      holiday: "corpus_christi",
    });
    expect(openState(cafe, at(2025, 6, 18, 20), opts).nextOpensAt).toEqual(at(2025, 6, 23, 16));
    // Without closedOnPublicHolidays the weekly hours apply.
    expect(openState({ ...cafe, closedOnPublicHolidays: false }, at(2026, 4, 6, 17), opts).status).toBe(
      "open",
    );
  });

  it("stays open across midnight when Monday closes 24:00 and Tuesday opens 00:00", () => {
    const night: OpeningHours = {
      weekly: { "1": [{ opens: "20:00", closes: "24:00" }], "2": [{ opens: "00:00", closes: "03:00" }] },
    };
    // Monday 2025-05-12 23:30 → open until Tuesday 03:00.
    expect(openState(night, at(2025, 5, 12, 23, 30), opts)).toMatchObject({
      status: "open",
      closesAt: at(2025, 5, 13, 3),
    });
    // Tuesday 00:30 → still open.
    expect(openState(night, at(2025, 5, 13, 0, 30), opts)).toMatchObject({
      status: "open",
      closesAt: at(2025, 5, 13, 3),
    });
    // Tuesday 03:00 → closed until next Monday 20:00.
    expect(openState(night, at(2025, 5, 13, 3), opts)).toMatchObject({
      status: "closed",
      nextOpensAt: at(2025, 5, 19, 20),
    });
  });

  it("counts real hours on the night the clocks go forward (01:00–04:00 is two hours)", () => {
    const h: OpeningHours = { weekly: { "7": [{ opens: "01:00", closes: "04:00" }] } };
    const opening = at(2025, 3, 30, 1);
    const s = openState(h, new Date(opening.getTime() + 60_000), opts);
    expect(s.status).toBe("open");
    expect(iso(s.closesAt)).toBe("2025-03-30T02:00:00.000Z");
    expect((s.closesAt as Date).getTime() - opening.getTime()).toBe(2 * 3600_000);
    // 01:59 CET is followed by 03:00 CEST: 03:30 local is still open.
    expect(openState(h, new Date("2025-03-30T01:30:00Z"), opts).status).toBe("open");
  });

  it("counts four real hours on the night the clocks go back (01:00–04:00)", () => {
    const h: OpeningHours = { weekly: { "7": [{ opens: "01:00", closes: "04:00" }] } };
    const s = openState(h, new Date("2025-10-26T01:30:00Z"), opts); // second 02:30 (CET)
    expect(s.status).toBe("open");
    expect(iso(s.closesAt)).toBe("2025-10-26T03:00:00.000Z");
    expect((s.closesAt as Date).getTime() - at(2025, 10, 26, 1).getTime()).toBe(4 * 3600_000);
  });

  it("finds the next opening across a DST change at the right instant", () => {
    // Saturday 2025-03-29 12:00 CET → Monday 16:00 CEST = 14:00Z.
    expect(iso(openState(cafe, at(2025, 3, 29, 12), opts).nextOpensAt)).toBe("2025-03-31T14:00:00.000Z");
    // Saturday 2025-10-25 12:00 CEST → Monday 16:00 CET = 15:00Z.
    expect(iso(openState(cafe, at(2025, 10, 25, 12), opts).nextOpensAt)).toBe("2025-10-27T15:00:00.000Z");
  });

  it("reports appointment-only days and the next walk-in opening", () => {
    const h: OpeningHours = {
      weekly: { "1": [{ opens: "09:00", closes: "12:00" }], "2": [{ opens: "09:00", closes: "12:00" }] },
      appointmentOnlyDays: ["1"],
    };
    expect(openState(h, at(2025, 5, 12, 10), opts)).toEqual({
      status: "appointment_only",
      closesAt: at(2025, 5, 12, 12),
      nextOpensAt: at(2025, 5, 13, 9),
      holiday: null,
    });
    // Before Monday's appointment hours, the next walk-in opening is Tuesday.
    expect(openState(h, at(2025, 5, 12, 8), opts)).toMatchObject({
      status: "closed",
      nextOpensAt: at(2025, 5, 13, 9),
    });
  });

  it("applies exceptions: closures and changed days", () => {
    const h: OpeningHours = {
      ...cafe,
      exceptions: [
        { from: "2025-07-14", to: "2025-08-08", closed: true, note: "Sommerferien" },
        { from: "2025-07-23", to: "2025-07-23", closed: false, slots: [{ opens: "10:00", closes: "12:00" }] },
      ],
    };
    expect(openState(h, at(2025, 7, 14, 17), opts)).toMatchObject({
      status: "closed",
      nextOpensAt: at(2025, 7, 23, 10),
      holiday: null,
    });
    expect(openState(h, at(2025, 7, 23, 11), opts)).toMatchObject({
      status: "open",
      closesAt: at(2025, 7, 23, 12),
    });
    expect(openState(h, at(2025, 7, 24, 17), opts).nextOpensAt).toEqual(at(2025, 8, 11, 16));
  });

  it("is closed with no next opening when there are no hours", () => {
    expect(openState({ weekly: {} }, at(2025, 5, 12, 10), opts)).toEqual({
      status: "closed",
      closesAt: null,
      nextOpensAt: null,
      holiday: null,
    });
  });
});
