// Browser only (".client"): MapLibre GL and its stylesheet load with this chunk, on the areas page only.
import {
  type ExpressionSpecification,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { type AreaGeometry, geometryBbox } from "#app/modules/areas/geo.ts";

export type AreaMapOptions = {
  container: HTMLElement;
  /** The tenant's areas as GeoJSON (GET /api/v1/areas.geojson). */
  geojsonUrl: string;
  /** A configured base map (BASEMAP_STYLE_URL); without one, the polygons render on a plain background. */
  styleUrl: string | null;
  /** UI strings, already translated. */
  strings: { title: string; zoomIn: string; zoomOut: string; close: string; levels: Record<string, string> };
};

type AreaFeature = {
  type: "Feature";
  properties: { code: string; name: string; level: string; approximate: boolean };
  geometry: AreaGeometry;
};

/** No tiles, fonts or sprites: works offline and in tests. */
const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f4f1" } }],
};

// Coarse levels pale, fine levels strong; the table, not the colour, carries the meaning.
const LEVEL_COLOR: ExpressionSpecification = [
  "match",
  ["get", "level"],
  "city",
  "#8a8f98",
  "district",
  "#4e79a7",
  "social_area",
  "#2c7d5b",
  "quarter",
  "#b5522b",
  "#555555",
];

/** Shows the areas on a map; resolves to a function that removes the map again. */
export async function mountAreaMap(opts: AreaMapOptions): Promise<() => void> {
  setWorkerUrl(workerUrl);
  const res = await fetch(opts.geojsonUrl, { headers: { accept: "application/geo+json" } });
  if (!res.ok) throw new Error(`areas: ${res.status}`);
  const data = (await res.json()) as { type: "FeatureCollection"; features: AreaFeature[] };
  let bounds: [number, number, number, number] | undefined;
  for (const f of data.features) {
    const b = geometryBbox(f.geometry);
    bounds = bounds
      ? [
          Math.min(bounds[0], b.minLon),
          Math.min(bounds[1], b.minLat),
          Math.max(bounds[2], b.maxLon),
          Math.max(bounds[3], b.maxLat),
        ]
      : [b.minLon, b.minLat, b.maxLon, b.maxLat];
  }

  const map = new MapLibreMap({
    container: opts.container,
    style: opts.styleUrl ?? BLANK_STYLE,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: 24 } } : { center: [10.45, 51.16], zoom: 5 }),
    attributionControl: opts.styleUrl ? { compact: true } : false,
    locale: {
      "Map.Title": opts.strings.title,
      "NavigationControl.ZoomIn": opts.strings.zoomIn,
      "NavigationControl.ZoomOut": opts.strings.zoomOut,
      "Popup.Close": opts.strings.close,
    },
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");

  map.on("load", () => {
    map.addSource("areas", { type: "geojson", data });
    map.addLayer({
      id: "areas-fill",
      type: "fill",
      source: "areas",
      paint: { "fill-color": LEVEL_COLOR, "fill-opacity": ["match", ["get", "level"], "city", 0.08, 0.22] },
    });
    map.addLayer({
      id: "areas-line",
      type: "line",
      source: "areas",
      filter: ["!=", ["get", "approximate"], true],
      paint: { "line-color": LEVEL_COLOR, "line-width": ["match", ["get", "level"], "city", 3, 1.5] },
    });
    // Approximate outlines are dashed, as the table says in words.
    map.addLayer({
      id: "areas-line-approximate",
      type: "line",
      source: "areas",
      filter: ["==", ["get", "approximate"], true],
      paint: {
        "line-color": LEVEL_COLOR,
        "line-width": ["match", ["get", "level"], "city", 3, 1.5],
        "line-dasharray": [2, 2],
      },
    });
  });

  // A click names the deepest area under the pointer (text only, no HTML from the data).
  map.on("click", "areas-fill", (e) => {
    const order = ["quarter", "social_area", "district", "city"];
    const hits = (e.features ?? []).map((f) => f.properties as AreaFeature["properties"]);
    hits.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
    const top = hits[0];
    if (!top) return;
    const box = document.createElement("div");
    const name = document.createElement("strong");
    name.textContent = top.name;
    const meta = document.createElement("div");
    meta.textContent = `${opts.strings.levels[top.level] ?? top.level} · ${top.code}`;
    box.append(name, meta);
    new Popup({ closeButton: true }).setLngLat(e.lngLat).setDOMContent(box).addTo(map);
  });

  return () => map.remove();
}
