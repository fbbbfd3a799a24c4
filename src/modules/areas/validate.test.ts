import { describe, expect, it } from "vitest";
import type { AreaGeometry } from "./geo.ts";
import { analyzeImport, type ExistingArea, IMPORT_LIMITS, validateGeometry } from "./validate.ts";

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const poly = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: "Polygon",
  coordinates: [square(x0, y0, x1, y1)],
});
const feature = (props: Record<string, unknown>, geometry: unknown = poly(7.6, 51.5, 7.7, 51.6)) => ({
  type: "Feature",
  properties: props,
  geometry,
});
const fcText = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const errorsOf = (text: string, existing: ExistingArea[] = []) =>
  analyzeImport(text, existing).features.map((f) => f.errors.map((e) => `${e.field}:${e.code}`));

describe("GeoJSON area import validation", () => {
  it("accepts a valid tree and plans to create every area", () => {
    const a = analyzeImport(
      fcText(
        feature({ code: "U", name: "Unna", level: "city" }, poly(7.6, 51.5, 7.8, 51.6)),
        feature({ code: "U-01", name: "Mitte", level: "social_area", parent: "U", approximate: true }),
        feature({ code: "U-01-1", name: "Altstadt", level: "quarter", parent: "U-01", source: "Skizze" }),
      ),
      [],
    );
    expect(a.fileErrors).toEqual([]);
    expect(a.ok).toBe(true);
    expect(a.counts).toEqual({ create: 3, update: 0, unchanged: 0, invalid: 0 });
    expect(a.features[1]).toMatchObject({ code: "U-01", approximate: true, parentCode: "U" });
    expect(a.features[2]?.sourceNote).toBe("Skizze");
  });

  it("rejects a file that is not JSON, not a FeatureCollection or empty", () => {
    expect(analyzeImport("{ not json", []).fileErrors).toEqual([{ field: "file", code: "geojson_not_json" }]);
    expect(analyzeImport(JSON.stringify({ type: "Feature" }), []).fileErrors[0]?.code).toBe(
      "geojson_not_feature_collection",
    );
    expect(analyzeImport(JSON.stringify([1, 2]), []).fileErrors[0]?.code).toBe(
      "geojson_not_feature_collection",
    );
    expect(analyzeImport(fcText(), []).fileErrors[0]?.code).toBe("geojson_no_features");
    expect(analyzeImport(fcText(), []).ok).toBe(false);
  });

  it("rejects a file that is too large or has too many features", () => {
    const many = fcText(...Array.from({ length: IMPORT_LIMITS.maxFeatures + 1 }, () => ({})));
    expect(analyzeImport(many, []).fileErrors[0]?.code).toBe("geojson_too_many_features");
    const big = " ".repeat(IMPORT_LIMITS.maxBytes + 1);
    expect(analyzeImport(big, []).fileErrors[0]?.code).toBe("geojson_file_too_large");
  });

  it("reports missing and duplicate codes, unknown levels and non-features per feature", () => {
    const errs = errorsOf(
      fcText(
        feature({ name: "Ohne Code", level: "quarter" }),
        feature({ code: "A", name: "Eins", level: "quarter" }),
        feature({ code: "A", name: "Zwei", level: "quarter" }),
        feature({ code: "B", name: "Drei", level: "Stadtteil" }),
        { type: "Point" },
        feature({ code: "bad code!", name: "Vier", level: "quarter" }),
      ),
    );
    expect(errs[0]).toEqual(["properties.code:required"]);
    expect(errs[1]).toEqual([]);
    expect(errs[2]).toEqual(["properties.code:area_code_duplicate"]);
    expect(errs[3]).toEqual(["properties.level:area_level_unknown"]);
    expect(errs[4]).toEqual(["feature:geojson_not_feature"]);
    expect(errs[5]).toEqual(["properties.code:area_code_format"]);
  });

  it("names the first occurrence of a duplicate code (counting from 1)", () => {
    const a = analyzeImport(
      fcText(
        feature({ code: "A", name: "x", level: "quarter" }),
        feature({ code: "A", name: "y", level: "quarter" }),
      ),
      [],
    );
    expect(a.features[1]?.errors[0]?.params).toEqual({ first: 1 });
  });

  it("rejects a self-intersecting bow-tie polygon and says where", () => {
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const r = validateGeometry(bowTie);
    expect(r.geometry).toBeNull();
    expect(r.errors).toEqual([
      { field: "geometry", code: "geometry_self_intersection", params: { at: "1.000000, 1.000000" } },
    ]);
  });

  it("rejects a hole that crosses the outer ring, but accepts repeated consecutive positions", () => {
    const crossing = { type: "Polygon", coordinates: [square(0, 0, 4, 4), square(3, 1, 5, 2)] };
    expect(validateGeometry(crossing).errors[0]?.code).toBe("geometry_self_intersection");
    const repeated = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(repeated).errors).toEqual([]);
  });

  it("checks geometry type, ring closure, ring length, coordinate range and positions", () => {
    const code = (g: unknown) => validateGeometry(g).errors.map((e) => `${e.field}:${e.code}`);
    expect(code(undefined)).toEqual(["geometry:required"]);
    expect(code({ type: "Point", coordinates: [7, 51] })).toEqual(["geometry:geometry_type"]);
    expect(code({ type: "LineString", coordinates: [] })).toEqual(["geometry:geometry_type"]);
    expect(
      code({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toEqual(["geometry.coordinates.0:geometry_ring_unclosed"]);
    expect(
      code({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toEqual(["geometry.coordinates.0:geometry_ring_too_short"]);
    expect(code({ type: "Polygon", coordinates: [square(170, 0, 181, 1)] })).toEqual([
      "geometry.coordinates.0:geometry_out_of_range",
    ]);
    expect(code({ type: "Polygon", coordinates: [square(0, 89, 1, 91)] })).toEqual([
      "geometry.coordinates.0:geometry_out_of_range",
    ]);
    expect(
      code({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, "x"],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toEqual(["geometry.coordinates.0:geometry_position_invalid"]);
    expect(
      code({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toEqual(["geometry.coordinates.0:geometry_ring_degenerate"]);
    expect(code({ type: "MultiPolygon", coordinates: [] })).toEqual(["geometry:geometry_empty"]);
    expect(
      code({ type: "MultiPolygon", coordinates: [[square(0, 0, 1, 1)], [square(2, 2, 3, 3), [[0, 0]]]] }),
    ).toEqual(["geometry.coordinates.1.1:geometry_ring_too_short"]);
  });

  it("lets the parts of a MultiPolygon touch each other", () => {
    const r = validateGeometry({
      type: "MultiPolygon",
      coordinates: [[square(0, 0, 1, 1)], [square(1, 1, 2, 2)]],
    });
    expect(r.errors).toEqual([]);
    expect(r.geometry?.type).toBe("MultiPolygon");
  });

  it("reports an unknown parent, a parent of a finer level, and a cycle", () => {
    const errs = errorsOf(
      fcText(
        feature({ code: "Q", name: "Quartier", level: "quarter", parent: "NOPE" }),
        feature({ code: "S", name: "Sozialraum", level: "social_area", parent: "Q2" }),
        feature({ code: "Q2", name: "Quartier 2", level: "quarter" }),
        feature({ code: "C", name: "Stadt", level: "city", parent: "S" }),
        feature({ code: "X", name: "X", level: "quarter", parent: "Y" }),
        feature({ code: "Y", name: "Y", level: "quarter", parent: "X" }),
        feature({ code: "Z", name: "Z", level: "quarter", parent: "Z" }),
      ),
    );
    expect(errs[0]).toEqual(["properties.parent:area_parent_unknown"]);
    expect(errs[1]).toEqual(["properties.parent:area_parent_level"]);
    expect(errs[2]).toEqual([]);
    expect(errs[3]).toEqual(["properties.parent:area_parent_level"]);
    expect(errs[4]).toEqual(["properties.parent:area_parent_cycle"]);
    expect(errs[5]).toEqual(["properties.parent:area_parent_cycle"]);
    expect(errs[6]).toEqual(["properties.parent:area_parent_cycle"]);
  });

  it("resolves parents already in Lotse and decides create / update / unchanged by code", () => {
    const existing: ExistingArea[] = [
      {
        id: "id-city",
        code: "U",
        name: "Unna",
        level: "city",
        parentId: null,
        geometry: poly(7.6, 51.5, 7.8, 51.6),
        approximate: false,
        sourceNote: null,
      },
      {
        id: "id-m",
        code: "M",
        name: "Mitte",
        level: "social_area",
        parentId: "id-city",
        geometry: poly(7.6, 51.5, 7.7, 51.6),
        approximate: true,
        sourceNote: "Skizze",
      },
    ];
    const a = analyzeImport(
      fcText(
        feature({
          code: "M",
          name: "Mitte",
          level: "social_area",
          parent: "U",
          approximate: true,
          source: "Skizze",
        }),
        feature({ code: "U", name: "Kreisstadt Unna", level: "city" }, poly(7.6, 51.5, 7.8, 51.6)),
        feature({ code: "N", name: "Neu", level: "quarter", parent: "M" }),
      ),
      existing,
    );
    expect(a.ok).toBe(true);
    expect(a.features.map((f) => f.action)).toEqual(["unchanged", "update", "create"]);
    expect(a.features[0]?.existingId).toBe("id-m");
  });

  it("refuses a level change that no longer fits children already in Lotse", () => {
    const existing: ExistingArea[] = [
      {
        id: "id-s",
        code: "S",
        name: "S",
        level: "social_area",
        parentId: null,
        geometry: poly(0, 0, 1, 1),
        approximate: false,
        sourceNote: null,
      },
      {
        id: "id-q",
        code: "Q",
        name: "Q",
        level: "quarter",
        parentId: "id-s",
        geometry: poly(0, 0, 1, 1),
        approximate: false,
        sourceNote: null,
      },
    ];
    const errs = errorsOf(
      fcText(feature({ code: "S", name: "S", level: "quarter" }, poly(0, 0, 1, 1))),
      existing,
    );
    expect(errs[0]).toEqual(["properties.level:area_children_level"]);
  });

  it("rejects wrong property types and over-long values", () => {
    const errs = errorsOf(
      fcText(
        feature({ code: "A", name: "x".repeat(201), level: "quarter", approximate: "yes" }),
        feature({ code: 12, name: "Zahlencode", level: "quarter" }),
      ),
    );
    expect(errs[0]).toEqual(["properties.name:too_long", "properties.approximate:invalid_type"]);
    expect(errs[1]).toEqual([]);
  });
});
