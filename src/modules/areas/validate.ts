import { offload } from "../../server/offload/pool.ts";
import type { AreaGeometry } from "./geo.ts";
import type { ImportFeature, ImportIssue } from "./import-feature.ts";
import { type AreaLevel, canNest } from "./levels.ts";
import { IMPORT_LIMITS } from "./limits.ts";
import { type ParsedFile, parseFeatureCollection } from "./parse.ts";

export { parseFeatureCollection } from "./parse.ts";
export { validateGeometry } from "./validate-geometry.ts";
export type { ImportFeature, ImportIssue };
export { IMPORT_LIMITS };

/**
 * Validation of an area import, as pure functions: the service runs it for the preview and
 * again inside the commit transaction. Every problem is reported per feature with the field
 * and a message code under "validation." in the catalogs. Reading the features is ./parse.ts,
 * the geometry checks ./validate-geometry.ts, GIS files (Shapefile, GeoPackage, other CRS)
 * ./upload.ts.
 */
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
  return analyzeParsed(parseFeatureCollection(text), existing);
}

/** analyzeImport on features already read (GeoJSON text, or a converted GIS file). */
export function analyzeParsed(parsed: ParsedFile, existing: readonly ExistingArea[]): ImportAnalysis {
  const { fileErrors, features } = parsed;
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
