/**
 * The coordinate reference systems Lotse reads (decision 044): the EPSG registry's parameters
 * in proj4 notation. Browser-safe (no proj4 here), so contracts and pages can name them.
 */
const DHDN_TOWGS84 = "+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7";
const gk = (zone: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=bessel ${DHDN_TOWGS84} +units=m +no_defs`;
const utm = (zone: number, prefix = false) =>
  `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0${prefix ? ` +x_0=${zone}500000` : ""} +units=m +no_defs`;

/** EPSG code → proj4 definition and the name the EPSG registry gives it. */
export const KNOWN_CRS = {
  4326: { name: "WGS 84", def: "+proj=longlat +datum=WGS84 +no_defs" },
  4258: { name: "ETRS89", def: "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs" },
  3857: {
    name: "WGS 84 / Pseudo-Mercator",
    def: "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs",
  },
  25832: { name: "ETRS89 / UTM zone 32N", def: utm(32) },
  25833: { name: "ETRS89 / UTM zone 33N", def: utm(33) },
  4647: { name: "ETRS89 / UTM zone 32N (zE-N)", def: utm(32, true) },
  5650: { name: "ETRS89 / UTM zone 33N (zE-N)", def: utm(33, true) },
  31466: { name: "DHDN / 3-degree Gauss-Kruger zone 2", def: gk(2) },
  31467: { name: "DHDN / 3-degree Gauss-Kruger zone 3", def: gk(3) },
  31468: { name: "DHDN / 3-degree Gauss-Kruger zone 4", def: gk(4) },
  31469: { name: "DHDN / 3-degree Gauss-Kruger zone 5", def: gk(5) },
} as const;
export type KnownEpsg = keyof typeof KNOWN_CRS;
export const KNOWN_EPSG = Object.keys(KNOWN_CRS).map(Number) as KnownEpsg[];
export const isKnownEpsg = (n: number): n is KnownEpsg => Object.hasOwn(KNOWN_CRS, n);
