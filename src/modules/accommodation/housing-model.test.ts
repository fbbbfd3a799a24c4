import { describe, expect, it } from "vitest";
import { occupancyOn, occupiedOn, peakOccupancy, staysOverlap } from "./housing-model.ts";

const stays = [
  { persons: 4, moveIn: "2026-01-01", moveOut: "2026-03-01" },
  { persons: 2, moveIn: "2026-02-01", moveOut: null },
  { persons: 3, moveIn: "2026-03-01", moveOut: "2026-04-01" },
];

describe("occupancy", () => {
  it("counts a stay from move-in up to, not including, move-out", () => {
    expect(occupiedOn(stays, "2025-12-31")).toBe(0);
    expect(occupiedOn(stays, "2026-01-01")).toBe(4);
    expect(occupiedOn(stays, "2026-02-28")).toBe(6);
    expect(occupiedOn(stays, "2026-03-01")).toBe(5);
    expect(occupiedOn(stays, "2026-04-01")).toBe(2);
  });

  it("reports later move-ins as reserved and keeps their beds out of the free ones", () => {
    expect(occupancyOn(10, stays, "2026-01-15")).toEqual({ places: 10, occupied: 4, reserved: 5, free: 1 });
    expect(occupancyOn(4, stays, "2026-02-15")).toEqual({ places: 4, occupied: 6, reserved: 3, free: 0 });
  });

  it("finds the peak at a move-in inside the range", () => {
    expect(peakOccupancy(stays, "2026-01-01", "2026-02-01")).toBe(4);
    expect(peakOccupancy(stays, "2026-01-01", "2026-02-02")).toBe(6);
    expect(peakOccupancy(stays, "2026-03-15", null)).toBe(5);
    expect(peakOccupancy([], "2026-01-01", null)).toBe(0);
  });

  it("sees overlapping stays, not touching ones", () => {
    const a = { moveIn: "2026-01-01", moveOut: "2026-02-01" };
    expect(staysOverlap(a, { moveIn: "2026-02-01", moveOut: null })).toBe(false);
    expect(staysOverlap(a, { moveIn: "2026-01-31", moveOut: null })).toBe(true);
    expect(
      staysOverlap({ moveIn: "2026-01-01", moveOut: null }, { moveIn: "2030-01-01", moveOut: null }),
    ).toBe(true);
  });
});
