// Data generator for the area lookup benchmark: a seeded, reproducible "city" of irregular,
// non-overlapping polygons (a jittered grid with shared, wiggly edges), some with holes whose
// enclave belongs to the neighbouring area (so that area is a MultiPolygon).
import type { AreaGeometry } from "../src/modules/areas/geo.ts";
import type { AreaLevel } from "../src/modules/areas/levels.ts";

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Extent = { west: number; south: number; east: number; north: number };
/** Roughly the size of a large German city: about 28 km × 22 km. */
export const CITY_EXTENT: Extent = { west: 7.35, south: 51.4, east: 7.75, north: 51.6 };

export type GeneratedArea = { code: string; level: AreaLevel; geometry: AreaGeometry };
type Pt = [number, number];

export function generateAreas(opts: {
  seed: number;
  cols: number;
  rows: number;
  extent?: Extent;
  /** Points inserted along each edge (shared by both neighbours). */
  edgePoints?: number;
  /** Share of cells with a hole. */
  holeShare?: number;
}): { areas: GeneratedArea[]; holes: number; multiPolygons: number; vertices: number } {
  const { cols, rows } = opts;
  const ext = opts.extent ?? CITY_EXTENT;
  const k = opts.edgePoints ?? 6;
  const rand = prng(opts.seed);
  const dx = (ext.east - ext.west) / cols;
  const dy = (ext.north - ext.south) / rows;

  // Grid corners, jittered inside (the outer frame stays straight).
  const corner: Pt[][] = [];
  for (let i = 0; i <= cols; i++) {
    corner[i] = [];
    for (let j = 0; j <= rows; j++) {
      const inner = i > 0 && i < cols && j > 0 && j < rows;
      corner[i]![j] = [
        ext.west + i * dx + (inner ? (rand() - 0.5) * 0.4 * dx : 0),
        ext.south + j * dy + (inner ? (rand() - 0.5) * 0.4 * dy : 0),
      ];
    }
  }
  // Wiggly edges: k points between two corners, offset sideways; both neighbours share them.
  const wiggle = 0.08 * Math.min(dx, dy);
  const edge = (a: Pt, b: Pt, straight: boolean): Pt[] => {
    const out: Pt[] = [];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    for (let s = 1; s <= k; s++) {
      const t = s / (k + 1);
      const off = straight ? 0 : (rand() - 0.5) * wiggle;
      out.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    }
    return out;
  };
  const horizontal: Pt[][][] = []; // [i][j]: corner(i,j) → corner(i+1,j)
  const vertical: Pt[][][] = []; // [i][j]: corner(i,j) → corner(i,j+1)
  for (let i = 0; i <= cols; i++) {
    horizontal[i] = [];
    vertical[i] = [];
    for (let j = 0; j <= rows; j++) {
      if (i < cols) horizontal[i]![j] = edge(corner[i]![j]!, corner[i + 1]![j]!, j === 0 || j === rows);
      if (j < rows) vertical[i]![j] = edge(corner[i]![j]!, corner[i]![j + 1]!, i === 0 || i === cols);
    }
  }

  const polygons: Pt[][][][] = []; // per area: polygons → rings → positions
  let holes = 0;
  let vertices = 0;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const ring: Pt[] = [
        corner[i]![j]!,
        ...horizontal[i]![j]!,
        corner[i + 1]![j]!,
        ...vertical[i + 1]![j]!,
        corner[i + 1]![j + 1]!,
        ...[...horizontal[i]![j + 1]!].reverse(),
        corner[i]![j + 1]!,
        ...[...vertical[i]![j]!].reverse(),
        corner[i]![j]!,
      ];
      polygons.push([[ring]]);
    }
  }
  // Holes: a small square around the cell's centre; the enclave inside goes to the right neighbour.
  const holeShare = opts.holeShare ?? 0.1;
  let multiPolygons = 0;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols - 1; i++) {
      if (rand() >= holeShare) continue;
      const a = corner[i]![j]!;
      const c = corner[i + 1]![j + 1]!;
      const cx = (a[0] + c[0]) / 2;
      const cy = (a[1] + c[1]) / 2;
      const hx = 0.12 * dx;
      const hy = 0.12 * dy;
      const square: Pt[] = [
        [cx - hx, cy - hy],
        [cx + hx, cy - hy],
        [cx + hx, cy + hy],
        [cx - hx, cy + hy],
        [cx - hx, cy - hy],
      ];
      polygons[j * cols + i]![0]!.push([...square].reverse());
      const neighbour = polygons[j * cols + i + 1]!;
      if (neighbour.length === 1) multiPolygons++;
      neighbour.push([square]);
      holes++;
    }
  }
  const areas = polygons.map((parts, n) => {
    for (const p of parts) for (const r of p) vertices += r.length;
    const geometry: AreaGeometry =
      parts.length === 1
        ? { type: "Polygon", coordinates: parts[0]! }
        : { type: "MultiPolygon", coordinates: parts };
    return { code: `Q${String(n).padStart(5, "0")}`, level: "quarter" as const, geometry };
  });
  return { areas, holes, multiPolygons, vertices };
}

/** n random points over the extent plus a 5 % margin (some fall outside every area), as [lon0, lat0, lon1, …]. */
export function randomPoints(seed: number, n: number, extent: Extent = CITY_EXTENT): Float64Array {
  const rand = prng(seed);
  const mx = (extent.east - extent.west) * 0.05;
  const my = (extent.north - extent.south) * 0.05;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = extent.west - mx + rand() * (extent.east - extent.west + 2 * mx);
    out[2 * i + 1] = extent.south - my + rand() * (extent.north - extent.south + 2 * my);
  }
  return out;
}
