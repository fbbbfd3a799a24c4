// Browser only (".client"): MapLibre GL loads with this chunk, from the offers map island only.
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { IntlMessageFormat } from "intl-messageformat";

export type OffersMapOptions = {
  container: HTMLElement;
  /** The reader's language, for the count's plural forms. */
  lang: string;
  /** GET /api/public/map with the search's query: compact GeoJSON, properties p (place) and n (offers). */
  dataUrl: string;
  /** Link to the list of one place's offers: the list URL with `place=<id>` added. */
  placeListUrl: (placeId: string) => string;
  styleUrl: string | null;
  /** Fallback view when there are no points (the tenant's area). */
  center: [number, number];
  strings: {
    title: string;
    zoomIn: string;
    zoomOut: string;
    close: string;
    /** ICU MessageFormat with `count` (the catalogue's `offers.map_offers_at_place`). */
    offersAtPlacePattern: string;
    showOffers: string;
  };
};

type Point = {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: { p: string; n: number };
};

/** No tiles, fonts or sprites: works offline and in tests (cluster sizes show as circle sizes). */
const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f4f1" } }],
};

/** Shows the search's places with clustering; resolves to a function that removes the map. */
export async function mountOffersMap(opts: OffersMapOptions): Promise<() => void> {
  setWorkerUrl(workerUrl);
  const offersAtPlace = new IntlMessageFormat(opts.strings.offersAtPlacePattern, opts.lang);
  const res = await fetch(opts.dataUrl, { headers: { accept: "application/geo+json" } });
  if (!res.ok) throw new Error(`map: ${res.status}`);
  const data = (await res.json()) as { type: "FeatureCollection"; features: Point[] };
  let bounds: [number, number, number, number] | undefined;
  for (const f of data.features) {
    const [x, y] = f.geometry.coordinates;
    bounds = bounds
      ? [Math.min(bounds[0], x), Math.min(bounds[1], y), Math.max(bounds[2], x), Math.max(bounds[3], y)]
      : [x, y, x, y];
  }
  if (bounds && bounds[0] === bounds[2] && bounds[1] === bounds[3]) {
    bounds = [bounds[0] - 0.01, bounds[1] - 0.01, bounds[2] + 0.01, bounds[3] + 0.01];
  }
  const map = new MapLibreMap({
    container: opts.container,
    style: opts.styleUrl ?? BLANK_STYLE,
    ...(bounds
      ? { bounds, fitBoundsOptions: { padding: 32, maxZoom: 15 } }
      : { center: opts.center, zoom: 11 }),
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
    map.addSource("offers", {
      type: "geojson",
      data,
      cluster: true,
      clusterRadius: 48,
      clusterMaxZoom: 15,
      clusterProperties: { offers: ["+", ["get", "n"]] },
    });
    map.addLayer({
      id: "clusters",
      type: "circle",
      source: "offers",
      filter: ["has", "point_count"],
      paint: {
        "circle-color": "#1f5f8b",
        "circle-opacity": 0.85,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
        "circle-radius": ["step", ["get", "offers"], 14, 10, 18, 100, 24, 1000, 30],
      },
    });
    map.addLayer({
      id: "places",
      type: "circle",
      source: "offers",
      filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": "#b5522b",
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
        "circle-radius": 8,
      },
    });
  });

  // A cluster zooms in; a place shows how many offers are there and links to them (text only, no HTML).
  map.on("click", "clusters", async (e) => {
    const f = e.features?.[0];
    const id = f?.properties?.cluster_id as number | undefined;
    if (!f || id === undefined) return;
    const zoom = await (map.getSource("offers") as GeoJSONSource).getClusterExpansionZoom(id);
    map.easeTo({ center: (f.geometry as unknown as Point["geometry"]).coordinates, zoom });
  });
  map.on("click", "places", (e) => {
    const f = e.features?.[0];
    if (!f) return;
    const props = f.properties as Point["properties"];
    const box = document.createElement("div");
    const count = document.createElement("p");
    count.textContent = String(offersAtPlace.format({ count: Number(props.n) }));
    const link = document.createElement("a");
    link.href = opts.placeListUrl(String(props.p));
    link.textContent = opts.strings.showOffers;
    box.append(count, link);
    new Popup({ closeButton: true })
      .setLngLat((f.geometry as unknown as Point["geometry"]).coordinates)
      .setDOMContent(box)
      .addTo(map);
  });
  for (const layer of ["clusters", "places"]) {
    map.on("mouseenter", layer, () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
    });
  }
  return () => map.remove();
}
