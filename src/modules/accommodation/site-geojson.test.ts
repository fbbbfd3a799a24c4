import { describe, expect, it } from "vitest";
import { crsOfMember, parseValueMapping, readSiteGeoJson } from "./site-geojson.ts";

const file = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));
const collection = (features: unknown[], crs?: string) => ({
  type: "FeatureCollection",
  ...(crs ? { crs: { type: "name", properties: { name: crs } } } : {}),
  features,
});
const feature = (geometry: unknown, properties: Record<string, unknown> = { name: "A", capacity: 10 }) => ({
  type: "Feature",
  properties,
  geometry,
});

describe("reading candidate sites from GeoJSON (decision 104)", () => {
  it("understands the crs member as QGIS and GDAL write it", () => {
    expect(crsOfMember({ type: "name", properties: { name: "urn:ogc:def:crs:EPSG::25832" } })).toEqual({
      epsg: 25832,
    });
    expect(crsOfMember({ type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } })).toEqual({
      epsg: 4326,
    });
    expect(crsOfMember({ type: "name", properties: { name: "EPSG:25833" } })).toEqual({ epsg: 25833 });
    expect(crsOfMember({ type: "name", properties: { name: "Lokales System" } })).toEqual({
      unknown: "Lokales System",
    });
    expect(crsOfMember(undefined)).toBeNull();
  });

  it("reprojects UTM onto the zone's central meridian (9° E for 32N, 15° E for 33N)", () => {
    for (const [crs, lon] of [
      ["urn:ogc:def:crs:EPSG::25832", 9],
      ["urn:ogc:def:crs:EPSG::25833", 15],
    ] as const) {
      const a = readSiteGeoJson(
        file(collection([feature({ type: "Point", coordinates: [500000, 5700000] })], crs)),
        {},
        [],
      );
      expect(a.fileErrors).toEqual([]);
      const g = a.features[0]!.geometry as { coordinates: [number, number] };
      expect(g.coordinates[0]).toBeCloseTo(lon, 6);
      expect(g.coordinates[1]).toBeGreaterThan(51.4);
      expect(g.coordinates[1]).toBeLessThan(51.5);
    }
  });

  it("turns a clockwise outer ring counter-clockwise and keeps a counter-clockwise one", () => {
    const ccw = [
      [7.6, 51.5],
      [7.61, 51.5],
      [7.61, 51.51],
      [7.6, 51.51],
      [7.6, 51.5],
    ];
    const cw = [...ccw].reverse();
    const read = (ring: number[][]) =>
      (
        readSiteGeoJson(file(collection([feature({ type: "Polygon", coordinates: [ring] })])), {}, [])
          .features[0]!.geometry as { coordinates: number[][][] }
      ).coordinates[0];
    expect(read(ccw)).toEqual(ccw);
    expect(read(cw)).toEqual(ccw);
  });

  it("maps properties by option or by a criterion's name, and says which mapping pair is malformed", () => {
    expect(parseValueMapping("a = Kosten; b=Fläche\nc = Lärm")).toEqual([
      ["a", "Kosten"],
      ["b", "Fläche"],
      ["c", "Lärm"],
    ]);
    expect(parseValueMapping("a Kosten")).toBeNull();
    const criteria = [
      { id: "k", name: "Kosten" },
      { id: "f", name: "Fläche" },
    ];
    const a = readSiteGeoJson(
      file(
        collection([
          feature(
            { type: "Point", coordinates: [7.6, 51.5] },
            { Titel: "A", Plaetze: "1.200", kosten: "12,5", qm: 800 },
          ),
        ]),
      ),
      { nameAttribute: "titel", values: "qm = fläche" },
      criteria,
    );
    expect(a.fileErrors).toEqual([]);
    expect(a.features[0]).toMatchObject({
      name: "A",
      capacity: 1200,
      values: { k: 12.5, f: 800 },
      errors: [],
    });
    const bad = readSiteGeoJson(
      file(collection([feature({ type: "Point", coordinates: [7.6, 51.5] })])),
      { values: "x" },
      criteria,
    );
    expect(bad.fileErrors).toEqual([{ field: "values", code: "site_import_values_format" }]);
  });
});
