/**
 * Geometry repairs an import proposes (decision 044) and the RFC 7946 form of the export.
 * The repairs are the faults real municipal files show: rings not closed, repeated vertices,
 * zero-area spikes (a vertex that returns to where it came from: A, B, A) and rings with the
 * wrong winding. Winding is put right by @turf/rewind; the rest is a linear pass per ring.
 * A repair is only proposed when the repaired geometry passes every check; the import applies
 * it only when the user accepts (option repair), all or nothing.
 */
import { rewind } from "@turf/rewind";
import type { AreaGeometry, Ring } from "./geo.ts";
import { ringArea } from "./validate-geometry.ts";

export type RepairFix = "ring_closed" | "duplicate_points" | "spikes" | "winding";
export type Repaired = { geometry: AreaGeometry; fixes: RepairFix[] };

const same = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];

/** One ring repaired; null when nothing was left (a ring of spikes only). */
function repairRing(input: Ring, fixes: Set<RepairFix>): Ring | null {
  let ring = input.map((p) => [p[0]!, p[1]!]);
  if (ring.length > 1 && !same(ring[0]!, ring.at(-1)!)) {
    ring.push([...ring[0]!]);
    fixes.add("ring_closed");
  }
  // Open ring for the passes; closed again at the end.
  ring.pop();
  const deduped = ring.filter((p, i) => i === 0 || !same(p, ring[i - 1]!));
  while (deduped.length > 1 && same(deduped[0]!, deduped.at(-1)!)) deduped.pop();
  if (deduped.length !== ring.length) fixes.add("duplicate_points");
  ring = deduped;
  // Spikes: remove B in A, B, A (cyclically), then the repeated A, until none is left.
  for (let changed = true; changed && ring.length >= 3; ) {
    changed = false;
    for (let i = 0; i < ring.length && ring.length >= 3; i++) {
      const prev = ring[(i - 1 + ring.length) % ring.length]!;
      const next = ring[(i + 1) % ring.length]!;
      if (same(prev, next)) {
        // Drop the spike's tip and one copy of its base.
        ring.splice(i, 1);
        ring.splice(i % ring.length, 1);
        fixes.add("spikes");
        changed = true;
      }
    }
  }
  if (ring.length < 3) return null;
  return [...ring, [...ring[0]!]];
}

/** A repaired copy of a geometry, with what was done; `fixes` is empty when nothing needed it. */
export function repairGeometry(g: AreaGeometry): Repaired | null {
  const fixes = new Set<RepairFix>();
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  // No polygon or a polygon without rings: nothing to repair (validation names the problem).
  if (polygons.length === 0 || polygons.some((rings) => rings.length === 0)) return null;
  const repaired: Ring[][] = [];
  for (const rings of polygons) {
    const out: Ring[] = [];
    for (const [i, r] of rings.entries()) {
      const ring = repairRing(r, fixes);
      if (ring) out.push(ring);
      else if (i === 0)
        return null; // the outer ring collapsed: nothing to propose
      else fixes.add("spikes");
    }
    repaired.push(out);
  }
  const before = repaired.map((rings) => rings.map((r) => ringArea(r) > 0));
  const geometry: AreaGeometry = rfc7946Winding(
    g.type === "Polygon"
      ? { type: "Polygon", coordinates: repaired[0]! }
      : { type: "MultiPolygon", coordinates: repaired },
  );
  const after = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates).map((rings) =>
    rings.map((r) => ringArea(r) > 0),
  );
  if (JSON.stringify(before) !== JSON.stringify(after)) fixes.add("winding");
  return { geometry, fixes: [...fixes] };
}

/** Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6). */
export function rfc7946Winding(g: AreaGeometry, opts: { mutate?: boolean } = {}): AreaGeometry {
  const target = opts.mutate ? g : structuredClone(g);
  return rewind(target as Parameters<typeof rewind>[0], { mutate: true }) as AreaGeometry;
}

/** At most 7 decimals (about 1 cm; RFC 7946 §11.2 recommends no more than 6-7). */
export function roundCoordinates(g: AreaGeometry, decimals = 7): AreaGeometry {
  const f = 10 ** decimals;
  const ring = (r: Ring): Ring => r.map((p) => [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f]);
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: g.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** The geometry as the export writes it: RFC 7946 winding, 7 decimals. */
export function exportGeometry(g: AreaGeometry): AreaGeometry {
  return rfc7946Winding(roundCoordinates(g));
}
