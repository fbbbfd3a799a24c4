import type { AreaGeometry, Ring } from "./geo.ts";
import type { ImportIssue } from "./import-feature.ts";
import { findSelfIntersection, isCollinearRing } from "./self-intersection.ts";

/** Geometry errors reported per feature at most (a broken 10,000-vertex ring is one problem). */
const MAX_GEOMETRY_ERRORS = 5;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks a GeoJSON geometry for use as an area: Polygon or MultiPolygon, rings of at least
 * four positions, closed, inside WGS84, enclosing an area, and not self-intersecting
 * (edges crossing or touching each other, within a ring or between the rings of one
 * polygon, or running back along themselves: ./self-intersection.ts, an O(n log n) sweep). Returns the geometry normalised to {type, coordinates} with [lon, lat].
 */
export function validateGeometry(g: Json): { geometry: AreaGeometry | null; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  if (g === undefined || g === null)
    return { geometry: null, errors: [{ field: "geometry", code: "required" }] };
  if (!isObject(g) || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
    return { geometry: null, errors: [{ field: "geometry", code: "geometry_type" }] };
  }
  const coords = g.coordinates;
  if (!Array.isArray(coords)) {
    return { geometry: null, errors: [{ field: "geometry.coordinates", code: "geometry_position_invalid" }] };
  }
  const polygons: { path: string; rings: Json[] }[] =
    g.type === "Polygon"
      ? [{ path: "geometry.coordinates", rings: coords }]
      : coords.map((p, i) => ({ path: `geometry.coordinates.${i}`, rings: Array.isArray(p) ? p : [null] }));
  if (polygons.length === 0 || polygons.some((p) => p.rings.length === 0)) {
    return { geometry: null, errors: [{ field: "geometry", code: "geometry_empty" }] };
  }
  const normalized: Ring[][] = [];
  for (const poly of polygons) {
    const rings: Ring[] = [];
    poly.rings.forEach((ring, r) => {
      if (errors.length >= MAX_GEOMETRY_ERRORS) return;
      const field = `${poly.path}.${r}`;
      const checked = checkRing(ring, field);
      if ("error" in checked) errors.push(checked.error);
      else rings.push(checked.ring);
    });
    normalized.push(rings);
  }
  if (errors.length) return { geometry: null, errors };
  // A ring flat on one line runs back along itself; its problem is that it has no inside.
  reportDegenerate(normalized, g.type, errors, (ring) => isCollinearRing(ring as [number, number][]));
  if (errors.length) return { geometry: null, errors };
  normalized.forEach((rings, i) => {
    if (errors.length >= MAX_GEOMETRY_ERRORS) return;
    const at = selfIntersection(rings);
    if (at) {
      errors.push({
        field: g.type === "Polygon" ? "geometry" : `geometry.coordinates.${i}`,
        code: "geometry_self_intersection",
        params: { at: `${at[0].toFixed(6)}, ${at[1].toFixed(6)}` },
      });
    }
  });
  if (errors.length) return { geometry: null, errors };
  // Checked after the crossings: a symmetric bow-tie also has zero signed area, but its problem is the crossing.
  reportDegenerate(normalized, g.type, errors, (ring) => ringArea(ring) === 0);
  if (errors.length) return { geometry: null, errors };
  const geometry: AreaGeometry =
    g.type === "Polygon"
      ? { type: "Polygon", coordinates: normalized[0]! }
      : { type: "MultiPolygon", coordinates: normalized };
  return { geometry, errors };
}

function reportDegenerate(
  polygons: Ring[][],
  type: "Polygon" | "MultiPolygon",
  errors: ImportIssue[],
  degenerate: (ring: Ring) => boolean,
) {
  polygons.forEach((rings, i) => {
    rings.forEach((ring, r) => {
      if (errors.length < MAX_GEOMETRY_ERRORS && degenerate(ring)) {
        const path = type === "Polygon" ? "geometry.coordinates" : `geometry.coordinates.${i}`;
        errors.push({ field: `${path}.${r}`, code: "geometry_ring_degenerate" });
      }
    });
  });
}

function checkRing(ring: Json, field: string): { ring: Ring } | { error: ImportIssue } {
  if (!Array.isArray(ring)) return { error: { field, code: "geometry_position_invalid" } };
  if (ring.length < 4) return { error: { field, code: "geometry_ring_too_short" } };
  const out: Ring = [];
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return { error: { field, code: "geometry_position_invalid" } };
    }
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      return { error: { field, code: "geometry_out_of_range" } };
    }
    out.push([lon, lat]);
  }
  const first = out[0]!;
  const last = out.at(-1)!;
  if (first[0] !== last[0] || first[1] !== last[1])
    return { error: { field, code: "geometry_ring_unclosed" } };
  return { ring: out };
}

export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  }
  return sum / 2;
}

/** The first self-intersection of one polygon, or null. Repeated consecutive positions are not one. */
function selfIntersection(rings: Ring[]): [number, number] | null {
  return findSelfIntersection(rings as [number, number][][]);
}
