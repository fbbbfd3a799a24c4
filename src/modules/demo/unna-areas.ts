/**
 * Unna's five social areas (Sozialräume, seed 001) under the city, for the demo.
 *
 * The geometry is APPROXIMATE: simple polygons drawn by hand around where the districts lie
 * (Unna-Mitte around the old town at about 51.537° N, 7.690° E; Königsborn to the north and
 * north-east; Massen to the west; Unna-Süd to the south; the villages of the Landgemeinden to
 * the east). The areas tile the city outline without gaps or overlaps, so point lookups work,
 * but the borders are not the official ones. Every feature says so (approximate, source).
 */
const SOURCE =
  "Ungefähre Demo-Geometrie: von Hand vereinfacht nach der ungefähren Lage der Stadtteile, keine amtliche Abgrenzung.";

type Ring = [number, number][];
const feature = (
  code: string,
  name: string,
  level: "city" | "social_area",
  parent: string | null,
  ring: Ring,
) => ({
  type: "Feature" as const,
  properties: { code, name, level, parent, approximate: true, source: SOURCE },
  geometry: { type: "Polygon" as const, coordinates: [ring] },
});

// Shared corners (longitude, latitude), so neighbouring areas meet exactly.
const W1: [number, number] = [7.6, 51.53];
const W2: [number, number] = [7.62, 51.515];
const SW: [number, number] = [7.665, 51.508];
const S1: [number, number] = [7.7, 51.49];
const SE: [number, number] = [7.735, 51.492];
const E1: [number, number] = [7.79, 51.5];
const E2: [number, number] = [7.82, 51.535];
const E3: [number, number] = [7.8, 51.575];
const NE: [number, number] = [7.735, 51.585];
const N1: [number, number] = [7.7, 51.582];
const NW: [number, number] = [7.665, 51.572];
const W3: [number, number] = [7.63, 51.565];
const W4: [number, number] = [7.6, 51.548];
// Inner corners around Unna-Mitte.
const MSW: [number, number] = [7.665, 51.528];
const MSE: [number, number] = [7.715, 51.528];
const MNE: [number, number] = [7.715, 51.543];
const MNW: [number, number] = [7.665, 51.543];
const KS: [number, number] = [7.735, 51.528];

export const UNNA_CITY_CODE = "unna";

export const UNNA_AREAS = {
  type: "FeatureCollection" as const,
  features: [
    feature(UNNA_CITY_CODE, "Unna", "city", null, [W1, W2, SW, S1, SE, E1, E2, E3, NE, N1, NW, W3, W4, W1]),
    feature("unna-koenigsborn", "Königsborn", "social_area", UNNA_CITY_CODE, [
      MSE,
      KS,
      NE,
      N1,
      NW,
      MNW,
      MNE,
      MSE,
    ]),
    feature("unna-mitte", "Unna-Mitte", "social_area", UNNA_CITY_CODE, [MSW, MSE, MNE, MNW, MSW]),
    feature("unna-massen", "Massen", "social_area", UNNA_CITY_CODE, [W1, W2, SW, NW, W3, W4, W1]),
    feature("unna-landgemeinden", "Landgemeinden", "social_area", UNNA_CITY_CODE, [SE, E1, E2, E3, NE, SE]),
    feature("unna-sued", "Unna-Süd", "social_area", UNNA_CITY_CODE, [SW, S1, SE, KS, MSE, MSW, SW]),
  ],
};
