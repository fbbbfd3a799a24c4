import Flatbush from "flatbush";
import {
  type AreaGeometry,
  type PreparedPolygon,
  polygonContains,
  polygonContainsExact,
  polygonsOf,
  preparePolygon,
} from "./geo.ts";
import { type AreaLevel, levelRank } from "./levels.ts";

/**
 * The point → area lookup core: pure functions over an in-memory index. The area service
 * keeps one index per tenant (service.ts); the benchmark (bench/area-lookup.bench.ts) runs
 * exactly these functions without a database.
 *
 * Each polygon of each area (a MultiPolygon contributes several) goes into a Flatbush
 * R-tree by its bounding box; a lookup asks the tree for the boxes containing the point
 * and runs the exact point-in-polygon test (holes included) only on those candidates.
 *
 * When several areas contain the point, the deepest level wins (a quarter before its social
 * area before the city). Between areas of the same level (only possible on a shared border,
 * or with overlapping imports) the lowest code wins, so the answer never depends on order.
 */
export type LookupEntry = { level: AreaLevel; code: string; geometry: AreaGeometry };

export type AreaIndex<T extends LookupEntry> = {
  entries: readonly T[];
  parts: PreparedPolygon[];
  /** parts[i] belongs to entries[partEntry[i]]. */
  partEntry: Int32Array;
  rank: Int8Array;
  tree: Flatbush | null;
};

export function buildAreaIndex<T extends LookupEntry>(entries: readonly T[]): AreaIndex<T> {
  const parts: PreparedPolygon[] = [];
  const owner: number[] = [];
  entries.forEach((e, i) => {
    for (const rings of polygonsOf(e.geometry)) {
      if (!rings[0] || rings[0].length < 4) continue;
      parts.push(preparePolygon(rings));
      owner.push(i);
    }
  });
  let tree: Flatbush | null = null;
  if (parts.length > 0) {
    tree = new Flatbush(parts.length);
    for (const p of parts) tree.add(p.minX, p.minY, p.maxX, p.maxY);
    tree.finish();
  }
  return {
    entries,
    parts,
    partEntry: Int32Array.from(owner),
    rank: Int8Array.from(entries.map((e) => levelRank(e.level))),
    tree,
  };
}

/** Does entry a win over entry b (deeper level, else lower code)? */
function beats<T extends LookupEntry>(idx: AreaIndex<T>, a: number, b: number): boolean {
  const ra = idx.rank[a]!;
  const rb = idx.rank[b]!;
  if (ra !== rb) return ra > rb;
  return idx.entries[a]!.code < idx.entries[b]!.code;
}

function valid(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat);
}

/** The deepest area containing the point, through the R-tree. */
export function locateIndexed<T extends LookupEntry>(
  idx: AreaIndex<T>,
  lon: number,
  lat: number,
): T | undefined {
  if (!idx.tree || !valid(lon, lat)) return undefined;
  const candidates = idx.tree.search(lon, lat, lon, lat);
  let best = -1;
  for (let k = 0; k < candidates.length; k++) {
    const part = candidates[k]!;
    const e = idx.partEntry[part]!;
    if (best !== -1 && (e === best || !beats(idx, e, best))) continue;
    if (polygonContainsExact(idx.parts[part]!, lon, lat)) best = e;
  }
  return best === -1 ? undefined : idx.entries[best];
}

/** Baseline for the benchmark: every polygon, exact test, no bounding boxes at all. */
export function locateNaive<T extends LookupEntry>(
  idx: AreaIndex<T>,
  lon: number,
  lat: number,
): T | undefined {
  if (!valid(lon, lat)) return undefined;
  let best = -1;
  for (let part = 0; part < idx.parts.length; part++) {
    const e = idx.partEntry[part]!;
    if (best !== -1 && (e === best || !beats(idx, e, best))) continue;
    if (polygonContainsExact(idx.parts[part]!, lon, lat)) best = e;
  }
  return best === -1 ? undefined : idx.entries[best];
}

/** Second baseline for the benchmark: every polygon, but a bounding-box check first. */
export function locateBboxScan<T extends LookupEntry>(
  idx: AreaIndex<T>,
  lon: number,
  lat: number,
): T | undefined {
  if (!valid(lon, lat)) return undefined;
  let best = -1;
  for (let part = 0; part < idx.parts.length; part++) {
    const e = idx.partEntry[part]!;
    if (best !== -1 && (e === best || !beats(idx, e, best))) continue;
    if (polygonContains(idx.parts[part]!, lon, lat)) best = e;
  }
  return best === -1 ? undefined : idx.entries[best];
}
