import type { PublicContext } from "./search-context.ts";
import { searchRepo } from "./search-repo.ts";

/** Where a typed "near" text lies: the offer search's distance filter and the office finder share it. */

export type NearPoint = {
  lon: number;
  lat: number;
  /** What the point was found from: a house of the address list, a street, a postcode, coordinates. */
  kind: "coordinates" | "postcode" | "street" | "address";
  /** The address, postcode (and its name) or street it was resolved to; null for coordinates. */
  label: string | null;
  approximate: boolean;
};

const COORDS = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
export const POSTCODE = /(?:^|\D)(\d{5})(?:\D|$)/;

/** "lon,lat" without the address list (a directory built without it): undefined when no pair. */
function legacyCoordinates(text: string): { lon: number; lat: number } | null | undefined {
  const c = COORDS.exec(text);
  if (!c) return undefined;
  const lon = Number(c[1]);
  const lat = Number(c[2]);
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 ? { lon, lat } : null;
}

export function createNearResolver({ deps, db }: PublicContext) {
  /**
   * Coordinates (either order, decision 095), an address or street of the tenant's address list
   * (typo-tolerant), a postcode (also inside an address), a postcode's place name, or a street
   * of a published place.
   */
  return async function resolveNear(tenantId: string, text: string): Promise<NearPoint | null> {
    const coords = deps.addresses
      ? await deps.addresses.coordinates(tenantId, text)
      : legacyCoordinates(text);
    if (coords !== undefined)
      return coords
        ? { lon: coords.lon, lat: coords.lat, kind: "coordinates", label: null, approximate: false }
        : null;
    if (deps.addresses && /\p{L}{3}/u.test(text)) {
      const hit = await deps.addresses.resolve(tenantId, text);
      if (hit)
        return { lon: hit.lon, lat: hit.lat, kind: hit.kind, label: hit.label, approximate: hit.approximate };
    }
    const code = POSTCODE.exec(text)?.[1];
    if (code) {
      const pc = await searchRepo.postcode(db, tenantId, code, null);
      if (pc)
        return {
          lon: pc.lon,
          lat: pc.lat,
          kind: "postcode",
          label: pc.name ? `${pc.postcode} ${pc.name}` : pc.postcode,
          approximate: true,
        };
      // No centroid kept: where most of the postcode's addresses lie.
      const spread = deps.addresses ? await deps.addresses.postcodeSpread(tenantId, code) : [];
      return spread[0]
        ? { lon: spread[0].lon, lat: spread[0].lat, kind: "postcode", label: code, approximate: true }
        : null;
    }
    const folded = text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[%_\\]/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (folded.length < 3) return null;
    const byName = await searchRepo.postcode(db, tenantId, null, folded);
    if (byName)
      return {
        lon: byName.lon,
        lat: byName.lat,
        kind: "postcode",
        label: byName.name ? `${byName.postcode} ${byName.name}` : byName.postcode,
        approximate: true,
      };
    // A street: without a geocoder only streets of published places are known; the house number is ignored.
    const street = folded.replace(/\s*\d+\s*[a-z]?\s*(,.*)?$/, "").trim();
    if (street.length < 3) return null;
    const place = await searchRepo.placeByStreet(db, tenantId, street);
    return place
      ? { lon: place.lon, lat: place.lat, kind: "street", label: place.street, approximate: true }
      : null;
  };
}
export type ResolveNear = ReturnType<typeof createNearResolver>;
