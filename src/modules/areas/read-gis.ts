/**
 * Readers for what municipal GIS offices export (decision 044): a zipped Shapefile
 * (shpjs for .shp/.dbf, but-unzip for the archive) and a GeoPackage (SQLite, read with
 * Node's built-in node:sqlite; GeoPackage geometry blobs via ./wkb.ts). Each returns the raw
 * features (attributes as the file has them, coordinates in the file's CRS) and the CRS the
 * file declares; mapping attributes and reprojection happen in ./upload.ts.
 */
import { DatabaseSync } from "node:sqlite";
import { iter } from "but-unzip";
import { getShapefile } from "shpjs";
import { crsFromWkt, type DeclaredCrs, isKnownEpsg } from "./crs.ts";
import type { ImportIssue } from "./validate.ts";
import { readGpkgGeometry } from "./wkb.ts";

/** `notFeature`: a GeoJSON array item that is no Feature, kept for the usual message. */
export type RawFeature = { properties: Record<string, unknown>; geometry: unknown; notFeature?: unknown };
export type SourceFile = {
  format: "geojson" | "shapefile" | "geopackage";
  crs: DeclaredCrs;
  /** The layers (Shapefiles in the zip, feature tables of the GeoPackage) and the one read. */
  layers: string[];
  layer: string | null;
  /** The DBF's character set (Shapefile only). */
  encoding: string | null;
  features: RawFeature[];
};
/** `doc`: the parsed GeoJSON document (GeoJSON only). */
export type ReadResult = { source: SourceFile; fileErrors: ImportIssue[]; doc?: unknown };

export type DetectedFormat = "zip" | "sqlite" | "text";
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  if (new TextDecoder().decode(bytes.subarray(0, 16)) === "SQLite format 3\0") return "sqlite";
  return "text";
}

const fail = (format: SourceFile["format"], code: string, params?: ImportIssue["params"]): ReadResult => ({
  source: { format, crs: { kind: "none" }, layers: [], layer: null, encoding: null, features: [] },
  fileErrors: [{ field: "file", code, ...(params ? { params } : {}) }],
});

/** DBF language driver IDs (byte 29) that name a code page TextDecoder knows. */
const LDID: Record<number, string> = {
  3: "windows-1252",
  87: "windows-1252",
  88: "windows-1252",
  89: "windows-1252",
  100: "ibm852",
  101: "ibm866",
  106: "iso-8859-7",
  200: "windows-1250",
  201: "windows-1251",
  202: "windows-1254",
  203: "windows-1253",
};

/**
 * The DBF's character set: the .cpg when present ("UTF-8", "1252", "ANSI 1252", "windows-1252",
 * "ISO-8859-1", "65001"), else the DBF header's language driver ID, else UTF-8 when the bytes are valid
 * UTF-8 and windows-1252 otherwise (old ArcView files carry neither).
 */
export function dbfEncoding(dbf: Uint8Array, cpg: string | undefined): string {
  const name = cpg?.trim();
  if (name) {
    const m = /^(?:ANSI\s*)?(125\d)$/i.exec(name);
    const candidate = m ? `windows-${m[1]}` : name === "65001" ? "utf-8" : name.replace(/^system$/i, "");
    try {
      if (candidate) return new TextDecoder(candidate).encoding;
    } catch {
      // An unknown .cpg falls through to the header.
    }
  }
  const ldid = LDID[dbf[29] ?? 0];
  if (ldid) return ldid;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(dbf);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

export async function readShapefileZip(bytes: Uint8Array, layer?: string): Promise<ReadResult> {
  const files = new Map<string, Uint8Array>();
  try {
    for (const entry of iter(bytes)) {
      if (entry.filename.includes("__MACOSX") || entry.filename.endsWith("/")) continue;
      if (!/\.(shp|dbf|prj|cpg)$/i.test(entry.filename)) continue;
      files.set(
        entry.filename.replace(/\.(\w+)$/, (_, ext: string) => `.${ext.toLowerCase()}`),
        await entry.read(),
      );
    }
  } catch {
    return fail("shapefile", "gis_zip_unreadable");
  }
  const layers = [...files.keys()].filter((k) => k.endsWith(".shp")).map((k) => k.slice(0, -4));
  if (layers.length === 0) return fail("shapefile", "gis_zip_no_shapefile");
  const base =
    layer !== undefined ? layers.find((l) => l === layer || l.split("/").pop() === layer) : layers[0];
  if (!base || (layer === undefined && layers.length > 1)) {
    const r = fail("shapefile", layer === undefined ? "gis_layer_choose" : "gis_layer_unknown", {
      layers: layers.join(", "),
    });
    r.source.layers = layers;
    return r;
  }
  const shp = files.get(`${base}.shp`)!;
  const dbf = files.get(`${base}.dbf`);
  const decode = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
  const encoding = dbf ? dbfEncoding(dbf, decode(files.get(`${base}.cpg`))) : null;
  const crs = crsFromWkt(decode(files.get(`${base}.prj`)) ?? "");
  let fc: Awaited<ReturnType<typeof getShapefile>>;
  try {
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    fc = await getShapefile({ shp: view(shp), ...(dbf ? { dbf: view(dbf), cpg: encoding! } : {}) });
  } catch {
    return fail("shapefile", "gis_shapefile_unreadable");
  }
  return {
    source: {
      format: "shapefile",
      crs,
      layers,
      layer: base,
      encoding,
      features: fc.features.map((f) => ({ properties: f.properties ?? {}, geometry: f.geometry })),
    },
    fileErrors: [],
  };
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A GeoPackage's feature table (layer) with its geometry column; the CRS from gpkg_spatial_ref_sys. */
export function readGeoPackage(bytes: Uint8Array, layer?: string): ReadResult {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(":memory:");
    db.deserialize(bytes);
  } catch {
    return fail("geopackage", "gis_geopackage_unreadable");
  }
  try {
    let tables: { table_name: string; column_name: string; srs_id: number }[];
    try {
      tables = db
        .prepare(
          `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
           JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
           WHERE c.data_type = 'features' ORDER BY c.table_name`,
        )
        .all() as typeof tables;
    } catch {
      return fail("geopackage", "gis_geopackage_unreadable");
    }
    const layers = tables.map((t) => t.table_name);
    if (layers.length === 0) return fail("geopackage", "gis_geopackage_no_layer");
    const table = layer !== undefined ? tables.find((t) => t.table_name === layer) : tables[0];
    if (!table || (layer === undefined && tables.length > 1)) {
      const r = fail("geopackage", layer === undefined ? "gis_layer_choose" : "gis_layer_unknown", {
        layers: layers.join(", "),
      });
      r.source.layers = layers;
      return r;
    }
    const srs = db
      .prepare(
        "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
      )
      .get(table.srs_id) as
      | { organization: string; organization_coordsys_id: number; definition: string }
      | undefined;
    const crs = srsToCrs(srs, table.srs_id);
    const rows = db.prepare(`SELECT * FROM ${quoteId(table.table_name)}`).all() as Record<string, unknown>[];
    const features = rows.map((row) => {
      const properties: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) {
        if (k !== table.column_name && !(v instanceof Uint8Array)) properties[k] = v;
      }
      const blob = row[table.column_name];
      return { properties, geometry: blob instanceof Uint8Array ? readGpkgGeometry(blob) : null };
    });
    return {
      source: { format: "geopackage", crs, layers, layer: table.table_name, encoding: null, features },
      fileErrors: [],
    };
  } finally {
    db.close();
  }
}

function srsToCrs(
  srs: { organization: string; organization_coordsys_id: number; definition: string } | undefined,
  srsId: number,
): DeclaredCrs {
  // GeoPackage reserves -1 (undefined Cartesian) and 0 (undefined geographic).
  if (!srs || srsId === -1 || srsId === 0) return { kind: "none" };
  if (srs.organization.toUpperCase() === "EPSG") {
    const epsg = Number(srs.organization_coordsys_id);
    if (isKnownEpsg(epsg)) return { kind: "epsg", epsg };
  }
  const fromWkt = crsFromWkt(srs.definition === "undefined" ? "" : srs.definition);
  if (fromWkt.kind !== "none") return fromWkt;
  return { kind: "unknown", name: `${srs.organization}:${srs.organization_coordsys_id}` };
}
