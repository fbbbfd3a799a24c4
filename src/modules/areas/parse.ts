import type { AreaGeometry } from "./geo.ts";
import type { ImportFeature, ImportIssue } from "./import-feature.ts";
import { isAreaLevel } from "./levels.ts";
import { IMPORT_LIMITS } from "./limits.ts";
import { validateGeometry } from "./validate-geometry.ts";

/**
 * Reading a GeoJSON FeatureCollection of areas into ImportFeatures (the properties Lotse
 * knows and the checked geometry); every problem is collected per feature.
 *
 * Feature properties: code (required, unique in the file and the key for updates), name,
 * level (city | district | social_area | quarter), parent (the parent's code, in the file or
 * already in Lotse), approximate (boolean), source (a note on where the geometry comes from).
 */
const MAX_CODE = 64;
const MAX_NAME = 200;
const MAX_SOURCE = 500;
const CODE_RE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u;

type Json = unknown;
export const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export type ParsedFile = { fileErrors: ImportIssue[]; features: ImportFeature[] };

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
  return parseDocument(doc);
}

/** The checks of parseFeatureCollection on an already parsed document (GeoJSON, or converted GIS data). */
/** `checked`: geometries the caller validated already (validateGeometry's output), not checked twice. */
export function parseDocument(doc: Json, checked?: WeakSet<object>): ParsedFile {
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
  return { fileErrors: [], features: doc.features.map((f, i) => parseFeature(f, i, checked)) };
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

export function parseFeature(f: Json, index: number, checked?: WeakSet<object>): ImportFeature {
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
  const g =
    checked && isObject(f.geometry) && checked.has(f.geometry)
      ? { geometry: f.geometry as unknown as AreaGeometry, errors: [] }
      : validateGeometry(f.geometry);
  errors.push(...g.errors);
  out.geometry = g.geometry;
  return out;
}
