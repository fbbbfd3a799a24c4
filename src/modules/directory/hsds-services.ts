/** HSDS resources /services and /service_at_locations (offer × place), with place selection. */
import { AppError } from "../../server/errors.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import {
  decodeServiceAtLocationId,
  distanceMeters,
  page,
  serviceAtLocationId,
  serviceToHsds,
} from "./hsds.ts";
import type { HsdsContext } from "./hsds-context.ts";
import { HSDS_MAX_PROXIMITY, type HsdsQuery } from "./hsds-query.ts";
import { interchangeRepo as ir, type OfferFilter } from "./interchange-repo.ts";
import type { OfferRow, PlaceRow } from "./repo.ts";
import { queryWords } from "./search-text.ts";

export function createHsdsServices(ctx: HsdsContext) {
  const { db, today, texts, taxonomy, pageArgs, locationsOf, fullServices } = ctx;

  async function offerFilter(tenantId: string, q: HsdsQuery, lang: ContentLanguage): Promise<OfferFilter> {
    const f: OfferFilter = {};
    if (q.search) f.words = queryWords(q.search);
    if (q.organization_id) f.organizationId = q.organization_id;
    if (q.modified_after) f.modifiedAfter = new Date(q.modified_after);
    if (q.taxonomy_term_id) f.termIds = [q.taxonomy_term_id];
    else if (q.taxonomy_id) {
      const { terms } = await taxonomy(tenantId, lang);
      f.termIds = [...terms.values()].filter((t) => t.axisId === q.taxonomy_id).map((t) => t.id);
    }
    return f;
  }

  /** Places selected by postcode and/or proximity; null when neither is given. */
  async function placeSelection(tenantId: string, q: HsdsQuery): Promise<PlaceRow[] | null> {
    if (!q.postcode && !q.proximity) return null;
    let center: { lat: number; lon: number } | null = null;
    let radius: number | null = null;
    if (q.proximity) {
      const parts = q.proximity.split(",").map((s) => s.trim());
      const nums = parts.map(Number);
      if (parts.length === 1 && Number.isFinite(nums[0])) radius = nums[0]!;
      else if (parts.length === 3 && nums.every(Number.isFinite)) {
        center = { lat: nums[0]!, lon: nums[1]! };
        radius = nums[2]!;
        if (Math.abs(center.lat) > 90 || Math.abs(center.lon) > 180)
          throw AppError.validation([{ field: "proximity", code: "geometry_out_of_range" }]);
      } else throw AppError.validation([{ field: "proximity", code: "invalid" }]);
      if (radius <= 0 || radius > HSDS_MAX_PROXIMITY)
        throw AppError.validation([{ field: "proximity", code: "invalid" }]);
    }
    if (q.postcode && !/^\d{5}$/.test(q.postcode))
      throw AppError.validation([{ field: "postcode", code: "postcode_format" }]);
    if (radius !== null && !center) {
      // HSDS: proximity is measured from the centroid of the given postcode.
      if (!q.postcode) throw AppError.validation([{ field: "postcode", code: "required" }]);
      const pc = await ir.postcode(db, tenantId, q.postcode);
      if (!pc) return [];
      center = { lat: pc.lat, lon: pc.lon };
    }
    if (center && radius !== null) {
      const dLat = radius / 111_320;
      const dLon = radius / (111_320 * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
      const box = {
        west: center.lon - dLon,
        east: center.lon + dLon,
        south: center.lat - dLat,
        north: center.lat + dLat,
      };
      const c = center;
      return (await ir.places(db, tenantId, { box }))
        .map((p) => ({ p, d: distanceMeters(c.lat, c.lon, p.lat, p.lon) }))
        .filter((x) => x.d <= radius!)
        .sort((a, b) => a.d - b.d)
        .map((x) => x.p);
    }
    // Postcode alone: the places with that postcode.
    return ir.places(db, tenantId, { postcode: q.postcode! });
  }

  return {
    async services(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const f = await offerFilter(tenantId, q, lang);
      const [total, rows] = await Promise.all([
        ir.countOffers(db, tenantId, f),
        ir.offers(db, tenantId, f, perPage, offset),
      ]);
      if (q.minimal)
        return page(
          rows.map((o) => ({ id: o.id, modified_date: o.updatedAt.toISOString() })),
          total,
          pageNumber,
          perPage,
        );
      if (q.full) return page(await fullServices(tenantId, rows, lang), total, pageNumber, perPage);
      const t = await texts(
        tenantId,
        "offer",
        rows.map((o) => o.id),
        lang,
      );
      return page(
        rows.map((o) => serviceToHsds(o, t.get(o.id) ?? {}, { today: today() })),
        total,
        pageNumber,
        perPage,
      );
    },

    async service(tenantId: string, id: string, lang: ContentLanguage) {
      const row = /^[0-9a-f-]{36}$/i.test(id)
        ? await ir.offerById(db, tenantId, id.toLowerCase())
        : undefined;
      if (!row) throw AppError.notFound();
      const [full] = await fullServices(tenantId, [row], lang);
      return full!;
    },

    /**
     * GET /service_at_locations/{id}: the id is decoded into the prefixes of offer and place
     * (serviceAtLocationId), the few pairs in those ranges are read by index, and the one whose
     * id matches in full is the answer. Anything else, malformed ids included, is a 404.
     */
    async serviceAtLocation(tenantId: string, id: string, lang: ContentLanguage) {
      const range = decodeServiceAtLocationId(id);
      if (!range) throw AppError.notFound();
      const wanted = id.trim().toLowerCase();
      const pairs = await ir.serviceAtLocationPairs(db, tenantId, {}, range);
      const pair = pairs.find((p) => serviceAtLocationId(p.offerId, p.placeId) === wanted);
      if (!pair) throw AppError.notFound();
      const row = await ir.offerById(db, tenantId, pair.offerId);
      const [placeRow] = await ir.placesByIds(db, tenantId, [pair.placeId]);
      if (!row || !placeRow) throw AppError.notFound();
      const [service] = await fullServices(tenantId, [row], lang);
      const locations = await locationsOf(tenantId, [placeRow], lang);
      return {
        id: wanted,
        service_id: pair.offerId,
        location_id: pair.placeId,
        service,
        location: locations.get(pair.placeId),
      };
    },

    async serviceAtLocations(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const f = await offerFilter(tenantId, q, lang);
      const selected = await placeSelection(tenantId, q);
      if (selected) f.placeIds = selected.map((p) => p.id);
      let pairs = await ir.serviceAtLocationPairs(db, tenantId, f);
      if (selected && (q.proximity ?? "").length > 0) {
        // Nearest first when searching around a point.
        const rank = new Map(selected.map((p, i) => [p.id, i]));
        pairs = [...pairs].sort((a, b) => rank.get(a.placeId)! - rank.get(b.placeId)!);
      }
      const slice = pairs.slice(offset, offset + perPage);
      const placeRows = await ir.placesByIds(db, tenantId, [...new Set(slice.map((p) => p.placeId))]);
      const locations = await locationsOf(tenantId, placeRows, lang);
      const offerIds = [...new Set(slice.map((p) => p.offerId))];
      const offerRows = await Promise.all(offerIds.map((id) => ir.offerById(db, tenantId, id)));
      const ot = await texts(tenantId, "offer", offerIds, lang);
      const services = new Map(
        offerRows
          .filter((o): o is OfferRow => !!o)
          .map((o) => [o.id, serviceToHsds(o, ot.get(o.id) ?? {}, { today: today() })]),
      );
      return page(
        slice.map((p) => ({
          id: serviceAtLocationId(p.offerId, p.placeId),
          service_id: p.offerId,
          location_id: p.placeId,
          service: services.get(p.offerId),
          location: locations.get(p.placeId),
        })),
        pairs.length,
        pageNumber,
        perPage,
      );
    },
  };
}
