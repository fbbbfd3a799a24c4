/**
 * Coordinate reference systems of German municipal GIS data and the reprojection to WGS84
 * (proj4, decision 044). Lotse knows a fixed list: a CRS outside it is refused with its name,
 * never guessed. The definitions are the EPSG registry's parameters in proj4 notation.
 */
import proj4 from "proj4";
import { isKnownEpsg, KNOWN_CRS, type KnownEpsg } from "./crs-list.ts";
import type { AreaGeometry, Ring } from "./geo.ts";

export { isKnownEpsg, KNOWN_CRS, KNOWN_EPSG, type KnownEpsg } from "./crs-list.ts";

/** Geographic systems whose numbers are already longitude/latitude degrees (ETRS89 ≈ WGS84 to < 1 m). */
const GEOGRAPHIC = new Set<number>([4326, 4258]);

/** What a file says about its CRS: a known EPSG code, nothing, or a name Lotse does not know. */
export type DeclaredCrs =
  | { kind: "epsg"; epsg: KnownEpsg }
  | { kind: "none" }
  | { kind: "unknown"; name: string };

const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/ü/g, "u")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]/g, "");

/** CRS names as ESRI (.prj of ArcGIS) and EPSG/GDAL (QGIS) spell them, normalized. */
const NAMES: [RegExp, KnownEpsg][] = [
  [/^(etrs1989|etrs89)utmzone32n$/, 25832],
  [/^(etrs1989|etrs89)utmzone33n$/, 25833],
  [/^(etrs1989|etrs89)utmzone32nze?n$/, 4647],
  [/^(etrs1989|etrs89)utmzone33nze?n$/, 5650],
  [/^dhdn3degreegau(ss|s)krugerzone2$|^dhdngkzone2$|^dhdngausskruger2$/, 31466],
  [/^dhdn3degreegau(ss|s)krugerzone3$|^dhdngkzone3$|^dhdngausskruger3$/, 31467],
  [/^dhdn3degreegau(ss|s)krugerzone4$|^dhdngkzone4$|^dhdngausskruger4$/, 31468],
  [/^dhdn3degreegau(ss|s)krugerzone5$|^dhdngkzone5$|^dhdngausskruger5$/, 31469],
  [/^wgs84pseudomercator$|^wgs1984webmercatorauxiliarysphere$|^wgs84webmercator$/, 3857],
  [/^(gcs)?wgs(19)?84$/, 4326],
  [/^(gcs)?etrs(19)?89$/, 4258],
];

/**
 * The CRS of a WKT text (a Shapefile's .prj, a GeoPackage's srs definition): the outermost
 * AUTHORITY["EPSG", n] (WKT1) or ID["EPSG", n] (WKT2) when present, else the CRS's name
 * (ESRI's .prj carries no authority). An empty text declares nothing.
 */
export function crsFromWkt(wkt: string): DeclaredCrs {
  const text = wkt.trim();
  if (text === "") return { kind: "none" };
  const head = /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|PROJECTEDCRS|GEOGRAPHICCRS)\s*\[\s*"([^"]*)"/i.exec(
    text,
  );
  const name = head?.[2] ?? text.slice(0, 60);
  // The outermost authority closes the text: it is the last one before the final bracket.
  const authorities = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = authorities.at(-1);
  if (last && /^\s*\]\s*$/.test(text.slice(last.index + last[0].length))) {
    const epsg = Number(last[1]);
    return isKnownEpsg(epsg) ? { kind: "epsg", epsg } : { kind: "unknown", name: `${name} (EPSG:${epsg})` };
  }
  const norm = normalize(name);
  for (const [re, epsg] of NAMES) if (re.test(norm)) return { kind: "epsg", epsg };
  return { kind: "unknown", name };
}

/** The CRS of an EPSG code written as "EPSG:25832", "urn:ogc:def:crs:EPSG::25832" or OGC's CRS84. */
export function crsFromName(name: string): DeclaredCrs {
  if (/^urn:ogc:def:crs:OGC:(1\.3:)?CRS84$/i.test(name.trim())) return { kind: "epsg", epsg: 4326 };
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name.trim());
  if (m) {
    const epsg = Number(m[1]);
    return isKnownEpsg(epsg) ? { kind: "epsg", epsg } : { kind: "unknown", name };
  }
  return { kind: "unknown", name };
}

/**
 * A guess for numbers that are not WGS84 degrees, from the ranges Germany's systems give:
 * Gauß-Krüger eastings carry the zone in the millions, UTM eastings lie below 1,000 km.
 */
export function guessProjectedCrs(x: number, y: number): string | null {
  if (y > 5_200_000 && y < 6_200_000) {
    if (x > 2_200_000 && x < 5_900_000) return `EPSG:${31464 + Math.floor(x / 1_000_000)}`;
    if (x > 32_000_000 && x < 33_000_000) return "EPSG:4647";
    if (x > 33_000_000 && x < 34_000_000) return "EPSG:5650";
    if (x > 150_000 && x < 950_000) return "EPSG:25832 / EPSG:25833";
  }
  if (x > 600_000 && x < 1_700_000 && y > 5_900_000 && y < 7_500_000) return "EPSG:3857";
  return null;
}

type Transform = (p: [number, number]) => [number, number];

export function toWgs84(epsg: KnownEpsg): Transform | null {
  if (GEOGRAPHIC.has(epsg)) return null;
  const converter = proj4(KNOWN_CRS[epsg].def, KNOWN_CRS[4326].def);
  return (p) => converter.forward(p) as [number, number];
}

/** The geometry in WGS84 (or itself for a geographic CRS); Z values are dropped. */
export function reprojectGeometry(g: AreaGeometry, epsg: KnownEpsg): AreaGeometry {
  const t = toWgs84(epsg);
  if (!t) return g;
  const ring = (r: Ring): Ring => r.map((p) => t([p[0]!, p[1]!]));
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: g.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}
