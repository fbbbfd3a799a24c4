import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { crsFromName, crsFromWkt, guessProjectedCrs, reprojectGeometry } from "./crs.ts";
import { geometryContains, polygonsOf } from "./geo.ts";
import { dbfEncoding } from "./read-gis.ts";
import { exportGeometry, repairGeometry } from "./repair.ts";
import { analyzeUpload } from "./upload.ts";
import { ringArea } from "./validate-geometry.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/areas/${name}`, import.meta.url)));
const issues = (a: Awaited<ReturnType<typeof analyzeUpload>>) =>
  a.features.map((f) => f.errors.map((e) => `${e.field}:${e.code}`));
/** A point well inside each fixture district (WGS84), see scripts/fixtures-areas.ts. */
const INSIDE: [string, number, number][] = [
  ["01", 7.645, 51.515],
  ["02", 7.735, 51.515],
  ["03", 7.62, 51.58],
  ["04", 7.735, 51.565],
];

describe("CRS detection", () => {
  it("reads EPSG codes from WKT authorities, ESRI names and GeoJSON crs members", () => {
    expect(crsFromWkt('PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989"]]')).toEqual({
      kind: "epsg",
      epsg: 25832,
    });
    expect(crsFromWkt('PROJCS["DHDN_3_Degree_Gauss_Kruger_zone_2",GEOGCS["x"]]')).toEqual({
      kind: "epsg",
      epsg: 31466,
    });
    expect(crsFromWkt('PROJCS["DHDN / 3-degree Gauss-Kruger zone 5",AUTHORITY["EPSG","31469"]]')).toEqual({
      kind: "epsg",
      epsg: 31469,
    });
    expect(crsFromWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]')).toEqual({ kind: "epsg", epsg: 4326 });
    expect(crsFromWkt('PROJCS["Lambert_93",AUTHORITY["EPSG","2154"]]')).toEqual({
      kind: "unknown",
      name: "Lambert_93 (EPSG:2154)",
    });
    expect(crsFromWkt("")).toEqual({ kind: "none" });
    expect(crsFromName("urn:ogc:def:crs:EPSG::25833")).toEqual({ kind: "epsg", epsg: 25833 });
    expect(crsFromName("urn:ogc:def:crs:OGC:1.3:CRS84")).toEqual({ kind: "epsg", epsg: 4326 });
    expect(crsFromName("EPSG:3857")).toEqual({ kind: "epsg", epsg: 3857 });
  });

  it("guesses the system from the size of the numbers", () => {
    expect(guessProjectedCrs(409_000, 5_705_000)).toBe("EPSG:25832 / EPSG:25833");
    expect(guessProjectedCrs(3_409_000, 5_707_000)).toBe("EPSG:31467");
    expect(guessProjectedCrs(2_580_000, 5_650_000)).toBe("EPSG:31466");
    expect(guessProjectedCrs(855_000, 6_710_000)).toBe("EPSG:3857");
    expect(guessProjectedCrs(1, 1)).toBeNull();
  });

  it("reprojects UTM, Gauß-Krüger and Web Mercator to WGS84", () => {
    const at = (epsg: 25832 | 31467 | 3857, x: number, y: number) => {
      const g = reprojectGeometry({ type: "Polygon", coordinates: [[[x, y]]] }, epsg);
      return (g.coordinates[0] as number[][])[0]!;
    };
    // On the central meridian (9° E: UTM 32, Gauß-Krüger zone 3) easting is the false easting.
    const utm = at(25832, 500_000, 5_710_000);
    expect(utm[0]).toBeCloseTo(9, 9);
    expect(utm[1]).toBeGreaterThan(51.5);
    expect(utm[1]).toBeLessThan(51.6);
    // DHDN lies about 100 m off ETRS89, and Gauß-Krüger has no 0.9996 scale: same meridian
    // within 0.002°, about 2.3 km (0.02°) further south than UTM's 5,710 km.
    const gk = at(31467, 3_500_000, 5_710_000);
    expect(Math.abs(gk[0]! - 9)).toBeLessThan(0.002);
    expect(utm[1]! - gk[1]!).toBeGreaterThan(0.015);
    expect(utm[1]! - gk[1]!).toBeLessThan(0.025);
    const merc = at(3857, 20_037_508.342789244, 0);
    expect(merc[0]).toBeCloseTo(180, 6);
    expect(merc[1]).toBeCloseTo(0, 9);
  });
});

describe("DBF character set", () => {
  const header = (ldid: number) => {
    const b = new Uint8Array(40);
    b[29] = ldid;
    return b;
  };
  it("takes the .cpg first, then the language driver, then tells UTF-8 from windows-1252", () => {
    expect(dbfEncoding(header(0), "1252")).toBe("windows-1252");
    expect(dbfEncoding(header(0), "ANSI 1252")).toBe("windows-1252");
    expect(dbfEncoding(header(0x57), "UTF-8")).toBe("utf-8");
    expect(dbfEncoding(header(0), "65001")).toBe("utf-8");
    expect(dbfEncoding(header(0x57), undefined)).toBe("windows-1252");
    const latin = new Uint8Array([...header(0), 0xfc]); // "ü" in windows-1252, invalid UTF-8
    expect(dbfEncoding(latin, undefined)).toBe("windows-1252");
    expect(dbfEncoding(header(0), undefined)).toBe("utf-8");
  });
});

describe("GIS file import", () => {
  it("reads a zipped Shapefile in EPSG:25832 with a windows-1252 DBF and maps STB_NR / STB_NAME", async () => {
    const a = await analyzeUpload(fixture("stadtbezirke-25832.zip"), [], { level: "district" });
    expect(a.fileErrors).toEqual([]);
    expect(a.source).toMatchObject({
      format: "shapefile",
      crs: "EPSG:25832",
      encoding: "windows-1252",
      attributes: ["STB_NR", "STB_NAME", "FLAECHE_HA"],
      mapping: { code: "STB_NR", name: "STB_NAME", level: null, parent: null },
    });
    expect(a.ok).toBe(true);
    expect(a.features.map((f) => [f.code, f.name])).toEqual([
      ["01", "Unna-Mitte"],
      ["02", "Königsborn"],
      ["03", "Massen"],
      ["04", "Unna-Süd Straße"],
    ]);
    for (const [code, lon, lat] of INSIDE) {
      const g = a.features.find((f) => f.code === code)!.geometry!;
      expect(geometryContains(g, lon, lat)).toBe(true);
    }
    // Massen's lake stays a hole; stored the RFC 7946 way round (outer counter-clockwise, hole clockwise).
    const massen = polygonsOf(a.features[2]!.geometry!)[0]!;
    expect(massen).toHaveLength(2);
    expect(ringArea(massen[0]!)).toBeGreaterThan(0);
    expect(ringArea(massen[1]!)).toBeLessThan(0);
    expect(geometryContains(a.features[2]!.geometry!, 7.64, 51.565)).toBe(false);
  });

  it("reads the Gauß-Krüger Shapefile (UTF-8 .cpg) to the same places", async () => {
    const a = await analyzeUpload(fixture("stadtbezirke-gk3.zip"), [], { level: "district" });
    expect(a.source).toMatchObject({ crs: "EPSG:31467", encoding: "utf-8" });
    expect(a.ok).toBe(true);
    expect(a.features[3]!.name).toBe("Unna-Süd Straße");
    for (const [code, lon, lat] of INSIDE) {
      expect(geometryContains(a.features.find((f) => f.code === code)!.geometry!, lon, lat)).toBe(true);
    }
  });

  it("reads a GeoPackage, proposes removing the zero-area spike, and applies it only when accepted", async () => {
    const preview = await analyzeUpload(fixture("stadtbezirke-25832.gpkg"), [], { level: "district" });
    expect(preview.source).toMatchObject({
      format: "geopackage",
      crs: "EPSG:25832",
      layers: ["stadtbezirke"],
    });
    expect(preview.ok).toBe(false);
    expect(issues(preview)[1]).toEqual(["geometry.coordinates.0:geometry_self_intersection"]);
    expect(preview.extras?.[1]?.repair).toEqual({ fixes: ["spikes"], applied: false });
    expect(preview.extras?.[0]?.repair).toBeNull();

    const accepted = await analyzeUpload(fixture("stadtbezirke-25832.gpkg"), [], {
      level: "district",
      repair: true,
    });
    expect(accepted.ok).toBe(true);
    expect(accepted.extras?.[1]?.repair).toEqual({ fixes: ["spikes"], applied: true });
    expect(geometryContains(accepted.features[1]!.geometry!, 7.735, 51.515)).toBe(true);
  });

  it("names the feature and the fix for swapped axes, and swaps them on request", async () => {
    const a = await analyzeUpload(fixture("stadtbezirke-swapped.geojson"), [], {});
    expect(a.ok).toBe(false);
    expect(issues(a)).toEqual(Array(4).fill(["geometry:gis_coordinates_swapped"]));
    expect(a.features[0]!.code).toBe("STB-01");
    const swapped = await analyzeUpload(fixture("stadtbezirke-swapped.geojson"), [], { swapAxes: true });
    expect(swapped.ok).toBe(true);
    expect(geometryContains(swapped.features[0]!.geometry!, 7.645, 51.515)).toBe(true);
  });

  it("refuses UTM numbers given as GeoJSON without crs, naming the likely system; the crs option fixes it", async () => {
    const fc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { STB_NR: 7, STB_NAME: "Mühlhausen" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [409_000, 5_705_000],
                [410_000, 5_705_000],
                [410_000, 5_706_000],
                [409_000, 5_705_000],
              ],
            ],
          },
        },
      ],
    };
    const text = JSON.stringify(fc);
    const a = await analyzeUpload(text, [], { level: "quarter" });
    expect(a.features[0]!.errors).toEqual([
      {
        field: "geometry",
        code: "gis_coordinates_projected",
        params: { x: "409000", y: "5705000", guess: "EPSG:25832 / EPSG:25833" },
      },
    ]);
    expect(a.features[0]).toMatchObject({ code: "7", name: "Mühlhausen", level: "quarter" });
    const fixed = await analyzeUpload(text, [], { level: "quarter", crs: 25832 });
    expect(fixed.ok).toBe(true);
    const declared = await analyzeUpload(
      JSON.stringify({ ...fc, crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::25832" } } }),
      [],
      { level: "quarter" },
    );
    expect(declared.ok).toBe(true);
    expect(declared.source?.crs).toBe("EPSG:25832");
  });

  it("refuses a CRS it does not know with its name, and maps attributes the user names", async () => {
    const fc = (crs: string) =>
      JSON.stringify({
        type: "FeatureCollection",
        crs: { type: "name", properties: { name: crs } },
        features: [
          {
            type: "Feature",
            properties: { KENN: "A1", BEZ: "Altstadt", OBER: null },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [7.6, 51.5],
                  [7.7, 51.5],
                  [7.7, 51.6],
                  [7.6, 51.5],
                ],
              ],
            },
          },
        ],
      });
    const unknown = await analyzeUpload(fc("EPSG:2154"), [], {});
    expect(unknown.fileErrors).toEqual([
      { field: "file", code: "gis_crs_unknown", params: { crs: "EPSG:2154" } },
    ]);
    expect(unknown.features).toEqual([]);
    const mapped = await analyzeUpload(fc("EPSG:4326"), [], {
      codeAttribute: "KENN",
      nameAttribute: "BEZ",
      parentAttribute: "OBER",
      level: "city",
    });
    expect(mapped.ok).toBe(true);
    expect(mapped.source?.mapping).toEqual({ code: "KENN", name: "BEZ", level: null, parent: "OBER" });
    expect(mapped.features[0]).toMatchObject({
      code: "A1",
      name: "Altstadt",
      level: "city",
      parentCode: null,
    });
  });

  it("warns about an area far from the tenant's other areas", async () => {
    const existing = [
      {
        id: "x",
        code: "U",
        name: "Unna",
        level: "city" as const,
        parentId: null,
        geometry: {
          type: "Polygon" as const,
          coordinates: [
            [
              [7.6, 51.49],
              [7.78, 51.49],
              [7.78, 51.59],
              [7.6, 51.49],
            ],
          ],
        },
        approximate: false,
        sourceNote: null,
      },
    ];
    const far = JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "K", name: "Köln", level: "district", parent: "U" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [6.9, 50.9],
                [7.0, 50.9],
                [7.0, 51.0],
                [6.9, 50.9],
              ],
            ],
          },
        },
      ],
    });
    const a = await analyzeUpload(far, existing, {});
    expect(a.ok).toBe(true);
    expect(a.extras?.[0]?.warnings).toEqual([{ field: "geometry", code: "gis_outside_region" }]);
  });

  it("reports an unreadable zip and a zip without a Shapefile at file level", async () => {
    const notZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect((await analyzeUpload(notZip, [], {})).fileErrors[0]?.code).toMatch(
      /^gis_(zip_unreadable|zip_no_shapefile)$/,
    );
  });
});

describe("repairs and the RFC 7946 export", () => {
  it("closes rings, drops repeated points and spikes, and rewinds", () => {
    const r = repairGeometry({
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [0, 1],
          [0, 1],
          [1, 1],
          [2, 2],
          [1, 1],
          [1, 0],
        ],
      ],
    });
    expect(r?.fixes.sort()).toEqual(["duplicate_points", "ring_closed", "spikes", "winding"]);
    expect(r?.geometry.coordinates).toEqual([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ]);
  });

  it("writes outer rings counter-clockwise, holes clockwise, and at most 7 decimals", () => {
    const g = exportGeometry({
      type: "Polygon",
      coordinates: [
        [
          [7.123456789012, 51],
          [7.123456789012, 52],
          [8, 52],
          [8, 51],
          [7.123456789012, 51],
        ],
        [
          [7.5, 51.5],
          [7.6, 51.5],
          [7.6, 51.6],
          [7.5, 51.5],
        ],
      ],
    });
    const [outer, hole] = g.coordinates as number[][][];
    expect(ringArea(outer!)).toBeGreaterThan(0);
    expect(ringArea(hole!)).toBeLessThan(0);
    expect(outer![0]![0]).toBe(7.1234568);
  });
});

describe("empty geometries (found by the API fuzz harness)", () => {
  it.each([
    { type: "MultiPolygon", coordinates: [] },
    { type: "Polygon", coordinates: [] },
    { type: "MultiPolygon", coordinates: [[]] },
    {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
        [],
      ],
    },
  ])("names the problem instead of throwing: %j", async (geometry) => {
    const feature = { type: "Feature", properties: { code: "A", name: "A", level: "quarter" }, geometry };
    const text = JSON.stringify({ type: "FeatureCollection", features: [feature] });
    const analysis = await analyzeUpload(text, [], {}, true);
    expect(analysis.ok).toBe(false);
    expect(analysis.features[0]?.errors).toEqual([{ field: "geometry", code: "geometry_empty" }]);
    expect(repairGeometry(geometry as never)).toBeNull();
  });
});
