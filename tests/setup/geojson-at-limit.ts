// A GeoJSON FeatureCollection of quarters just below the area import's 20 MB limit, for the
// tests that check the server stays responsive (issue 13). Valid: each ring is star-shaped.
import { IMPORT_LIMITS } from "#app/modules/areas/limits.ts";

function ring(cx: number, cy: number, n: number): number[][] {
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.004 * (1 + 0.2 * Math.sin(9 * a));
    pts.push([+(cx + r * Math.cos(a)).toFixed(7), +(cy + r * Math.sin(a)).toFixed(7)]);
  }
  pts.push(pts[0]!);
  return pts;
}

/** Quarters on a grid over Unna (700 vertices each), as many as fit below `maxBytes` − 4 KB. */
export function geojsonAtLimit(maxBytes: number = IMPORT_LIMITS.maxBytes): {
  text: string;
  features: number;
} {
  const features: string[] = [];
  let bytes = 40;
  for (let i = 0; ; i++) {
    const f = JSON.stringify({
      type: "Feature",
      properties: { code: `Q-${i}`, name: `Quartier ${i}`, level: "quarter" },
      geometry: {
        type: "Polygon",
        coordinates: [ring(7.5 + (i % 60) * 0.01, 51.4 + Math.floor(i / 60) * 0.01, 700)],
      },
    });
    if (bytes + f.length + 1 > maxBytes - 4096) break;
    features.push(f);
    bytes += f.length + 1;
  }
  return {
    text: `{"type":"FeatureCollection","features":[${features.join(",")}]}`,
    features: features.length,
  };
}
