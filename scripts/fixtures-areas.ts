/**
 * Writes the GIS fixtures in tests/fixtures/areas/ (decision 044): the conventions German
 * municipal GIS exports follow, with Lotse's own made-up districts around Unna.
 *
 * - stadtbezirke-25832.zip: Shapefile as ArcGIS writes it (outer rings clockwise, a hole
 *   counter-clockwise, .shx index, ESRI WKT .prj without authority, DBF in windows-1252 with
 *   language driver 0x57 and a .cpg saying "1252", attributes STB_NR / STB_NAME / FLAECHE_HA).
 * - stadtbezirke-gk3.zip: the same in DHDN / Gauß-Krüger zone 3 (EPSG:31467), .cpg "UTF-8"
 *   with a UTF-8 DBF and language driver 0, as QGIS writes it.
 * - stadtbezirke-25832.gpkg: GeoPackage as GDAL writes it (application_id GPKG, fid primary
 *   key, MULTIPOLYGON column "geom", GP blobs with envelope, little endian), one district with a
 *   zero-area spike (a vertex going out and back along the same line).
 * - stadtbezirke-swapped.geojson: latitude before longitude, no crs member.
 *
 *   node scripts/fixtures-areas.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import proj4 from "proj4";
import { KNOWN_CRS } from "../src/modules/areas/crs-list.ts";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "tests", "fixtures", "areas");

type XY = [number, number];
type Poly = XY[][]; // rings, closed, outer counter-clockwise (GeoJSON order)
export type District = { nr: string; name: string; ha: number; poly: Poly };

const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
/** Four districts in a 2×2 grid around Unna (WGS84); Massen has a hole (a lake). */
export const DISTRICTS: District[] = [
  { nr: "01", name: "Unna-Mitte", ha: 1234.5, poly: [rect(7.6, 51.49, 7.69, 51.54)] },
  { nr: "02", name: "Königsborn", ha: 987.25, poly: [rect(7.69, 51.49, 7.78, 51.54)] },
  {
    nr: "03",
    name: "Massen",
    ha: 1500,
    poly: [rect(7.6, 51.54, 7.69, 51.59), rect(7.63, 51.56, 7.65, 51.57).reverse()],
  },
  { nr: "04", name: "Unna-Süd Straße", ha: 800.75, poly: [rect(7.69, 51.54, 7.78, 51.59)] },
];

const project = (poly: Poly, epsg: keyof typeof KNOWN_CRS): Poly => {
  const t = proj4(KNOWN_CRS[4326].def, KNOWN_CRS[epsg].def);
  return poly.map((ring) => ring.map((p) => t.forward(p) as XY));
};

// ---- Shapefile -------------------------------------------------------------------------
function shapefile(polys: Poly[]): { shp: Buffer; shx: Buffer } {
  const records = polys.map((poly) => {
    // Shapefile order: outer rings clockwise, holes counter-clockwise (the reverse of GeoJSON).
    const rings = poly.map((r) => [...r].reverse());
    const points = rings.flat();
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    content.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => {
      content.writeDoubleLE(v, 4 + 8 * i);
    });
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((r, i) => {
      content.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
    });
    points.forEach((p, i) => {
      content.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i);
      content.writeDoubleLE(p[1], 52 + 4 * rings.length + 16 * i);
    });
    return content;
  });
  const all = polys.flat(2);
  const header = (words: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(words, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    const bbox = [
      Math.min(...all.map((p) => p[0])),
      Math.min(...all.map((p) => p[1])),
      Math.max(...all.map((p) => p[0])),
      Math.max(...all.map((p) => p[1])),
    ];
    bbox.forEach((v, i) => {
      h.writeDoubleLE(v, 36 + 8 * i);
    });
    return h;
  };
  const shpParts: Buffer[] = [];
  const shxParts: Buffer[] = [];
  let offset = 50; // in 16-bit words, after the 100-byte header
  records.forEach((content, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(content.length / 2, 4);
    shpParts.push(rh, content);
    const idx = Buffer.alloc(8);
    idx.writeInt32BE(offset, 0);
    idx.writeInt32BE(content.length / 2, 4);
    shxParts.push(idx);
    offset += 4 + content.length / 2;
  });
  return {
    shp: Buffer.concat([header(offset), ...shpParts]),
    shx: Buffer.concat([header(50 + 4 * records.length), ...shxParts]),
  };
}

type DbfField = { name: string; type: "C" | "N"; len: number; dec: number };
function dbf(
  fields: DbfField[],
  rows: (string | number)[][],
  encoding: "latin1" | "utf8",
  ldid: number,
): Buffer {
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + fields.reduce((s, f) => s + f.len, 0);
  const h = Buffer.alloc(headerLen);
  h.writeUInt8(0x03, 0);
  h.writeUInt8(126, 1); // 2026
  h.writeUInt8(11, 2);
  h.writeUInt8(30, 3);
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headerLen, 8);
  h.writeUInt16LE(recordLen, 10);
  h.writeUInt8(ldid, 29);
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    h.write(f.name, o, 10, "ascii");
    h.write(f.type, o + 11, 1, "ascii");
    h.writeUInt8(f.len, o + 16);
    h.writeUInt8(f.dec, o + 17);
  });
  h.writeUInt8(0x0d, headerLen - 1);
  const body = rows.map((row) => {
    const r = Buffer.alloc(recordLen, 0x20);
    let o = 1;
    row.forEach((v, i) => {
      const f = fields[i]!;
      const text = f.type === "N" ? (v as number).toFixed(f.dec).padStart(f.len) : String(v);
      r.write(text, o, f.len, encoding);
      o += f.len;
    });
    return r;
  });
  return Buffer.concat([h, ...body, Buffer.from([0x1a])]);
}

/** A zip with stored (uncompressed) entries: what the readers must handle besides deflate. */
function zip(files: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0x5d7e, 12); // 2026-11-30
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x5d7e, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const ESRI_UTM32 =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_GK3 =
  'PROJCS["DHDN_3_Degree_Gauss_Kruger_zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const FIELDS: DbfField[] = [
  { name: "STB_NR", type: "C", len: 4, dec: 0 },
  { name: "STB_NAME", type: "C", len: 40, dec: 0 },
  { name: "FLAECHE_HA", type: "N", len: 12, dec: 2 },
];

function shapefileZip(
  base: string,
  epsg: 25832 | 31467,
  prj: string,
  encoding: "latin1" | "utf8",
  cpg: string,
  districts: District[] = DISTRICTS,
) {
  const { shp, shx } = shapefile(districts.map((d) => project(d.poly, epsg)));
  const ldid = encoding === "latin1" ? 0x57 : 0;
  return zip([
    [`${base}.shp`, shp],
    [`${base}.shx`, shx],
    [
      `${base}.dbf`,
      dbf(
        FIELDS,
        districts.map((d) => [d.nr, d.name, d.ha]),
        encoding,
        ldid,
      ),
    ],
    [`${base}.prj`, Buffer.from(prj, "ascii")],
    [`${base}.cpg`, Buffer.from(cpg, "ascii")],
  ]);
}

// ---- GeoPackage --------------------------------------------------------------------------
function gpBlob(polys: Poly[], srsId: number): Uint8Array {
  const pts = polys.flat(2);
  const head = Buffer.alloc(8 + 32);
  head.write("GP", 0, "ascii");
  head.writeUInt8(0, 2); // version 1
  head.writeUInt8(0b0000_0011, 3); // little endian, envelope [minx, maxx, miny, maxy]
  head.writeInt32LE(srsId, 4);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) => {
    head.writeDoubleLE(v, 8 + 8 * i);
  });
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  parts.push(Buffer.from([1]), u32(6), u32(polys.length));
  for (const poly of polys) {
    parts.push(Buffer.from([1]), u32(3), u32(poly.length));
    for (const ring of poly) {
      parts.push(u32(ring.length));
      for (const p of ring) {
        const b = Buffer.alloc(16);
        b.writeDoubleLE(p[0], 0);
        b.writeDoubleLE(p[1], 8);
        parts.push(b);
      }
    }
  }
  return new Uint8Array(Buffer.concat([head, ...parts]));
}

const OGC_UTM32 =
  'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]';

/** Inserts a zero-area spike after the first vertex: out to a point and back the same way. */
function withSpike(poly: Poly): Poly {
  const [outer, ...holes] = poly;
  const a = outer![1]!;
  const tip: XY = [a[0] + 120, a[1] - 80];
  return [[outer![0]!, a, tip, a, ...outer!.slice(2)], ...holes];
}

function geopackage(): Uint8Array {
  const db = new DatabaseSync(":memory:");
  db.exec(`
    PRAGMA application_id = 1196444487;
    PRAGMA user_version = 10400;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
      srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
    CREATE TABLE "stadtbezirke" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON,
      "STB_NR" TEXT(4), "STB_NAME" TEXT(40), "FLAECHE_HA" REAL);
  `);
  const srs = db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)");
  srs.run(
    "Undefined cartesian SRS",
    -1,
    "NONE",
    -1,
    "undefined",
    "undefined cartesian coordinate reference system",
  );
  srs.run(
    "Undefined geographic SRS",
    0,
    "NONE",
    0,
    "undefined",
    "undefined geographic coordinate reference system",
  );
  srs.run("ETRS89 / UTM zone 32N", 25832, "EPSG", 25832, OGC_UTM32, null);
  db.prepare(
    "INSERT INTO gpkg_contents VALUES ('stadtbezirke', 'features', 'stadtbezirke', '', '2026-11-30T12:00:00.000Z', NULL, NULL, NULL, NULL, 25832)",
  ).run();
  db.prepare(
    "INSERT INTO gpkg_geometry_columns VALUES ('stadtbezirke', 'geom', 'MULTIPOLYGON', 25832, 0, 0)",
  ).run();
  const insert = db.prepare(
    'INSERT INTO "stadtbezirke" (geom, "STB_NR", "STB_NAME", "FLAECHE_HA") VALUES (?, ?, ?, ?)',
  );
  DISTRICTS.forEach((d, i) => {
    const poly = project(d.poly, 25832);
    insert.run(gpBlob([i === 1 ? withSpike(poly) : poly], 25832), d.nr, d.name, d.ha);
  });
  const bytes = db.serialize();
  db.close();
  return bytes;
}

// ---- GeoJSON -------------------------------------------------------------------------------
function swappedGeoJson(): string {
  return `${JSON.stringify(
    {
      type: "FeatureCollection",
      features: DISTRICTS.map((d) => ({
        type: "Feature",
        properties: { code: `STB-${d.nr}`, name: d.name, level: "district" },
        geometry: { type: "Polygon", coordinates: d.poly.map((r) => r.map(([x, y]) => [y, x])) },
      })),
    },
    null,
    1,
  )}\n`;
}

/** A zipped EPSG:25832 Shapefile of the given districts (WGS84 in), for the benchmark. */
export const shapefileZip25832 = (districts: District[]) =>
  shapefileZip("gross", 25832, ESRI_UTM32, "latin1", "1252", districts);

export const FIXTURE_FILES = {
  "stadtbezirke-25832.zip": () => shapefileZip("Stadtbezirke", 25832, ESRI_UTM32, "latin1", "1252"),
  "stadtbezirke-gk3.zip": () => shapefileZip("stadtbezirke_gk", 31467, ESRI_GK3, "utf8", "UTF-8"),
  "stadtbezirke-25832.gpkg": geopackage,
  "stadtbezirke-swapped.geojson": swappedGeoJson,
} as const;

if (import.meta.main) {
  mkdirSync(out, { recursive: true });
  for (const [name, make] of Object.entries(FIXTURE_FILES)) {
    writeFileSync(join(out, name), make());
    console.log(`wrote tests/fixtures/areas/${name}`);
  }
}
