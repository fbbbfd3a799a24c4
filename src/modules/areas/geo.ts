/**
 * Plain geometry on GeoJSON (WGS84, [lon, lat]) without a spatial database: PGlite has no
 * PostGIS, so geometry is stored as GeoJSON (jsonb) and point-in-area runs here.
 * No dependencies, so the same code runs in the server, the benchmark and the browser.
 */
export type Position = [number, number] | number[];
export type Ring = Position[];
export type PolygonGeometry = { type: "Polygon"; coordinates: Ring[] };
export type MultiPolygonGeometry = { type: "MultiPolygon"; coordinates: Ring[][] };
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type BBox = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/** The polygons of a geometry (a Polygon is a MultiPolygon with one part). */
export function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

export function geometryBbox(g: AreaGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const poly of polygonsOf(g)) {
    // The outer ring bounds the polygon; holes lie inside it.
    for (const p of poly[0] ?? []) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  return { minLon, minLat, maxLon, maxLat };
}

/**
 * A polygon prepared for fast repeated tests: rings as flat [x0, y0, x1, y1, …] arrays
 * (closed: the last position repeats the first) and the outer ring's bounding box.
 */
export type PreparedPolygon = {
  outer: Float64Array;
  holes: Float64Array[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
};

function flattenRing(ring: Ring): Float64Array {
  const closed =
    ring.length > 0 && (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])
      ? [...ring, ring[0]!]
      : ring;
  const out = new Float64Array(closed.length * 2);
  for (let i = 0; i < closed.length; i++) {
    out[2 * i] = closed[i]![0]!;
    out[2 * i + 1] = closed[i]![1]!;
  }
  return out;
}

export function preparePolygon(rings: Ring[]): PreparedPolygon {
  const outer = flattenRing(rings[0] ?? []);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    const x = outer[i]!;
    const y = outer[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { outer, holes: rings.slice(1).map(flattenRing), minX, minY, maxX, maxY };
}

export const OUTSIDE = -1;
export const ON_BOUNDARY = 0;
export const INSIDE = 1;

/**
 * Ray casting (crossing number) against one closed ring, with an exact boundary test:
 * returns INSIDE, OUTSIDE or ON_BOUNDARY (on an edge or a vertex). The crossing test uses
 * the sign of a cross product instead of a division, so a point exactly on an edge is
 * always recognised as such.
 */
export function ringContains(ring: Float64Array, x: number, y: number): -1 | 0 | 1 {
  let inside = false;
  const n = ring.length - 2;
  for (let i = 0; i < n; i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[i + 2]!;
    const yj = ring[i + 3]!;
    if (yi > y !== yj > y) {
      // The edge crosses the horizontal line through the point.
      const cross = (xj - xi) * (y - yi) - (x - xi) * (yj - yi);
      if (cross === 0) return ON_BOUNDARY;
      // The crossing lies to the right of the point when cross and (yj - yi) have the same sign.
      if (cross > 0 === yj > yi) inside = !inside;
    } else if (yi === y && yj === y) {
      // A horizontal edge on the point's line.
      if ((xi <= x && x <= xj) || (xj <= x && x <= xi)) return ON_BOUNDARY;
    } else if (yi === y && xi === x) {
      return ON_BOUNDARY;
    }
  }
  return inside ? INSIDE : OUTSIDE;
}

/**
 * Point in polygon with holes. The boundary belongs to the polygon: a point on the outer
 * ring or on a hole's ring counts as inside, so an address exactly on a border is placed
 * rather than lost (which of two neighbours wins is decided by the caller, deterministically).
 */
export function polygonContains(p: PreparedPolygon, x: number, y: number): boolean {
  if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) return false;
  return polygonContainsExact(p, x, y);
}

/** The exact test without the bounding-box shortcut (for callers that filtered by box already). */
export function polygonContainsExact(p: PreparedPolygon, x: number, y: number): boolean {
  const r = ringContains(p.outer, x, y);
  if (r === OUTSIDE) return false;
  if (r === ON_BOUNDARY) return true;
  for (const hole of p.holes) {
    if (ringContains(hole, x, y) === INSIDE) return false;
  }
  return true;
}

/** Convenience for tests and one-off checks: does a GeoJSON geometry contain [lon, lat]? */
export function geometryContains(g: AreaGeometry, lon: number, lat: number): boolean {
  return polygonsOf(g).some((rings) => polygonContains(preparePolygon(rings), lon, lat));
}
