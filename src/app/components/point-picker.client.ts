// Browser only (".client"): MapLibre GL loads with this chunk, on the place editor only.
import {
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { type AreaGeometry, geometryBbox } from "#app/modules/areas/geo.ts";

export type PointPickerOptions = {
  container: HTMLElement;
  geojsonUrl: string;
  styleUrl: string | null;
  /** The current point, if any. */
  point: { lon: number; lat: number } | null;
  /** Called with the clicked (or dragged-to) point. */
  onPick: (p: { lon: number; lat: number }) => void;
  strings: { title: string; zoomIn: string; zoomOut: string; close: string };
};

/** No tiles, fonts or sprites: works offline and in tests. */
const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f4f1" } }],
};

/** A map of the tenant's areas on which a click places the marker; returns { setPoint, remove }. */
export async function mountPointPicker(opts: PointPickerOptions) {
  setWorkerUrl(workerUrl);
  const res = await fetch(opts.geojsonUrl, { headers: { accept: "application/geo+json" } });
  if (!res.ok) throw new Error(`areas: ${res.status}`);
  const data = (await res.json()) as { features: { geometry: AreaGeometry }[] };
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
    map.addSource("areas", { type: "geojson", data: data as never });
    map.addLayer({
      id: "areas-fill",
      type: "fill",
      source: "areas",
      paint: { "fill-color": "#2c7d5b", "fill-opacity": 0.12 },
    });
    map.addLayer({
      id: "areas-line",
      type: "line",
      source: "areas",
      paint: { "line-color": "#2c7d5b", "line-width": 1.5 },
    });
  });
  const marker = new Marker({ draggable: true });
  if (opts.point) marker.setLngLat([opts.point.lon, opts.point.lat]).addTo(map);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  map.on("click", (e) => {
    marker.setLngLat(e.lngLat).addTo(map);
    opts.onPick({ lon: round(e.lngLat.lng), lat: round(e.lngLat.lat) });
  });
  marker.on("dragend", () => {
    const p = marker.getLngLat();
    opts.onPick({ lon: round(p.lng), lat: round(p.lat) });
  });
  return {
    setPoint(p: { lon: number; lat: number } | null) {
      if (p) marker.setLngLat([p.lon, p.lat]).addTo(map);
      else marker.remove();
    },
    remove: () => map.remove(),
  };
}
