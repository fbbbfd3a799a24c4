import type { MessageValues } from "#app/i18n/translator.ts";
import { offload } from "../../server/offload/pool.ts";
import type { AreaGeometry, Ring } from "./geo.ts";
import { type AreaLevel, canNest, isAreaLevel } from "./levels.ts";
import { IMPORT_LIMITS } from "./limits.ts";
import { findSelfIntersection, isCollinearRing } from "./self-intersection.ts";

export { IMPORT_LIMITS };

/**
 * Validation of a GeoJSON FeatureCollection of areas, as pure functions: the service runs
 * it for the preview and again inside the commit transaction. Every problem is reported
 * per feature with the field and a message code under "validation." in the catalogs.
 *
 * Feature properties: code (required, unique in the file and the key for updates), name,
 * level (city | district | social_area | quarter), parent (the parent's code, in the file or
 * already in Lotse), approximate (boolean), source (a note on where the geometry comes from).
 */
const MAX_CODE = 64;
const MAX_NAME = 200;
const MAX_SOURCE = 500;
/** Geometry errors reported per feature at most (a broken 10,000-vertex ring is one problem). */
const MAX_GEOMETRY_ERRORS = 5;
const CODE_RE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u;

export type ImportIssue = { field: string; code: string; params?: MessageValues };

export type ImportFeature = {
  /** Position in the file's features array, from 0. */
  index: number;
  code: string | null;
  name: string | null;
  level: AreaLevel | null;
  parentCode: string | null;
  approximate: boolean;
  sourceNote: string | null;
  geometry: AreaGeometry | null;
  errors: ImportIssue[];
};

/** What Lotse already has for this tenant, as far as validation and the action need it. */
export type ExistingArea = {
  id: string;
  code: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
  geometry: AreaGeometry;
  approximate: boolean;
  sourceNote: string | null;
};

export type ImportAction = "create" | "update" | "unchanged";
export type AnalyzedFeature = ImportFeature & { action: ImportAction; existingId: string | null };

export type ImportAnalysis = {
  ok: boolean;
  fileErrors: ImportIssue[];
  features: AnalyzedFeature[];
  counts: { create: number; update: number; unchanged: number; invalid: number };
};

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Parses the file text; file-level problems stop here, feature problems are collected per feature. */
export function parseFeatureCollection(text: string): {
  fileErrors: ImportIssue[];
  features: ImportFeature[];
} {
  if (byteLength(text) > IMPORT_LIMITS.maxBytes) {
    return {
      fileErrors: [
        {
          field: "file",
          code: "geojson_file_too_large",
          params: { maxMb: IMPORT_LIMITS.maxBytes / 2 ** 20 },
        },
      ],
      features: [],
    };
  }
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { fileErrors: [{ field: "file", code: "geojson_not_json" }], features: [] };
  }
  if (!isObject(doc) || doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) {
    return { fileErrors: [{ field: "file", code: "geojson_not_feature_collection" }], features: [] };
  }
  if (doc.features.length === 0) {
    return { fileErrors: [{ field: "file", code: "geojson_no_features" }], features: [] };
  }
  if (doc.features.length > IMPORT_LIMITS.maxFeatures) {
    return {
      fileErrors: [
        { field: "file", code: "geojson_too_many_features", params: { max: IMPORT_LIMITS.maxFeatures } },
      ],
      features: [],
    };
  }
  return { fileErrors: [], features: doc.features.map((f, i) => parseFeature(f, i)) };
}

function textProp(
  props: Record<string, Json>,
  key: string,
  field: string,
  max: number,
  errors: ImportIssue[],
  opts: { required: boolean; allowNumber?: boolean },
): string | null {
  const raw = props[key];
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    if (opts.required) errors.push({ field, code: "required" });
    return null;
  }
  let value: string;
  if (typeof raw === "string") value = raw.trim();
  else if (opts.allowNumber && typeof raw === "number" && Number.isInteger(raw)) value = String(raw);
  else {
    errors.push({ field, code: "invalid_type" });
    return null;
  }
  if (value.length > max) {
    errors.push({ field, code: "too_long", params: { max } });
    return null;
  }
  return value;
}

function parseFeature(f: Json, index: number): ImportFeature {
  const out: ImportFeature = {
    index,
    code: null,
    name: null,
    level: null,
    parentCode: null,
    approximate: false,
    sourceNote: null,
    geometry: null,
    errors: [],
  };
  const errors = out.errors;
  if (!isObject(f) || f.type !== "Feature") {
    errors.push({ field: "feature", code: "geojson_not_feature" });
    return out;
  }
  const props = isObject(f.properties) ? f.properties : {};
  out.code = textProp(props, "code", "properties.code", MAX_CODE, errors, {
    required: true,
    allowNumber: true,
  });
  if (out.code !== null && !CODE_RE.test(out.code)) {
    errors.push({ field: "properties.code", code: "area_code_format" });
    out.code = null;
  }
  out.name = textProp(props, "name", "properties.name", MAX_NAME, errors, { required: true });
  const level = props.level;
  if (level === undefined || level === null || level === "")
    errors.push({ field: "properties.level", code: "required" });
  else if (isAreaLevel(level)) out.level = level;
  else errors.push({ field: "properties.level", code: "area_level_unknown" });
  out.parentCode = textProp(props, "parent", "properties.parent", MAX_CODE, errors, {
    required: false,
    allowNumber: true,
  });
  const approx = props.approximate;
  if (approx !== undefined && approx !== null) {
    if (typeof approx === "boolean") out.approximate = approx;
    else errors.push({ field: "properties.approximate", code: "invalid_type" });
  }
  out.sourceNote = textProp(props, "source", "properties.source", MAX_SOURCE, errors, { required: false });
  const g = validateGeometry(f.geometry);
  errors.push(...g.errors);
  out.geometry = g.geometry;
  return out;
}

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

function ringArea(ring: Ring): number {
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

function sameGeometry(a: AreaGeometry, b: AreaGeometry): boolean {
  if (a.type !== b.type) return false;
  const flat = (g: AreaGeometry) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
  const pa = flat(a);
  const pb = flat(b);
  if (pa.length !== pb.length) return false;
  for (let i = 0; i < pa.length; i++) {
    const ra = pa[i]!;
    const rb = pb[i]!;
    if (ra.length !== rb.length) return false;
    for (let j = 0; j < ra.length; j++) {
      const xa = ra[j]!;
      const xb = rb[j]!;
      if (xa.length !== xb.length) return false;
      for (let k = 0; k < xa.length; k++) {
        if (xa[k]![0] !== xb[k]![0] || xa[k]![1] !== xb[k]![1]) return false;
      }
    }
  }
  return true;
}

/**
 * Validates parsed features against each other and against what Lotse already has, and
 * decides per feature whether it creates, updates or leaves an area unchanged (by code).
 * An import never deletes: areas missing from the file stay as they are.
 */
export function analyzeImport(text: string, existing: readonly ExistingArea[]): ImportAnalysis {
  const { fileErrors, features } = parseFeatureCollection(text);
  const existingByCode = new Map(existing.map((a) => [a.code, a]));
  const existingById = new Map(existing.map((a) => [a.id, a]));

  // Duplicate codes within the file.
  const firstIndex = new Map<string, number>();
  for (const f of features) {
    if (f.code === null) continue;
    const first = firstIndex.get(f.code);
    if (first === undefined) firstIndex.set(f.code, f.index);
    else
      f.errors.push({ field: "properties.code", code: "area_code_duplicate", params: { first: first + 1 } });
  }

  // The tree after the import: what exists, overlaid by the file (first occurrence of a code).
  const finalTree = new Map<string, { level: AreaLevel | null; parentCode: string | null }>();
  for (const a of existing) {
    finalTree.set(a.code, {
      level: a.level,
      parentCode: a.parentId ? (existingById.get(a.parentId)?.code ?? null) : null,
    });
  }
  const fileByCode = new Map<string, ImportFeature>();
  for (const f of features) {
    if (f.code === null || firstIndex.get(f.code) !== f.index) continue;
    fileByCode.set(f.code, f);
    finalTree.set(f.code, { level: f.level, parentCode: f.parentCode });
  }
  const onCycle = cycleMembers(finalTree);

  for (const f of features) {
    if (f.code === null || firstIndex.get(f.code) !== f.index) continue;
    if (f.parentCode !== null) {
      const parent = finalTree.get(f.parentCode);
      if (!parent) {
        f.errors.push({
          field: "properties.parent",
          code: "area_parent_unknown",
          params: { parent: f.parentCode },
        });
      } else if (onCycle.has(f.code)) {
        f.errors.push({ field: "properties.parent", code: "area_parent_cycle" });
      } else if (parent.level && f.level && !canNest(parent.level, f.level)) {
        f.errors.push({ field: "properties.parent", code: "area_parent_level" });
      }
    } else if (onCycle.has(f.code)) {
      f.errors.push({ field: "properties.parent", code: "area_parent_cycle" });
    }
    // Areas already in Lotse that are not in the file keep their parent: a changed level must still fit them.
    const before = existingByCode.get(f.code);
    if (before && f.level && f.level !== before.level) {
      const clash = existing.some(
        (child) =>
          child.parentId === before.id && !fileByCode.has(child.code) && !canNest(f.level!, child.level),
      );
      if (clash) f.errors.push({ field: "properties.level", code: "area_children_level" });
    }
  }

  const analyzed: AnalyzedFeature[] = features.map((f) => {
    const before = f.code === null ? undefined : existingByCode.get(f.code);
    if (!before) return { ...f, action: "create", existingId: null };
    const beforeParent = before.parentId ? (existingById.get(before.parentId)?.code ?? null) : null;
    const same =
      before.name === f.name &&
      before.level === f.level &&
      beforeParent === f.parentCode &&
      before.approximate === f.approximate &&
      (before.sourceNote ?? null) === f.sourceNote &&
      f.geometry !== null &&
      sameGeometry(before.geometry, f.geometry);
    return { ...f, action: same ? "unchanged" : "update", existingId: before.id };
  });

  const counts = { create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const f of analyzed) {
    if (f.errors.length) counts.invalid++;
    else counts[f.action]++;
  }
  return {
    ok: fileErrors.length === 0 && features.length > 0 && counts.invalid === 0,
    fileErrors,
    features: analyzed,
    counts,
  };
}

/** Codes whose parent chain runs in a circle (including an area naming itself as parent). */
function cycleMembers(tree: Map<string, { parentCode: string | null }>): Set<string> {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const cyclic = new Set<string>();
  for (const start of tree.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | null = start;
    while (node !== null && tree.has(node) && !state.has(node)) {
      state.set(node, 1);
      path.push(node);
      node = tree.get(node)!.parentCode;
    }
    if (node !== null && state.get(node) === 1) {
      for (let i = path.indexOf(node); i < path.length; i++) cyclic.add(path[i]!);
    }
    for (const p of path) state.set(p, 2);
  }
  return cyclic;
}

/** analyzeImport without the geometries (null), for a preview: less to copy back from the worker. */
export function analyzeImportForPreview(text: string, existing: readonly ExistingArea[]): ImportAnalysis {
  const a = analyzeImport(text, existing);
  return { ...a, features: a.features.map((f) => ({ ...f, geometry: null })) };
}

/**
 * analyzeImport on a worker thread (server/offload): a 20 MB file must not hold the event loop.
 * `preview`: the features come back without their geometries.
 */
export function analyzeImportOffThread(
  text: string,
  existing: readonly ExistingArea[],
  opts: { preview: boolean },
): Promise<ImportAnalysis> {
  const fn = opts.preview ? "analyzeImportForPreview" : "analyzeImport";
  return offload<ImportAnalysis>("src/modules/areas/validate.ts", fn, [text, existing]);
}
