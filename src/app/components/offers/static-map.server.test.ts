import { describe, expect, it } from "vitest";
import type { AreaFeatureCollection } from "#app/modules/areas/model.ts";
import { staticMap } from "./static-map.server.ts";

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (code: string, level: string, parent: string | null, x: number, y: number, d: number) => ({
  type: "Feature" as const,
  properties: { code, name: `Gebiet ${code}`, level, parent, approximate: false, source: null },
  geometry: { type: "Polygon" as const, coordinates: square(x, y, d) },
});
const areas = {
  type: "FeatureCollection",
  features: [
    feature("city", "city", null, 7.6, 51.5, 0.2),
    feature("nord", "social_area", "city", 7.6, 51.6, 0.1),
    feature("sued", "social_area", "city", 7.6, 51.5, 0.1),
  ],
} as unknown as AreaFeatureCollection;
const point = (lon: number, lat: number, n: number) => ({
  geometry: { coordinates: [lon, lat] as [number, number] },
  properties: { n },
});

describe("the offers map's server-rendered picture", () => {
  it("draws the level below the city with names, framed by the city's outline", () => {
    const m = staticMap(areas, [point(7.65, 51.55, 2)])!;
    expect(m.areas.map((a) => a.code)).toEqual(["nord", "sued"]);
    expect(m.outline).toMatch(/^M[\d.,L]+Z$/);
    // North is up: the northern area's label lies above the southern one's.
    const [nord, sued] = m.areas;
    expect(nord!.label[1]).toBeLessThan(sued!.label[1]);
    expect(m.width).toBe(640);
    expect(m.height).toBeGreaterThan(0);
  });

  it("bins nearby places into one dot with their offers summed, and counts every place", () => {
    const m = staticMap(areas, [point(7.65, 51.55, 2), point(7.65001, 51.55001, 3), point(7.75, 51.65, 1)])!;
    expect(m.places).toBe(3);
    expect(m.offers).toBe(6);
    expect(m.dots).toHaveLength(2);
    const big = m.dots.find((d) => d.places === 2)!;
    expect(big.offers).toBe(5);
    expect(big.r).toBeGreaterThan(m.dots.find((d) => d.places === 1)!.r);
  });

  it("leaves out places outside the picture and works without areas", () => {
    const m = staticMap(areas, [point(9.9, 53.5, 4)])!;
    expect(m.dots).toEqual([]);
    const bare = staticMap({ type: "FeatureCollection", features: [] }, [
      point(7.6, 51.5, 1),
      point(7.7, 51.6, 1),
    ])!;
    expect(bare.areas).toEqual([]);
    expect(bare.outline).toBeNull();
    expect(bare.dots).toHaveLength(2);
    expect(staticMap({ type: "FeatureCollection", features: [] }, [])).toBeNull();
  });
});
