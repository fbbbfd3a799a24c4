import { describe, expect, it } from "vitest";
import {
  type AreaGeometry,
  geometryBbox,
  geometryContains,
  INSIDE,
  ON_BOUNDARY,
  OUTSIDE,
  preparePolygon,
  ringContains,
} from "./geo.ts";

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A 10×10 square with a 2×2 hole in the middle. */
const withHole: AreaGeometry = { type: "Polygon", coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };

describe("point in polygon (ray casting)", () => {
  it("finds points inside, outside and in a hole", () => {
    expect(geometryContains(withHole, 1, 1)).toBe(true);
    expect(geometryContains(withHole, 9.9, 5)).toBe(true);
    expect(geometryContains(withHole, 5, 5)).toBe(false);
    expect(geometryContains(withHole, 11, 5)).toBe(false);
    expect(geometryContains(withHole, -0.0001, 5)).toBe(false);
  });

  it("counts the boundary as inside: outer edges, vertices and the hole's edge", () => {
    expect(geometryContains(withHole, 0, 5)).toBe(true);
    expect(geometryContains(withHole, 10, 10)).toBe(true);
    expect(geometryContains(withHole, 5, 0)).toBe(true);
    expect(geometryContains(withHole, 4, 5)).toBe(true);
    expect(geometryContains(withHole, 6, 6)).toBe(true);
  });

  it("reports the boundary exactly, also on slanted edges", () => {
    const tri = preparePolygon([
      [
        [0, 0],
        [4, 0],
        [0, 4],
        [0, 0],
      ],
    ]).outer;
    expect(ringContains(tri, 2, 2)).toBe(ON_BOUNDARY);
    expect(ringContains(tri, 1, 1)).toBe(INSIDE);
    expect(ringContains(tri, 2.5, 2)).toBe(OUTSIDE);
    expect(ringContains(tri, 0, 4)).toBe(ON_BOUNDARY);
    // A ray through a vertex does not count twice.
    expect(ringContains(tri, -1, 4)).toBe(OUTSIDE);
    expect(ringContains(tri, -1, 0)).toBe(OUTSIDE);
  });

  it("handles concave rings and rays through several vertices", () => {
    // A "U": the notch between x 2..4 above y 2 is outside.
    const u: AreaGeometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [6, 0],
          [6, 6],
          [4, 6],
          [4, 2],
          [2, 2],
          [2, 6],
          [0, 6],
          [0, 0],
        ],
      ],
    };
    expect(geometryContains(u, 3, 4)).toBe(false);
    expect(geometryContains(u, 1, 4)).toBe(true);
    expect(geometryContains(u, 5, 4)).toBe(true);
    expect(geometryContains(u, 3, 1)).toBe(true);
    expect(geometryContains(u, 3, 2)).toBe(true); // on the notch's floor
    expect(geometryContains(u, -1, 2)).toBe(false); // ray along a horizontal edge
  });

  it("tests every part of a MultiPolygon", () => {
    const multi: AreaGeometry = {
      type: "MultiPolygon",
      coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6), square(5.4, 5.4, 5.6, 5.6)]],
    };
    expect(geometryContains(multi, 0.5, 0.5)).toBe(true);
    expect(geometryContains(multi, 5.2, 5.2)).toBe(true);
    expect(geometryContains(multi, 5.5, 5.5)).toBe(false);
    expect(geometryContains(multi, 3, 3)).toBe(false);
    expect(geometryBbox(multi)).toEqual({ minLon: 0, minLat: 0, maxLon: 6, maxLat: 6 });
  });

  it("accepts rings whose last position does not repeat the first", () => {
    const open = preparePolygon([
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
      ],
    ]);
    expect(ringContains(open.outer, 1, 1)).toBe(INSIDE);
    expect(ringContains(open.outer, 0, 1)).toBe(ON_BOUNDARY);
  });
});
