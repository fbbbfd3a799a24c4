/**
 * An area import from any file Lotse reads (decision 044): GeoJSON text or bytes, a zipped
 * Shapefile, a GeoPackage. Reads the file, picks the CRS (the option, else what the file
 * declares, else WGS84 with a check that the numbers are degrees), maps the attributes to
 * code/name/level/parent, reprojects to WGS84, flags swapped axes and areas far from the
 * others, proposes repairs, and hands the result to the usual checks (./validate.ts).
 * Pure and synchronous apart from unzipping: it runs on a worker thread (server/offload).
 */
import { offload } from "../../server/offload/pool.ts";
import type { AreaImportOptions } from "./contracts.ts";
import { crsFromName, type DeclaredCrs, guessProjectedCrs, type KnownEpsg, toWgs84 } from "./crs.ts";
import { type AreaGeometry, type BBox, geometryBbox, polygonsOf } from "./geo.ts";
import { attributesOf, detectMapping, mapProperties } from "./mapping.ts";
import { isObject, parseDocument } from "./parse.ts";
import {
  detectFormat,
  type RawFeature,
  type ReadResult,
  readGeoPackage,
  readShapefileZip,
} from "./read-gis.ts";
import { repairGeometry, rfc7946Winding } from "./repair.ts";
import {
  analyzeParsed,
  type ExistingArea,
  IMPORT_LIMITS,
  type ImportAnalysis,
  type ImportIssue,
} from "./validate.ts";
import { validateGeometry } from "./validate-geometry.ts";

export type ImportInput = string | Uint8Array;
export type SourceInfo = NonNullable<UploadAnalysis["source"]>;
export type FeatureExtras = { warnings: ImportIssue[]; repair: { fixes: string[]; applied: boolean } | null };
export type UploadAnalysis = ImportAnalysis & {
  source?: {
    format: "geojson" | "shapefile" | "geopackage";
    crs: string | null;
    layers: string[];
    layer: string | null;
    encoding: string | null;
    attributes: string[];
    mapping: { code: string | null; name: string | null; level: string | null; parent: string | null };
  };
  extras?: FeatureExtras[];
};

/** Germany with a margin: the swapped-axes test and the default region (Lotse serves German municipalities). */
const GERMANY: BBox = { minLon: 5.5, minLat: 47, maxLon: 15.5, maxLat: 55.2 };

async function read(input: ImportInput, layer: string | undefined): Promise<ReadResult> {
  const bytes = typeof input === "string" ? null : input;
  const kind = bytes ? detectFormat(bytes) : "text";
  if (kind === "zip") return readShapefileZip(bytes!, layer);
  if (kind === "sqlite") return readGeoPackage(bytes!, layer);
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  return readGeoJson(text);
}

function readGeoJson(text: string): ReadResult {
  const source = {
    format: "geojson" as const,
    crs: { kind: "none" } as DeclaredCrs,
    layers: [],
    layer: null,
    encoding: null,
    features: [] as RawFeature[],
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { source, fileErrors: [{ field: "file", code: "geojson_not_json" }], doc: null };
  }
  // The rest of the document's checks are parse.ts's; here only what GIS needs.
  if (
    isObject(doc) &&
    isObject(doc.crs) &&
    isObject(doc.crs.properties) &&
    typeof doc.crs.properties.name === "string"
  ) {
    source.crs = crsFromName(doc.crs.properties.name);
  }
  if (isObject(doc) && doc.type === "FeatureCollection" && Array.isArray(doc.features)) {
    source.features = doc.features.map((f) =>
      isObject(f) && f.type === "Feature"
        ? { properties: isObject(f.properties) ? f.properties : {}, geometry: f.geometry }
        : { properties: {}, geometry: undefined, notFeature: f ?? {} },
    );
  }
  return { source, fileErrors: [], doc };
}

/** Walks every position of a raw GeoJSON-like geometry (unchecked). */
function positions(g: unknown, visit: (p: number[]) => void) {
  const walk = (v: unknown, depth: number) => {
    if (!Array.isArray(v) || depth > 4) return;
    if (typeof v[0] === "number") visit(v as number[]);
    else for (const x of v) walk(x, depth + 1);
  };
  if (isObject(g)) walk(g.coordinates, 0);
}

function mapPositions(g: unknown, fn: (p: number[]) => number[]): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (!Array.isArray(v) || depth > 4) return v;
    if (typeof v[0] === "number") return fn(v as number[]);
    return v.map((x) => walk(x, depth + 1));
  };
  return isObject(g) ? { ...g, coordinates: walk(g.coordinates, 0) } : g;
}

const inside = (b: BBox, r: BBox) =>
  b.minLon >= r.minLon && b.maxLon <= r.maxLon && b.minLat >= r.minLat && b.maxLat <= r.maxLat;

/** The existing areas' extent with a margin of half its size: "the tenant's region". */
function regionOf(existing: readonly ExistingArea[]): BBox | null {
  if (existing.length === 0) return null;
  const r = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const a of existing) {
    const b = geometryBbox(a.geometry);
    r.minLon = Math.min(r.minLon, b.minLon);
    r.minLat = Math.min(r.minLat, b.minLat);
    r.maxLon = Math.max(r.maxLon, b.maxLon);
    r.maxLat = Math.max(r.maxLat, b.maxLat);
  }
  const mx = Math.max((r.maxLon - r.minLon) / 2, 0.05);
  const my = Math.max((r.maxLat - r.minLat) / 2, 0.05);
  return { minLon: r.minLon - mx, minLat: r.minLat - my, maxLon: r.maxLon + mx, maxLat: r.maxLat + my };
}

const crsLabel = (epsg: KnownEpsg | null) => (epsg === null ? null : `EPSG:${epsg}`);

/** What the import of one file would do; the features keep their geometries unless `preview`. */
export async function analyzeUpload(
  input: ImportInput,
  existing: readonly ExistingArea[],
  options: AreaImportOptions,
  preview = false,
): Promise<UploadAnalysis> {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (size > IMPORT_LIMITS.maxBytes) {
    const fileErrors = [
      { field: "file", code: "geojson_file_too_large", params: { maxMb: IMPORT_LIMITS.maxBytes / 2 ** 20 } },
    ];
    return analyzeParsed({ fileErrors, features: [] }, existing);
  }
  const { source, fileErrors, doc } = await read(input, options.layer);
  let epsg: KnownEpsg | null = options.crs ?? (source.crs.kind === "epsg" ? source.crs.epsg : null);
  if (epsg === null && source.crs.kind === "unknown") {
    fileErrors.push({ field: "file", code: "gis_crs_unknown", params: { crs: source.crs.name } });
  }
  const declared = epsg !== null;
  epsg ??= 4326;
  const mapping = detectMapping(source.features, options);
  const info: SourceInfo = {
    format: source.format,
    crs: crsLabel(declared ? epsg : null),
    layers: source.layers,
    layer: source.layer,
    encoding: source.encoding,
    attributes: attributesOf(source.features),
    mapping,
  };
  if (fileErrors.length) return { ...analyzeParsed({ fileErrors, features: [] }, existing), source: info };

  const region = regionOf(existing);
  const extraErrors = new Map<number, ImportIssue[]>();
  const extras: FeatureExtras[] = [];
  const checked = new WeakSet<object>();
  const features = source.features.map((raw, index) => {
    const e: FeatureExtras = { warnings: [], repair: null };
    extras.push(e);
    const issues: ImportIssue[] = [];
    const geometry = prepareGeometry(raw.geometry, { epsg, declared, options, region, checked }, issues, e);
    if (issues.length) extraErrors.set(index, issues);
    if (raw.notFeature) return raw.notFeature;
    return { type: "Feature", properties: mapProperties(raw.properties, mapping, options), geometry };
  });
  // A GeoJSON document that is no FeatureCollection gets parse.ts's file-level message.
  const parsed = parseDocument(
    source.format === "geojson" && !source.features.length ? doc : { type: "FeatureCollection", features },
  );
  for (const f of parsed.features) {
    const more = extraErrors.get(f.index);
    if (!more) continue;
    // Our message says why the geometry is missing; drop the generic "required" for it.
    f.errors = [...f.errors.filter((x) => x.field !== "geometry"), ...more];
    f.geometry = null;
  }
  const analysis = analyzeParsed(parsed, existing);
  const out: UploadAnalysis = { ...analysis, source: info, extras };
  if (preview) out.features = out.features.map((f) => ({ ...f, geometry: null }));
  return out;
}

/**
 * One feature's geometry in WGS84, checked for the GIS faults: numbers that are not degrees
 * although no CRS is declared, latitude and longitude swapped, far outside the region.
 * Proposes (and with options.repair applies) a repair.
 */
type PrepareContext = {
  epsg: KnownEpsg;
  declared: boolean;
  options: AreaImportOptions;
  region: BBox | null;
  /** Receives every geometry returned valid, so parse.ts does not check it again. */
  checked: WeakSet<object>;
};

function prepareGeometry(
  raw: unknown,
  { epsg, declared, options, region, checked }: PrepareContext,
  issues: ImportIssue[],
  extras: FeatureExtras,
): unknown {
  let g = options.swapAxes ? mapPositions(raw, (p) => [p[1]!, p[0]!, ...p.slice(2)]) : raw;
  if (!declared) {
    let sample: number[] | null = null;
    positions(g, (p) => {
      if (
        !sample &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        (Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)
      )
        sample = p;
    });
    if (sample) {
      const [x, y] = sample as number[];
      const guess = guessProjectedCrs(x!, y!);
      issues.push({
        field: "geometry",
        code: guess ? "gis_coordinates_projected" : "gis_coordinates_not_degrees",
        params: { x: String(x), y: String(y), guess: guess ?? "" },
      });
      return undefined;
    }
  }
  const t = toWgs84(epsg);
  if (t) {
    g = mapPositions(g, (p) => (Number.isFinite(p[0]) && Number.isFinite(p[1]) ? t([p[0]!, p[1]!]) : p));
  }
  const first = validateGeometry(g);
  let geometry = first.geometry;
  if (!geometry) {
    // A geometry whose only faults are repairable: propose the repair.
    const loose = looseGeometry(g);
    const repaired = loose ? repairGeometry(loose) : null;
    if (repaired && validateGeometry(repaired.geometry).errors.length === 0) {
      extras.repair = { fixes: repaired.fixes, applied: options.repair === true };
      if (options.repair) geometry = repaired.geometry;
    }
    if (!geometry) return g;
  } else {
    // Winding is a convention, not a fault: valid areas are stored the RFC 7946 way round.
    geometry = rfc7946Winding(geometry, { mutate: true });
  }
  const b = geometryBbox(geometry);
  if (epsg === 4326 && !inside(b, GERMANY)) {
    const swapped = { minLon: b.minLat, maxLon: b.maxLat, minLat: b.minLon, maxLat: b.maxLon };
    if (inside(swapped, GERMANY)) {
      issues.push({
        field: "geometry",
        code: "gis_coordinates_swapped",
        params: { lon: b.minLon.toFixed(4), lat: b.minLat.toFixed(4) },
      });
      return undefined;
    }
  }
  if (region && !inside(b, region)) extras.warnings.push({ field: "geometry", code: "gis_outside_region" });
  else if (!region && !inside(b, GERMANY))
    extras.warnings.push({ field: "geometry", code: "gis_outside_germany" });
  checked.add(geometry);
  return geometry;
}

/** A Polygon/MultiPolygon of finite numbers, without the ring checks (for a repair attempt). */
function looseGeometry(g: unknown): AreaGeometry | null {
  if (!isObject(g) || (g.type !== "Polygon" && g.type !== "MultiPolygon") || !Array.isArray(g.coordinates))
    return null;
  let ok = true;
  positions(g, (p) => {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) ok = false;
  });
  if (!ok) return null;
  const geometry = g as unknown as AreaGeometry;
  try {
    for (const rings of polygonsOf(geometry)) for (const r of rings) if (!Array.isArray(r)) return null;
  } catch {
    return null;
  }
  return geometry;
}

/** analyzeUpload on a worker thread (server/offload): a 20 MB file must not hold the event loop. */
export function analyzeUploadOffThread(
  input: ImportInput,
  existing: readonly ExistingArea[],
  options: AreaImportOptions,
  opts: { preview: boolean },
): Promise<UploadAnalysis> {
  return offload<UploadAnalysis>("src/modules/areas/upload.ts", "analyzeUpload", [
    input,
    existing,
    options,
    opts.preview,
  ]);
}
