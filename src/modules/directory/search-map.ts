import type { ContentLanguage } from "../translations/languages.ts";
import type { PublicContext } from "./search-context.ts";
import type { ResolveFilter } from "./search-filter.ts";
import type { OfferSearchParams, SearchNotice } from "./search-params.ts";
import { searchRepo } from "./search-repo.ts";

/** The search's places as compact GeoJSON for the map. */

export type MapFeatureCollection = {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "Point"; coordinates: [number, number] };
    /** p: place id, n: number of matching offers there. */
    properties: { p: string; n: number };
  }[];
};

const MAP_MAX_POINTS = 60_000;

export function createMapSearch({ db }: PublicContext, resolveFilter: ResolveFilter) {
  return {
    /**
     * Compact GeoJSON of the search's places for the map: one point per published place with
     * matching offers, coordinates rounded to 5 decimals (about 1 m), properties p (place id)
     * and n (offer count). "open now" and paging do not apply to the map.
     */
    async mapPoints(
      tenantId: string,
      input: OfferSearchParams,
      lang: ContentLanguage = "de",
    ): Promise<MapFeatureCollection & { notices: SearchNotice[] }> {
      const notices: SearchNotice[] = [];
      const { filter, empty } = await resolveFilter(tenantId, { ...input, open: false }, lang, notices);
      const points = empty ? [] : await searchRepo.mapPoints(db, tenantId, filter, MAP_MAX_POINTS);
      return {
        type: "FeatureCollection",
        notices,
        features: points.map((p) => ({
          type: "Feature",
          geometry: { type: "Point", coordinates: [Number(p.lon), Number(p.lat)] },
          properties: { p: p.place_id, n: Number(p.n) },
        })),
      };
    },
  };
}
