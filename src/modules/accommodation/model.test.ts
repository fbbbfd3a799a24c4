import { describe, expect, it } from "vitest";
import { parseGermanNumber, siteCentroid } from "./model.ts";

describe("parseGermanNumber", () => {
  it("reads German thousands and decimal separators", () => {
    expect(parseGermanNumber("1.234,56")).toBe(1234.56);
    expect(parseGermanNumber("1.234")).toBe(1234);
    expect(parseGermanNumber("12,5")).toBe(12.5);
    expect(parseGermanNumber("0.75")).toBe(0.75);
    expect(parseGermanNumber(" ")).toBeNull();
    expect(parseGermanNumber("zwölf")).toBeNaN();
  });
});

describe("siteCentroid", () => {
  it("finds the centre of a square and passes a point through", () => {
    const c = siteCentroid({
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    });
    expect(c.lon).toBeCloseTo(1, 9);
    expect(c.lat).toBeCloseTo(1, 9);
    expect(siteCentroid({ type: "Point", coordinates: [7.6, 51.5] })).toEqual({ lon: 7.6, lat: 51.5 });
  });
});
