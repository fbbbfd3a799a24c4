import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSelfIntersection, findSelfIntersectionPairwise } from "./self-intersection.ts";

type P = [number, number];
const close = (...pts: P[]): P[] => [...pts, pts[0]!];
const square = (x0: number, y0: number, x1: number, y1: number) =>
  close([x0, y0], [x1, y0], [x1, y1], [x0, y1]);

describe("self-intersection sweep", () => {
  it("accepts simple rings, holes inside, collinear vertices and repeated positions", () => {
    expect(findSelfIntersection([square(0, 0, 4, 4)])).toBeNull();
    expect(findSelfIntersection([square(0, 0, 4, 4), square(1, 1, 2, 2)])).toBeNull();
    // A straight edge split by a vertex, and a vertical edge.
    expect(findSelfIntersection([close([0, 0], [1, 0], [2, 0], [2, 2], [0, 2])])).toBeNull();
    expect(findSelfIntersection([close([0, 0], [2, 0], [2, 0], [2, 2], [0, 2])])).toBeNull();
    // A concave ring whose vertices share x coordinates.
    expect(findSelfIntersection([close([0, 0], [4, 0], [4, 4], [2, 1], [0, 4])])).toBeNull();
  });

  it("finds a crossing and says where", () => {
    expect(findSelfIntersection([close([0, 0], [2, 2], [2, 0], [0, 2])])).toEqual([1, 1]);
    // A hole that crosses its shell.
    expect(findSelfIntersection([square(0, 0, 4, 4), square(3, 1, 5, 2)])).not.toBeNull();
  });

  it("finds touching: a vertex on another edge, a vertex visited twice, a hole touching the shell", () => {
    // The ring reaches back to touch its own bottom edge at (2, 0).
    expect(findSelfIntersection([close([0, 0], [4, 0], [4, 3], [2, 0.0000001], [2, 0], [0, 3])])).toEqual([
      2, 0,
    ]);
    // Figure eight through one shared vertex (2, 2).
    expect(findSelfIntersection([close([0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4])])).toEqual([2, 2]);
    expect(findSelfIntersection([square(0, 0, 4, 4), close([0, 2], [1, 1], [1, 3])])).toEqual([0, 2]);
    // A hole sharing part of an edge with the shell.
    expect(findSelfIntersection([square(0, 0, 4, 4), square(1, 0, 2, 1)])).not.toBeNull();
  });

  it("finds spikes: an edge running back along its neighbour", () => {
    expect(findSelfIntersection([close([0, 0], [4, 0], [4, 4], [4, 6], [4, 5], [0, 4])])).not.toBeNull();
    expect(findSelfIntersection([close([0, 0], [4, 0], [2, 0], [2, 2])])).not.toBeNull();
    expect(findSelfIntersection([close([0, 0], [3, 0], [0, 0])])).not.toBeNull();
  });

  it("judges nearly collinear edges exactly", () => {
    // The tip at (2, 1e-17) is above the bottom edge; floating point cross products would say "on".
    expect(findSelfIntersection([close([0, 0], [4, 0], [4, 2], [2, 1e-17], [0, 2])])).toBeNull();
  });

  it("agrees with the pairwise check on random rings with many degenerate positions", () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }));
    const ring = fc.array(pt, { minLength: 3, maxLength: 8 }).map((pts) => close(...(pts as P[])));
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(ring, { minLength: 1, maxLength: 3 }), (rings) => {
        const sweep = findSelfIntersection(rings);
        const pairs = findSelfIntersectionPairwise(rings);
        if (pairs) invalid++;
        expect(sweep === null).toBe(pairs === null);
      }),
      { numRuns: 3000, seed: 20261204 },
    );
    // The generator makes both kinds, so the comparison means something.
    expect(invalid).toBeGreaterThan(100);
    expect(invalid).toBeLessThan(3000);
  });

  it("agrees with the pairwise check on random simple star-shaped rings (valid) and their perturbations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 2, noNaN: true }), { minLength: 3, maxLength: 40 }),
        (radii) => {
          const pts = radii.map((r, i): P => {
            const a = (2 * Math.PI * i) / radii.length;
            return [r * Math.cos(a), r * Math.sin(a)];
          });
          const ring = close(...pts);
          expect(findSelfIntersection([ring])).toBeNull();
          expect(findSelfIntersectionPairwise([ring])).toBeNull();
          // Swapping two vertices usually tangles the ring; both must agree either way.
          const swapped = [...pts];
          [swapped[0], swapped[2]] = [swapped[2]!, swapped[0]!];
          const r2 = close(...swapped);
          expect(findSelfIntersection([r2]) === null).toBe(findSelfIntersectionPairwise([r2]) === null);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("handles a comb of 20,000 edges whose teeth all overlap in x", () => {
    const pts: P[] = [];
    for (let i = 0; i < 5000; i++)
      pts.push([0, 2 * i], [100, 2 * i + 0.5], [100, 2 * i + 1], [0, 2 * i + 1.5]);
    const comb = close(...pts, [-1, 10000], [-1, 0]);
    expect(findSelfIntersection([comb])).toBeNull();
    // Tooth 2,250 starts above its own way back, so its outward edge crosses it.
    const broken = comb.map((p, i): P => (i === 9000 ? [50, 4502] : p));
    expect(findSelfIntersection([broken])).not.toBeNull();
  });
});
