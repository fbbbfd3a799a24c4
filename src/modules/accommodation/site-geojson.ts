/**
 * Reads candidate sites from a GeoJSON FeatureCollection as GIS tools write it (decision 104):
 * QGIS names the CRS in a `crs` member ("urn:ogc:def:crs:EPSG::25832", or OGC's CRS84 for
 * WGS 84), writes polygons as one-part MultiPolygons and keeps the source's ring orientation.
 * Coordinates are reprojected to WGS 84 with proj4, outer rings turned counter-clockwise
 * (RFC 7946), properties mapped by the import's options. Every problem names its feature and
 * the property (or `geometry`) in the file's own terms. Pure: no database, no areas.
 */
import proj4 from "proj4";
import { parseGermanNumber, SITE_IMPORT_CRS, SITE_IMPORT_LIMITS, type SiteGeometry } from "./model.ts";

export type SiteIssue = { field: string; code: string; params?: Record<string, string | number> };

export type ParsedSite = {
  /** 0-based position in `features`. */
  index: number;
  name: string | null;
  capacity: number | null;
  existing: boolean;
  note: string | null;
  geometry: SiteGeometry | null;
  /** Criterion id → value (absent = no data). */
  values: Record<string, number>;
  errors: SiteIssue[];
};

export type SiteMapping = {
  name: string | null;
  capacity: string | null;
  existing: string | null;
  note: string | null;
  /** [property, criterion name] */
  values: [string, string][];
};

export type SiteFileAnalysis = {
  fileErrors: SiteIssue[];
  /** The EPSG code the coordinates were read in, and whether the file (or the option) named it. */
  crs: { epsg: number; declared: boolean } | null;
  mapping: SiteMapping | null;
  features: ParsedSite[];
};

export type SiteReadOptions = {
  crs?: number;
  nameAttribute?: string;
  capacityAttribute?: string;
  existingAttribute?: string;
  noteAttribute?: string;
  values?: string;
};

const UTM = (zone: number) => `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
const WGS84 = "+proj=longlat +datum=WGS84 +no_defs";
const PROJECTED: Record<number, string> = { 25832: UTM(32), 25833: UTM(33) };

/** The usual names of each attribute (lower case; Shapefile-truncated spellings included). */
const DEFAULT_NAMES = {
  name: ["name", "bezeichnung", "bezeichnun", "standort", "titel"],
  capacity: ["capacity", "plaetze", "plätze", "places", "kapazitaet", "kapazität", "kapazitat"],
  existing: ["existing", "bestand", "vorhanden"],
  note: ["note", "bemerkung", "notiz", "hinweis"],
} as const;

const normalise = (s: string) => s.trim().toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The CRS a `crs` member names: an EPSG code, or the name as written when Lotse cannot read it. */
export function crsOfMember(crs: unknown): { epsg: number } | { unknown: string } | null {
  if (crs === undefined || crs === null) return null;
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== "string") return { unknown: JSON.stringify(crs).slice(0, 80) };
  if (/^urn:ogc:def:crs:OGC:(1\.3:)?CRS84$/i.test(name.trim())) return { epsg: 4326 };
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name.trim());
  return m ? { epsg: Number(m[1]) } : { unknown: name };
}

/** "a = Criterion A; b = Criterion B" (or one pair a line) → pairs; null when a pair has no "=". */
export function parseValueMapping(text: string | undefined): [string, string][] | null {
  if (!text?.trim()) return [];
  const pairs: [string, string][] = [];
  for (const part of text.split(/[;\n]/)) {
    if (!part.trim()) continue;
    const eq = part.indexOf("=");
    if (eq < 1) return null;
    const property = part.slice(0, eq).trim();
    const criterion = part.slice(eq + 1).trim();
    if (!property || !criterion) return null;
    pairs.push([property, criterion]);
  }
  return pairs;
}

type Position = [number, number];

/** Signed area (shoelace): positive for counter-clockwise rings. */
function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++)
    a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}

/**
 * The geometry as a site's: a Point, or a Polygon with one outer ring (a one-part MultiPolygon
 * as QGIS writes it counts as a Polygon). Reprojected and with the outer ring counter-clockwise.
 */
function readGeometry(
  raw: unknown,
  transform: ((p: Position) => Position) | null,
  declared: boolean,
  errors: SiteIssue[],
): SiteGeometry | null {
  const fail = (code: string, params?: SiteIssue["params"]) => {
    errors.push({ field: "geometry", code, ...(params ? { params } : {}) });
    return null;
  };
  if (!isObject(raw)) return fail("required");
  let position: (p: unknown) => Position | null = (p) => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3) return null;
    if (!p.every((n) => typeof n === "number" && Number.isFinite(n))) return null;
    return [p[0] as number, p[1] as number];
  };
  // Numbers that are no degrees while the file names no CRS: ask for the CRS instead of guessing.
  let notDegrees: Position | null = null;
  const read = position;
  position = (p) => {
    const xy = read(p);
    if (!xy) return null;
    if (!declared && (Math.abs(xy[0]) > 180 || Math.abs(xy[1]) > 90)) notDegrees ??= xy;
    const out = transform ? transform(xy) : xy;
    return [Math.round(out[0] * 1e7) / 1e7, Math.round(out[1] * 1e7) / 1e7];
  };
  const checkDegrees = () =>
    notDegrees ? fail("gis_coordinates_not_degrees", { x: notDegrees[0], y: notDegrees[1] }) : true;
  const inRange = (p: Position) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

  if (raw.type === "Point") {
    const p = position(raw.coordinates);
    if (!p) return fail("geometry_position_invalid");
    if (!checkDegrees()) return null;
    if (!inRange(p)) return fail("geometry_out_of_range");
    return { type: "Point", coordinates: p };
  }
  let rings: unknown;
  if (raw.type === "Polygon") rings = raw.coordinates;
  else if (raw.type === "MultiPolygon") {
    if (!Array.isArray(raw.coordinates) || raw.coordinates.length === 0) return fail("geometry_empty");
    if (raw.coordinates.length > 1) return fail("site_import_multipart", { parts: raw.coordinates.length });
    rings = raw.coordinates[0];
  } else return fail("site_import_geometry_type");
  if (!Array.isArray(rings) || rings.length === 0) return fail("geometry_empty");
  if (rings.length > 1) return fail("site_import_polygon_holes");
  const rawRing = rings[0];
  if (!Array.isArray(rawRing)) return fail("geometry_position_invalid");
  if (rawRing.length > SITE_IMPORT_LIMITS.maxRingPositions)
    return fail("site_import_ring_too_long", { max: SITE_IMPORT_LIMITS.maxRingPositions });
  const ring: Position[] = [];
  for (const p of rawRing) {
    const xy = position(p);
    if (!xy) return fail("geometry_position_invalid");
    ring.push(xy);
  }
  if (!checkDegrees()) return null;
  if (!ring.every(inRange)) return fail("geometry_out_of_range");
  if (ring.length < 4) return fail("geometry_ring_too_short");
  const [first, last] = [ring[0]!, ring.at(-1)!];
  if (first[0] !== last[0] || first[1] !== last[1]) return fail("geometry_ring_unclosed");
  const area = signedArea(ring);
  if (area === 0) return fail("geometry_ring_degenerate");
  // Either winding is accepted; stored counter-clockwise as RFC 7946 asks.
  return { type: "Polygon", coordinates: [area < 0 ? ring.reverse() : ring] };
}

/** A property value as a number: a JSON number, or text as German users and GIS tools write it. */
function numberOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === "string") return parseGermanNumber(v);
  return Number.NaN;
}

const YES = new Set(["ja", "yes", "true", "1", "j", "y", "x"]);
const NO = new Set(["nein", "no", "false", "0", "n", ""]);
function flagOf(v: unknown): boolean | null {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : null;
  if (typeof v === "string") {
    const s = normalise(v);
    return YES.has(s) ? true : NO.has(s) ? false : null;
  }
  return null;
}

const text = (v: unknown) =>
  typeof v === "string" ? v.trim() : typeof v === "number" && Number.isFinite(v) ? String(v) : null;

/**
 * Reads the file. `criteria` are the criteria whose values are typed in (not from monitoring);
 * a property maps to one when the options say so or when it is named like it.
 */
export function readSiteGeoJson(
  bytes: Uint8Array,
  options: SiteReadOptions,
  criteria: readonly { id: string; name: string }[],
): SiteFileAnalysis {
  const none = (code: string, params?: SiteIssue["params"], field = "file"): SiteFileAnalysis => ({
    fileErrors: [{ field, code, ...(params ? { params } : {}) }],
    crs: null,
    mapping: null,
    features: [],
  });
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return none("geojson_not_json");
  }
  if (!isObject(doc) || doc.type !== "FeatureCollection" || !Array.isArray(doc.features))
    return none("geojson_not_feature_collection");
  const rawFeatures = doc.features as unknown[];
  if (rawFeatures.length === 0) return none("site_import_no_features");
  if (rawFeatures.length > SITE_IMPORT_LIMITS.maxFeatures)
    return none("site_import_too_many_features", { max: SITE_IMPORT_LIMITS.maxFeatures });

  // The CRS: the option wins over the file's `crs` member; neither means WGS 84 (RFC 7946).
  let crs: { epsg: number; declared: boolean } = { epsg: 4326, declared: false };
  if (options.crs) crs = { epsg: options.crs, declared: true };
  else {
    const member = crsOfMember(doc.crs);
    if (member && "unknown" in member) return none("gis_crs_unknown", { crs: member.unknown });
    if (member) {
      if (!(SITE_IMPORT_CRS as readonly number[]).includes(member.epsg))
        return none("site_import_crs_file_not_supported", { crs: `EPSG:${member.epsg}` });
      crs = { epsg: member.epsg, declared: true };
    }
  }
  const def = PROJECTED[crs.epsg];
  const converter = def ? proj4(def, WGS84) : null;
  const transform = converter ? (p: Position) => converter.forward(p) as Position : null;

  // The mapping: each attribute as the options name it, or the first usual name the file has.
  const keys = new Map<string, string>();
  for (const f of rawFeatures)
    if (isObject(f) && isObject(f.properties))
      for (const k of Object.keys(f.properties)) if (!keys.has(normalise(k))) keys.set(normalise(k), k);
  const fileErrors: SiteIssue[] = [];
  const pick = (
    option: string | undefined,
    field: string,
    defaults: readonly string[],
    required: boolean,
  ): string | null => {
    if (option) {
      const found = keys.get(normalise(option));
      if (!found)
        fileErrors.push({ field, code: "site_import_attribute_missing", params: { attribute: option } });
      return found ?? null;
    }
    for (const d of defaults) if (keys.has(d)) return keys.get(d)!;
    if (required)
      fileErrors.push({
        field,
        code: "site_import_attribute_not_found",
        params: { names: defaults.join(", ") },
      });
    return null;
  };
  const mapping: SiteMapping = {
    name: pick(options.nameAttribute, "nameAttribute", DEFAULT_NAMES.name, true),
    capacity: pick(options.capacityAttribute, "capacityAttribute", DEFAULT_NAMES.capacity, true),
    existing: pick(options.existingAttribute, "existingAttribute", DEFAULT_NAMES.existing, false),
    note: pick(options.noteAttribute, "noteAttribute", DEFAULT_NAMES.note, false),
    values: [],
  };
  const byName = new Map(criteria.map((c) => [normalise(c.name), c]));
  const pairs = parseValueMapping(options.values);
  if (!pairs) fileErrors.push({ field: "values", code: "site_import_values_format" });
  const valueColumns: [string, { id: string; name: string }][] = [];
  for (const [property, criterion] of pairs ?? []) {
    const c = byName.get(normalise(criterion));
    const column = keys.get(normalise(property));
    if (!c)
      fileErrors.push({
        field: "values",
        code: "site_import_unknown_criterion",
        params: { name: criterion },
      });
    else if (!column)
      fileErrors.push({
        field: "values",
        code: "site_import_attribute_missing",
        params: { attribute: property },
      });
    else valueColumns.push([column, c]);
  }
  // A property named like a criterion maps by itself, unless the options map that criterion.
  const used = new Set([mapping.name, mapping.capacity, mapping.existing, mapping.note]);
  for (const [norm, column] of keys) {
    const c = byName.get(norm);
    if (c && !used.has(column) && !valueColumns.some(([, x]) => x.id === c.id))
      valueColumns.push([column, c]);
  }
  mapping.values = valueColumns.map(([column, c]) => [column, c.name]);
  if (fileErrors.length) return { fileErrors, crs, mapping, features: [] };

  const features = rawFeatures.map((raw, index): ParsedSite => {
    const errors: SiteIssue[] = [];
    const site: ParsedSite = {
      index,
      name: null,
      capacity: null,
      existing: false,
      note: null,
      geometry: null,
      values: {},
      errors,
    };
    if (!isObject(raw) || raw.type !== "Feature") {
      errors.push({ field: "type", code: "geojson_not_feature" });
      return site;
    }
    const props = isObject(raw.properties) ? raw.properties : {};
    const column = (attr: string) => `properties.${attr}`;
    site.geometry = readGeometry(raw.geometry, transform, crs.declared, errors);

    const name = text(props[mapping.name!]);
    if (!name) errors.push({ field: column(mapping.name!), code: "required" });
    else if (name.length > 200)
      errors.push({ field: column(mapping.name!), code: "site_import_text_too_long", params: { max: 200 } });
    else site.name = name;

    const capacity = numberOf(props[mapping.capacity!]);
    if (capacity === null) errors.push({ field: column(mapping.capacity!), code: "required" });
    else if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10_000)
      errors.push({
        field: column(mapping.capacity!),
        code: "site_import_capacity_invalid",
        params: { value: String(props[mapping.capacity!]) },
      });
    else site.capacity = capacity;

    if (mapping.existing) {
      const flag = flagOf(props[mapping.existing]);
      if (flag === null)
        errors.push({
          field: column(mapping.existing),
          code: "site_import_flag_invalid",
          params: { value: String(props[mapping.existing]) },
        });
      else site.existing = flag;
    }
    if (mapping.note) {
      const note = text(props[mapping.note]);
      if (note && note.length > 2000)
        errors.push({
          field: column(mapping.note),
          code: "site_import_text_too_long",
          params: { max: 2000 },
        });
      else site.note = note || null;
    }
    for (const [attr, c] of valueColumns) {
      const v = numberOf(props[attr]);
      if (v === null) continue;
      if (Number.isNaN(v) || Math.abs(v) > 1e12)
        errors.push({
          field: column(attr),
          code: "site_import_value_not_number",
          params: { value: String(props[attr]).slice(0, 40) },
        });
      else site.values[c.id] = v;
    }
    return site;
  });
  return { fileErrors: [], crs, mapping, features };
}
