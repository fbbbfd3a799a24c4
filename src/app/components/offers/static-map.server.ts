import proj4 from "proj4";
import { type AreaGeometry, polygonsOf } from "#app/modules/areas/geo.ts";
import { levelRank } from "#app/modules/areas/levels.ts";
import type { AreaFeatureCollection } from "#app/modules/areas/model.ts";

/**
 * The server-rendered picture of an offer search's map (issue 15 item 5): the tenant's area
 * outlines with their names and the search's places as dots sized by their offers. It is what
 * a reader without JavaScript sees, and what everyone sees before asking for the live map.
 * Web Mercator through proj4, so the picture matches the live map's shapes.
 */
export type StaticMapModel = {
  width: number;
  height: number;
  outline: string | null;
  areas: { code: string; name: string; d: string; label: [number, number] }[];
  dots: { x: number; y: number; r: number; offers: number; places: number }[];
  places: number;
  offers: number;
};

type Point = { geometry: { coordinates: [number, number] }; properties: { n: number } };

const WIDTH = 640;
const MARGIN = 12;
/** More areas than this make an unreadable picture: a coarser level is drawn instead. */
const MAX_AREAS = 40;
/** Places closer than this (in pixels) share one dot, so a city of 10,000 places stays small. */
const CELL = 14;

const toMercator = proj4("EPSG:4326", "EPSG:3857");

export function staticMap(areas: AreaFeatureCollection, points: readonly Point[]): StaticMapModel | null {
  const drawn = drawnLevel(areas).map((f) => ({ f, polygons: projectGeometry(f.geometry) }));
  // The city's outline frames the picture when the drawn level lies below it.
  const city = areas.features.find((f) => f.properties.level === "city" && !drawn.some((d) => d.f === f));
  const cityPolygons = city ? projectGeometry(city.geometry) : [];
  const projectedPoints = points.map((p) => ({
    xy: toMercator.forward(p.geometry.coordinates),
    n: p.properties.n,
  }));
  const areaCorners = [...drawn.flatMap((d) => d.polygons.flat(2)), ...cityPolygons.flat(2)];
  const box = bounds(areaCorners.length ? areaCorners : projectedPoints.map((p) => p.xy));
  if (!box) return null;
  const spanX = box.maxX - box.minX || 1;
  const spanY = box.maxY - box.minY || 1;
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (WIDTH - 2 * MARGIN) / spanY);
  const height = Math.ceil(spanY * scale + 2 * MARGIN);
  const px = ([x, y]: number[]): [number, number] => [
    MARGIN + (x! - box.minX) * scale,
    MARGIN + (box.maxY - y!) * scale,
  ];
  const pathOf = (polygons: number[][][][]) =>
    polygons
      .flatMap((rings) =>
        rings.map(
          (ring) =>
            `M${ring
              .map((c) =>
                px(c)
                  .map((v) => v.toFixed(1))
                  .join(","),
              )
              .join("L")}Z`,
        ),
      )
      .join("");
  const areaShapes = drawn.map(({ f, polygons }) => ({
    code: f.properties.code,
    name: f.properties.name,
    d: pathOf(polygons),
    label: px(labelPoint(polygons)).map((v) => Math.round(v * 10) / 10) as [number, number],
  }));
  const outline = cityPolygons.length ? pathOf(cityPolygons) : null;

  // Places binned into cells: one dot per cell at the offers' weighted centre.
  const cells = new Map<string, { sx: number; sy: number; offers: number; places: number }>();
  let offers = 0;
  for (const p of projectedPoints) {
    const [x, y] = px(p.xy);
    if (x < 0 || y < 0 || x > WIDTH || y > height) continue;
    const key = `${Math.floor(x / CELL)}:${Math.floor(y / CELL)}`;
    const cell = cells.get(key) ?? { sx: 0, sy: 0, offers: 0, places: 0 };
    cell.sx += x * p.n;
    cell.sy += y * p.n;
    cell.offers += p.n;
    cell.places += 1;
    cells.set(key, cell);
    offers += p.n;
  }
  const dots = [...cells.values()].map((c) => ({
    x: Math.round((c.sx / c.offers) * 10) / 10,
    y: Math.round((c.sy / c.offers) * 10) / 10,
    r: Math.min(14, 3 + 1.5 * Math.sqrt(c.offers)),
    offers: c.offers,
    places: c.places,
  }));
  return {
    width: WIDTH,
    height,
    outline,
    areas: areaShapes,
    dots,
    places: points.length,
    offers,
  };
}

/** The finest level with at most MAX_AREAS areas (below the city when there is one). */
function drawnLevel(areas: AreaFeatureCollection) {
  const byLevel = new Map<string, AreaFeatureCollection["features"]>();
  for (const f of areas.features)
    byLevel.set(f.properties.level, [...(byLevel.get(f.properties.level) ?? []), f]);
  const levels = [...byLevel.keys()].sort((a, b) => levelRank(b as never) - levelRank(a as never));
  const below = levels.filter((l) => l !== "city");
  const fitting = (below.length ? below : levels).find((l) => byLevel.get(l)!.length <= MAX_AREAS);
  return fitting ? byLevel.get(fitting)! : [];
}

function projectGeometry(g: AreaGeometry): number[][][][] {
  return polygonsOf(g).map((rings) =>
    rings.map((ring) => ring.map((c) => toMercator.forward([c[0]!, c[1]!]))),
  );
}

function bounds(points: number[][]) {
  if (!points.length) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }
  return { minX, minY, maxX, maxY };
}

/** The area-weighted centroid of the largest exterior ring: where the name goes. */
function labelPoint(polygons: number[][][][]): number[] {
  let best: { area: number; x: number; y: number } | null = null;
  for (const rings of polygons) {
    const ring = rings[0];
    if (!ring || ring.length < 3) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j]!;
      const [x1, y1] = ring[i]!;
      const cross = x0! * y1! - x1! * y0!;
      a += cross;
      cx += (x0! + x1!) * cross;
      cy += (y0! + y1!) * cross;
    }
    if (a === 0) continue;
    const area = Math.abs(a / 2);
    if (!best || area > best.area) best = { area, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return best ? [best.x, best.y] : (polygons[0]?.[0]?.[0] ?? [0, 0]);
}
