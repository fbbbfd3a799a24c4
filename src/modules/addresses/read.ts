/**
 * Reading an address list (decision 095): the AdV "Hauskoordinaten" in both layouts municipal
 * GIS offices deliver (HK-DE with named lower-case columns, and the older positional layout
 * NBA;OI;QUA;…;HNR;ADZ;easting;northing;STN[;PLZ;ONM;ZON;POT;PSN];date, with or without its
 * header line, easting with the zone in front and a decimal comma), and an OpenStreetMap
 * extract as CSV (addr:street, addr:housenumber, addr:postcode, lat/lon). UTF-8 or
 * Windows-1252; UTM zone 32/33 (EPSG:25832/25833) reprojected to WGS84 with proj4. One pass
 * over the rows (linear); pure, so it runs on a worker thread (`offload`).
 */
import proj4 from "proj4";
import { decodeText, parseCsvRows, type TableRow } from "../../server/tabular.ts";
import { ADDRESS_IMPORT_MAX_ROWS, type AddressFormat } from "./model.ts";
import { localityKey, parseHouseNumber, streetKey } from "./normalise.ts";

export type ParsedAddress = {
  row: number;
  street: string;
  streetKey: string;
  number: number;
  suffix: string;
  postcode: string | null;
  locality: string | null;
  localityKey: string;
  district: string | null;
  lon: number;
  lat: number;
};

export type Issue = { row: number; column: string; code: string; params?: Record<string, string | number> };
export type Bounds = { minLon: number; minLat: number; maxLon: number; maxLat: number };

export type AddressFileAnalysis = {
  ok: boolean;
  format: AddressFormat | null;
  encoding: string | null;
  /** "EPSG:25832", "EPSG:25833" or "EPSG:4326". */
  crs: string | null;
  fileIssues: { code: string; params?: Record<string, string | number> }[];
  issues: Issue[];
  warnings: Issue[];
  addresses: ParsedAddress[];
  totalRows: number;
  outside: number;
  duplicates: number;
};

const UTM = (zone: number) => `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
const WGS84 = "+proj=longlat +datum=WGS84 +no_defs";
type Converter = { forward: (p: [number, number]) => number[] };
const converters = new Map<number, Converter>();
function utmToWgs84(zone: number, e: number, n: number): [number, number] {
  let c = converters.get(zone);
  if (!c) {
    c = proj4(UTM(zone), WGS84) as Converter;
    converters.set(zone, c);
  }
  return c.forward([e, n]) as [number, number];
}

/** A number as the files write it: "5685090,386" (decimal comma) or "5685090.386". */
function num(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(",", "."));
}

/** Where each field sits in a row, and the column name messages use. */
type Layout = {
  format: AddressFormat;
  /** The first data row's index in the rows (1 when a header line comes first). */
  start: number;
  col: Partial<Record<Field, { index: number; name: string }>>;
};
type Field =
  | "street"
  | "number"
  | "suffix"
  | "easting"
  | "northing"
  | "zone"
  | "lat"
  | "lon"
  | "postcode"
  | "locality"
  | "postalLocality"
  | "district"
  | "municipality";

const HK_DE: Partial<Record<Field, string[]>> = {
  street: ["str"],
  number: ["hnr"],
  suffix: ["adz"],
  easting: ["ostwert"],
  northing: ["nordwert"],
  zone: ["zone"],
  postcode: ["postplz", "plz"],
  postalLocality: ["postonm"],
  district: ["ott"],
  municipality: ["gmd"],
};
const OSM: Partial<Record<Field, string[]>> = {
  street: ["addr:street", "addr:place"],
  number: ["addr:housenumber"],
  postcode: ["addr:postcode"],
  locality: ["addr:city"],
  district: ["addr:suburb"],
  lat: ["lat", "@lat", "latitude", "y"],
  lon: ["lon", "@lon", "lng", "longitude", "x"],
};
/** The positional layout (AdV), 0-based: HNR, ADZ, easting, northing, STN; with postal columns PLZ, ONM, POT. */
const ADV_POSITIONS: [Field, number, string][] = [
  ["number", 9, "HNR"],
  ["suffix", 10, "ADZ"],
  ["easting", 11, "Ostwert"],
  ["northing", 12, "Nordwert"],
  ["street", 13, "STN"],
];
const ADV_POSTAL: [Field, number, string][] = [
  ["postcode", 14, "PLZ"],
  ["locality", 15, "ONM"],
  ["postalLocality", 17, "POT"],
];

function named(header: string[], fields: Partial<Record<Field, string[]>>): Layout["col"] {
  const lower = header.map((h) => h.trim().toLowerCase());
  const col: Layout["col"] = {};
  for (const [field, names] of Object.entries(fields) as [Field, string[]][]) {
    for (const name of names) {
      const index = lower.indexOf(name);
      if (index >= 0) {
        col[field] = { index, name: header[index]!.trim() };
        break;
      }
    }
  }
  return col;
}

function detect(rows: TableRow[]): Layout | null {
  const first = rows[0]?.cells ?? [];
  const lower = first.map((c) => c.trim().toLowerCase());
  if (lower.includes("addr:housenumber")) return { format: "osm", start: 1, col: named(first, OSM) };
  if (lower.includes("hnr") && lower.includes("ostwert"))
    return { format: "hk_de", start: 1, col: named(first, HK_DE) };
  // The positional layout: the header line "NBA;OI;QUA;…" or none (the record type N, A, D, U first).
  const hasHeader = lower[0] === "nba";
  const sample = hasHeader ? rows[1]?.cells : first;
  if (!sample || sample.length < 14) return null;
  if (!hasHeader && !/^[a-z]$/i.test(sample[0]!.trim())) return null;
  const postal = sample.length >= 19;
  const col: Layout["col"] = {};
  for (const [field, index, name] of [...ADV_POSITIONS, ...(postal ? ADV_POSTAL : [])])
    col[field] = { index, name };
  return { format: "hk_adv", start: hasHeader ? 1 : 0, col };
}

const REQUIRED: Record<AddressFormat, Field[]> = {
  hk_de: ["street", "number", "easting", "northing"],
  hk_adv: ["street", "number", "easting", "northing"],
  osm: ["street", "number", "lat", "lon"],
};
const REQUIRED_NAMES: Record<Field, string> = {
  street: "str / addr:street",
  number: "hnr / addr:housenumber",
  easting: "ostwert",
  northing: "nordwert",
  lat: "lat",
  lon: "lon",
  suffix: "adz",
  zone: "zone",
  postcode: "postplz",
  locality: "addr:city",
  postalLocality: "postonm",
  district: "ott",
  municipality: "gmd",
};

const empty = (fileIssues: AddressFileAnalysis["fileIssues"]): AddressFileAnalysis => ({
  ok: false,
  format: null,
  encoding: null,
  crs: null,
  fileIssues,
  issues: [],
  warnings: [],
  addresses: [],
  totalRows: 0,
  outside: 0,
  duplicates: 0,
});

/**
 * Reads and checks an address file; `bounds` is the tenant's region (its areas' bounding box),
 * or null when it has no areas yet. Every error names its row and column; rows outside the
 * region and repeated addresses are warnings and left out.
 */
export function analyseAddressFile(bytes: Uint8Array, bounds: Bounds | null): AddressFileAnalysis {
  if (bytes.length === 0) return empty([{ code: "addresses.error_empty" }]);
  if (bytes.includes(0) || (bytes[0] === 0x50 && bytes[1] === 0x4b))
    return empty([{ code: "addresses.error_file_type" }]);
  const { text, encoding } = decodeText(bytes);
  const rows = parseCsvRows(text);
  const layout = detect(rows);
  if (!layout) return empty([{ code: "addresses.error_format" }]);
  const missing = REQUIRED[layout.format].filter((f) => !layout.col[f]);
  if (missing.length)
    return {
      ...empty([
        {
          code: "addresses.error_columns",
          params: { columns: missing.map((f) => REQUIRED_NAMES[f]).join(", ") },
        },
      ]),
      format: layout.format,
      encoding,
    };
  const data = rows.slice(layout.start);
  if (data.length === 0)
    return { ...empty([{ code: "addresses.error_empty" }]), format: layout.format, encoding };
  if (data.length > ADDRESS_IMPORT_MAX_ROWS)
    return {
      ...empty([{ code: "addresses.error_too_many_rows", params: { max: ADDRESS_IMPORT_MAX_ROWS } }]),
      format: layout.format,
      encoding,
    };

  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const addresses: ParsedAddress[] = [];
  const seen = new Map<string, number>();
  let outside = 0;
  let duplicates = 0;
  let zoneSeen: number | null = null;
  const cell = (r: TableRow, f: Field) => {
    const c = layout.col[f];
    return c ? (r.cells[c.index] ?? "").trim() : "";
  };
  const name = (f: Field) => layout.col[f]?.name ?? REQUIRED_NAMES[f];

  for (const r of data) {
    const rowIssues: Issue[] = [];
    const issue = (f: Field, code: string, params?: Issue["params"]) =>
      rowIssues.push({ row: r.row, column: name(f), code, ...(params ? { params } : {}) });
    const street = cell(r, "street");
    if (!street) issue("street", "addresses.error_street_missing");
    else if (streetKey(street).length < 2) issue("street", "addresses.error_street", { value: street });
    const numberText = cell(r, "number");
    // OSM lists several numbers at one point: "12;14" or "12,14".
    const numberParts =
      layout.format === "osm" ? numberText.split(/[;,]/).map((s) => s.trim()) : [numberText];
    const numbers = numberParts.map((p) =>
      parseHouseNumber(p, layout.format === "osm" ? "" : cell(r, "suffix")),
    );
    if (!numberText) issue("number", "addresses.error_house_number_missing");
    else if (numbers.some((n) => n === null))
      issue("number", "addresses.error_house_number", { value: `${numberText}${cell(r, "suffix")}` });
    const postcode = cell(r, "postcode");
    if (postcode && !/^\d{5}$/.test(postcode))
      issue("postcode", "addresses.error_postcode", { value: postcode });

    let point: [number, number] | null = null;
    if (layout.format === "osm") {
      const lat = num(cell(r, "lat"));
      const lon = num(cell(r, "lon"));
      if (lat === null) issue("lat", "addresses.error_coordinate", { value: cell(r, "lat") });
      else if (lat < -90 || lat > 90)
        issue("lat", "addresses.error_coordinate_range", { value: cell(r, "lat") });
      if (lon === null) issue("lon", "addresses.error_coordinate", { value: cell(r, "lon") });
      else if (lon < -180 || lon > 180)
        issue("lon", "addresses.error_coordinate_range", { value: cell(r, "lon") });
      if (lat !== null && lon !== null) point = [lon, lat];
    } else {
      let e = num(cell(r, "easting"));
      const n = num(cell(r, "northing"));
      let zone = cell(r, "zone") ? num(cell(r, "zone")) : null;
      if (e === null) issue("easting", "addresses.error_coordinate", { value: cell(r, "easting") });
      if (n === null) issue("northing", "addresses.error_coordinate", { value: cell(r, "northing") });
      // "32349925,060": the zone written in front of the easting (ZZEEEEEE,EEE).
      if (e !== null && e >= 10_000_000) {
        zone = Math.floor(e / 1_000_000);
        e -= zone * 1_000_000;
      }
      zone ??= 32;
      if (zone !== 32 && zone !== 33) issue("zone", "addresses.error_zone", { value: String(zone) });
      else if (e !== null && (e < 100_000 || e > 900_000))
        issue("easting", "addresses.error_coordinate_range", { value: cell(r, "easting") });
      else if (n !== null && (n < 5_000_000 || n > 6_200_000))
        issue("northing", "addresses.error_coordinate_range", { value: cell(r, "northing") });
      else if (e !== null && n !== null) {
        point = utmToWgs84(zone, e, n);
        zoneSeen ??= zone;
      }
    }
    if (rowIssues.length) {
      issues.push(...rowIssues);
      continue;
    }
    const [lon, lat] = point!;
    if (
      bounds &&
      (lon < bounds.minLon || lon > bounds.maxLon || lat < bounds.minLat || lat > bounds.maxLat)
    ) {
      outside++;
      warnings.push({
        row: r.row,
        column: name(layout.format === "osm" ? "lat" : "easting"),
        code: "addresses.warning_outside",
      });
      continue;
    }
    const locality =
      cell(r, "postalLocality") ||
      cell(r, "locality") ||
      cell(r, "municipality") ||
      cell(r, "district") ||
      null;
    const district = cell(r, "district") || null;
    const key = streetKey(street);
    for (const hn of numbers as NonNullable<(typeof numbers)[number]>[]) {
      const lkey = localityKey(locality ?? "");
      const identity = `${key}|${hn.number}|${hn.suffix}|${lkey}`;
      const first = seen.get(identity);
      if (first !== undefined) {
        duplicates++;
        warnings.push({
          row: r.row,
          column: name("number"),
          code: "addresses.warning_duplicate",
          params: { first },
        });
        continue;
      }
      seen.set(identity, r.row);
      addresses.push({
        row: r.row,
        street,
        streetKey: key,
        number: hn.number,
        suffix: hn.suffix,
        postcode: postcode || null,
        locality,
        localityKey: lkey,
        district,
        lon: Math.round(lon * 1e7) / 1e7,
        lat: Math.round(lat * 1e7) / 1e7,
      });
    }
  }
  return {
    ok: issues.length === 0,
    format: layout.format,
    encoding,
    crs: layout.format === "osm" ? "EPSG:4326" : `EPSG:258${zoneSeen ?? 32}`,
    fileIssues: [],
    issues,
    warnings,
    addresses,
    totalRows: data.length,
    outside,
    duplicates,
  };
}
