import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AreaGeometry } from "./geo.ts";
import type { AreaLevel } from "./levels.ts";
import { buildAreaIndex, locateBboxScan, locateIndexed, locateNaive } from "./lookup.ts";

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: "Polygon",
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const area = (code: string, level: AreaLevel, geometry: AreaGeometry) => ({ code, level, geometry });

describe("area lookup index", () => {
  const areas = [
    area("city", "city", rect(0, 0, 10, 10)),
    area("west", "social_area", rect(0, 0, 5, 10)),
    area("east", "social_area", rect(5, 0, 10, 10)),
    area("west-q1", "quarter", rect(1, 1, 3, 3)),
  ];
  const idx = buildAreaIndex(areas);

  it("returns the deepest area containing the point", () => {
    expect(locateIndexed(idx, 2, 2)?.code).toBe("west-q1");
    expect(locateIndexed(idx, 4, 8)?.code).toBe("west");
    expect(locateIndexed(idx, 7, 1)?.code).toBe("east");
    expect(locateIndexed(idx, 11, 1)).toBeUndefined();
    expect(locateIndexed(idx, Number.NaN, 1)).toBeUndefined();
  });

  it("decides a shared border by the lower code, whatever the order", () => {
    expect(locateIndexed(idx, 5, 5)?.code).toBe("east");
    const reversed = buildAreaIndex([...areas].reverse());
    expect(locateIndexed(reversed, 5, 5)?.code).toBe("east");
  });

  it("works with no areas at all", () => {
    expect(locateIndexed(buildAreaIndex([]), 1, 1)).toBeUndefined();
  });

  it("gives the same answer as the naive loops for random areas and points", () => {
    const levels: AreaLevel[] = ["city", "district", "social_area", "quarter"];
    const box = fc
      .tuple(
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(...levels),
      )
      .map(([x, y, w, h, level]) => ({ x, y, w, h, level }));
    fc.assert(
      fc.property(
        fc.array(box, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.double({ min: -5, max: 125, noNaN: true }), fc.integer({ min: -5, max: 125 })), {
          maxLength: 50,
        }),
        (boxes, points) => {
          const index = buildAreaIndex(
            boxes.map((b, i) =>
              area(`a${String(i).padStart(3, "0")}`, b.level, rect(b.x, b.y, b.x + b.w, b.y + b.h)),
            ),
          );
          for (const [x, y] of points) {
            const expected = locateNaive(index, x, y)?.code;
            expect(locateIndexed(index, x, y)?.code).toBe(expected);
            expect(locateBboxScan(index, x, y)?.code).toBe(expected);
          }
        },
      ),
    );
  });
});
