import { describe, expect, it } from "vitest";
import {
  ageOn,
  chooseRooms,
  fillRooms,
  fitsRoomUse,
  occupancyOn,
  occupiedOn,
  peakOccupancy,
  staysOverlap,
} from "./housing-model.ts";

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

describe("rooms", () => {
  it("keeps children under 14 with their parent in a women's room and refuses an adult man", () => {
    const mother = { sex: "female", birthDate: "1990-04-01" };
    const son = (birthDate: string) => ({ sex: "male", birthDate });
    expect(fitsRoomUse("women", [mother, son("2013-01-01")], "2026-12-31")).toBe(true);
    expect(fitsRoomUse("women", [mother, son("2012-12-05")], "2026-12-05")).toBe(false);
    expect(fitsRoomUse("women", [mother, son("2012-12-06")], "2026-12-05")).toBe(true);
    expect(fitsRoomUse("men", [mother], "2026-12-05")).toBe(false);
    expect(fitsRoomUse("women", [{ sex: "unspecified", birthDate: null }], "2026-12-05")).toBe(false);
    expect(fitsRoomUse("family", [mother, son("1980-01-01")], "2026-12-05")).toBe(true);
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
  });

  it("chooses the rooms with the fewest empty beds, then the fewest rooms", () => {
    const rooms = [
      { id: "a", free: 4 },
      { id: "b", free: 2 },
      { id: "c", free: 3 },
      { id: "d", free: 0 },
    ];
    expect(chooseRooms(rooms, 5)).toEqual(["b", "c"]);
    expect(chooseRooms(rooms, 4)).toEqual(["a"]);
    expect(chooseRooms(rooms, 1)).toEqual(["b"]);
    expect(chooseRooms(rooms, 9)).toEqual(["a", "b", "c"]);
    expect(chooseRooms(rooms, 10)).toBeNull();
  });

  it("fills the named rooms in order up to their free beds", () => {
    const rooms = [
      { id: "a", free: 2 },
      { id: "b", free: 3 },
    ];
    expect(fillRooms(rooms, 4)).toEqual([
      { roomId: "a", persons: 2 },
      { roomId: "b", persons: 2 },
    ]);
    expect(fillRooms(rooms, 2)).toEqual([{ roomId: "a", persons: 2 }]);
    expect(fillRooms(rooms, 6)).toBeNull();
  });
});
