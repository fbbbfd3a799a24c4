/**
 * Interchange of the directory: the HSDS 3.0 read API and export, the GeoJSON export of places,
 * postcode centroids, and (import.ts) the CSV/XLSX import. Public reads show published entries
 * only; texts come in the requested content language with German as the fallback.
 */
import { z } from "zod";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import {
  derivedId,
  distanceMeters,
  fullServiceToHsds,
  HSDS_PROFILE,
  HSDS_VERSION,
  locationToHsds,
  organizationToHsds,
  page,
  serviceToHsds,
  type TermRef,
  type Texts,
  termToHsds,
} from "./hsds.ts";
import { createImportService } from "./import.ts";
import type { InterchangeDeps } from "./interchange-deps.ts";
import { interchangeRepo as ir, type OfferFilter } from "./interchange-repo.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import type { OfferRow, PlaceRow } from "./repo.ts";
import { directoryRepo } from "./repo.ts";
import type { RevisionEntityType } from "./schema.ts";
import { queryWords } from "./search-text.ts";

export const HSDS_DEFAULT_PER_PAGE = 50;
export const HSDS_MAX_PER_PAGE = 500;
/** Largest proximity radius accepted (metres). */
export const HSDS_MAX_PROXIMITY = 200_000;

export type { InterchangeDeps };

const intParam = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, { error: "code:invalid" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();
const uuidParam = () =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "code:invalid" })
    .transform((v) => v.toLowerCase())
    .optional();
const boolParam = () =>
  z
    .enum(["true", "false"], { error: "code:invalid" })
    .transform((v) => v === "true")
    .optional();

/** Query parameters of the HSDS list endpoints (names as in the HSDS OpenAPI document). */
export const hsdsQuery = z.object({
  page: intParam(1, 1_000_000),
  per_page: intParam(1, HSDS_MAX_PER_PAGE),
  search: z.string().max(200).optional(),
  taxonomy_term_id: uuidParam(),
  taxonomy_id: uuidParam(),
  organization_id: uuidParam(),
  parent_id: uuidParam(),
  top_only: boolParam(),
  full: boolParam(),
  modified_after: z
    .string()
    .trim()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: "code:invalid_date" })
    .optional(),
  /** HSDS: list services as `id` and `modified_date` only. */
  minimal: boolParam(),
  /** HSDS: `json` (pages, the default) or `ndjson` (every result, one per line, no pages). */
  format: z.enum(["json", "ndjson"], { error: "code:invalid" }).optional(),
  postcode: z.string().trim().max(10).optional(),
  /**
   * HSDS: metres from the centroid of `postcode`. Lotse also accepts "lat,lon,metres" for a
   * search around any point without a postcode.
   */
  proximity: z.string().trim().max(60).optional(),
});
export type HsdsQuery = z.output<typeof hsdsQuery>;

export function parseHsdsQuery(raw: Record<string, string | undefined>): HsdsQuery {
  const r = hsdsQuery.safeParse(raw);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}

function taxonomyToHsds(a: { id: string; key: string; kind: string; label?: { text: string } | null }) {
  const name = a.label?.text ?? a.key;
  return { id: a.id, name, description: `${name} (${a.kind})`, version: "1" };
}

export function createInterchangeService(deps: InterchangeDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();
  const today = () => now().toISOString().slice(0, 10);

  async function texts(tenantId: string, entityType: string, ids: string[], lang: ContentLanguage) {
    const resolved = await deps.translations.resolve(tenantId, entityType, ids, lang);
    const out = new Map<string, Texts>();
    for (const [id, fields] of resolved) {
      const t: Texts = {};
      for (const [f, v] of Object.entries(fields)) t[f] = v.text;
      out.set(id, t);
    }
    return out;
  }

  async function taxonomy(tenantId: string, lang: ContentLanguage) {
    const axes = await deps.framework.list(tenantId, lang);
    const terms = new Map<string, TermRef & { parentId: string | null }>();
    for (const a of axes) {
      for (const t of a.terms) {
        terms.set(t.id, {
          id: t.id,
          axisId: a.id,
          axisKind: a.kind,
          key: t.key,
          name: t.label?.text ?? t.key,
          description: t.description?.text ?? "",
          parentId: t.parentId,
        });
      }
    }
    return { axes, terms };
  }

  function pageArgs(q: HsdsQuery) {
    const perPage = q.per_page ?? HSDS_DEFAULT_PER_PAGE;
    const pageNumber = q.page ?? 1;
    return { perPage, pageNumber, offset: (pageNumber - 1) * perPage };
  }

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

  async function locationsOf(tenantId: string, placeRows: PlaceRow[], lang: ContentLanguage) {
    const t = await texts(
      tenantId,
      "place",
      placeRows.map((p) => p.id),
      lang,
    );
    const at = now();
    return new Map(
      placeRows.map((p) => [
        p.id,
        locationToHsds(p, t.get(p.id) ?? {}, lang, { at, timeZone: DIRECTORY_TIME_ZONE }),
      ]),
    );
  }

  async function fullServices(tenantId: string, rows: OfferRow[], lang: ContentLanguage) {
    const ids = rows.map((o) => o.id);
    const [offerTexts, links, termLinks, tax] = await Promise.all([
      texts(tenantId, "offer", ids, lang),
      ir.placeIdsOfOffers(db, tenantId, ids),
      ir.termIdsOf(db, tenantId, "offer", ids),
      taxonomy(tenantId, lang),
    ]);
    const placeRows = await ir.placesByIds(db, tenantId, [...new Set(links.map((l) => l.placeId))]);
    const locations = await locationsOf(tenantId, placeRows, lang);
    const orgRows = await ir.organizationsByIds(db, tenantId, [
      ...new Set(rows.map((o) => o.organizationId)),
    ]);
    const orgTexts = await texts(
      tenantId,
      "organization",
      orgRows.map((o) => o.id),
      lang,
    );
    const orgs = new Map(orgRows.map((o) => [o.id, organizationToHsds(o, orgTexts.get(o.id) ?? {})]));
    const at = now();
    return rows.map((o) =>
      fullServiceToHsds(o, offerTexts.get(o.id) ?? {}, {
        lang,
        today: today(),
        at,
        timeZone: DIRECTORY_TIME_ZONE,
        organization: orgs.get(o.organizationId) ?? null,
        locations: links
          .filter((l) => l.offerId === o.id)
          .map((l) => locations.get(l.placeId))
          .filter((x): x is Record<string, unknown> => !!x),
        terms: termLinks
          .filter((l) => l.entityId === o.id)
          .map((l) => tax.terms.get(l.termId))
          .filter((x): x is TermRef & { parentId: string | null } => !!x),
      }),
    );
  }

  return {
    /** CSV/XLSX import of places and offers (preview, all-or-nothing commit). */
    import: createImportService(deps),

    /** GET /api/hsds/ */
    info(baseUrl: string, tenantName: string) {
      return {
        version: HSDS_VERSION,
        profile: HSDS_PROFILE,
        openapi_url: `${baseUrl}/api/hsds/openapi.json`,
        description: `Wegweiser (directory of offers and places) of ${tenantName}, published entries only, as HSDS ${HSDS_VERSION}. Texts in ?lang= or Accept-Language, falling back to German.`,
        publisher: { name: tenantName, website: baseUrl },
      };
    },

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

    async organizations(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const words = q.search ? q.search.trim().split(/\s+/).filter(Boolean).slice(0, 8) : [];
      const [total, rows] = await Promise.all([
        ir.countOrganizations(db, tenantId, words),
        ir.organizations(db, tenantId, words, perPage, offset),
      ]);
      const t = await texts(
        tenantId,
        "organization",
        rows.map((o) => o.id),
        lang,
      );
      return page(
        rows.map((o) => organizationToHsds(o, t.get(o.id) ?? {})),
        total,
        pageNumber,
        perPage,
      );
    },

    async organization(tenantId: string, id: string, lang: ContentLanguage) {
      const [row] = /^[0-9a-f-]{36}$/i.test(id)
        ? await ir.organizationsByIds(db, tenantId, [id.toLowerCase()])
        : [];
      if (!row) throw AppError.notFound();
      const t = await texts(tenantId, "organization", [row.id], lang);
      const offersOf = await ir.offers(db, tenantId, { organizationId: row.id }, 1000, 0);
      const st = await texts(
        tenantId,
        "offer",
        offersOf.map((o) => o.id),
        lang,
      );
      return {
        ...organizationToHsds(row, t.get(row.id) ?? {}),
        services: offersOf.map((o) => serviceToHsds(o, st.get(o.id) ?? {}, { today: today() })),
      };
    },

    async taxonomies(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const { axes } = await taxonomy(tenantId, lang);
      const all = axes.map(taxonomyToHsds);
      const words = q.search ? queryWords(q.search) : [];
      const hits = all.filter((a) => words.every((w) => a.name.toLowerCase().includes(w)));
      return page(hits.slice(offset, offset + perPage), hits.length, pageNumber, perPage);
    },

    async taxonomyTerms(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const { terms } = await taxonomy(tenantId, lang);
      const parents = new Set([...terms.values()].map((t) => t.parentId).filter(Boolean));
      const words = q.search ? queryWords(q.search) : [];
      const hits = [...terms.values()]
        .filter((t) => !q.taxonomy_id || t.axisId === q.taxonomy_id)
        .filter((t) => !q.parent_id || t.parentId === q.parent_id)
        // HSDS: "top_only: only retrieve taxonomy terms that have no child terms".
        .filter((t) => !q.top_only || !parents.has(t.id))
        .filter((t) => words.every((w) => t.name.toLowerCase().includes(w)))
        .map((t) => ({ ...termToHsds(t, lang), ...(t.parentId ? { parent_id: t.parentId } : {}) }));
      return page(hits.slice(offset, offset + perPage), hits.length, pageNumber, perPage);
    },

    /** GET /taxonomies/{id}: one axis of the framework as an HSDS taxonomy. */
    async taxonomy(tenantId: string, id: string, lang: ContentLanguage) {
      const { axes } = await taxonomy(tenantId, lang);
      const a = axes.find((x) => x.id === id.toLowerCase());
      if (!a) throw AppError.notFound();
      return taxonomyToHsds(a);
    },

    /** GET /taxonomy_terms/{id} */
    async taxonomyTerm(tenantId: string, id: string, lang: ContentLanguage) {
      const { terms } = await taxonomy(tenantId, lang);
      const t = terms.get(id.toLowerCase());
      if (!t) throw AppError.notFound();
      return { ...termToHsds(t, lang), ...(t.parentId ? { parent_id: t.parentId } : {}) };
    },

    /**
     * GET /service_at_locations/{id}: the ids are derived from the offer and place (no table
     * of their own), so the pair is found by deriving the id of each published pair.
     */
    async serviceAtLocation(tenantId: string, id: string, lang: ContentLanguage) {
      const wanted = id.toLowerCase();
      const pairs = await ir.serviceAtLocationPairs(db, tenantId, {});
      const pair = pairs.find((p) => derivedId("service_at_location", p.offerId, p.placeId) === wanted);
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
          id: derivedId("service_at_location", p.offerId, p.placeId),
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

    /** The whole published directory as one HSDS JSON document (fully nested services). */
    async export(tenantId: string, lang: ContentLanguage) {
      const f: OfferFilter = {};
      const total = await ir.countOffers(db, tenantId, f);
      const services: Record<string, unknown>[] = [];
      for (let offset = 0; offset < total; offset += 500) {
        const rows = await ir.offers(db, tenantId, f, 500, offset);
        services.push(...(await fullServices(tenantId, rows, lang)));
      }
      const orgTotal = await ir.countOrganizations(db, tenantId, []);
      const orgRows = await ir.organizations(db, tenantId, [], Math.max(orgTotal, 1), 0);
      const ot = await texts(
        tenantId,
        "organization",
        orgRows.map((o) => o.id),
        lang,
      );
      const placeRows = await ir.places(db, tenantId);
      const locations = await locationsOf(tenantId, placeRows, lang);
      const { axes, terms } = await taxonomy(tenantId, lang);
      return {
        hsds_version: HSDS_VERSION,
        generated_at: now().toISOString(),
        language: lang,
        organizations: orgRows.map((o) => organizationToHsds(o, ot.get(o.id) ?? {})),
        locations: [...locations.values()],
        services,
        taxonomies: axes.map((a) => ({
          id: a.id,
          name: a.label?.text ?? a.key,
          description: `${a.label?.text ?? a.key} (${a.kind})`,
          version: "1",
        })),
        taxonomy_terms: [...terms.values()].map((t) => ({
          ...termToHsds(t, lang),
          ...(t.parentId ? { parent_id: t.parentId } : {}),
        })),
      };
    },

    /** Published places as an RFC 7946 FeatureCollection (WGS84 lon/lat). */
    async placesGeoJson(tenantId: string, lang: ContentLanguage) {
      const rows = await ir.places(db, tenantId);
      const t = await texts(
        tenantId,
        "place",
        rows.map((p) => p.id),
        lang,
      );
      return {
        type: "FeatureCollection" as const,
        features: rows.map((p) => ({
          type: "Feature" as const,
          id: p.id,
          geometry: { type: "Point" as const, coordinates: [p.lon, p.lat] },
          properties: {
            name: t.get(p.id)?.name ?? p.name,
            street: p.street,
            postcode: p.postcode,
            city: p.city,
            organizationId: p.organizationId,
            languages: p.languages,
            coordinatesApproximate: p.coordinatesApproximate,
          },
        })),
      };
    },

    // ---- Postcodes and existence checks (demo seed, import) ----

    /** Creates or updates postcode centroids (the tenant's table; demo seed and import). */
    async upsertPostcodes(
      tenantId: string,
      rows: { postcode: string; name: string | null; lat: number; lon: number; approximate: boolean }[],
    ): Promise<void> {
      await db.transaction(async (tx) => {
        for (const r of rows) {
          if (!/^\d{5}$/.test(r.postcode))
            throw AppError.validation([{ field: "postcode", code: "postcode_format" }]);
          await ir.upsertPostcode(tx, { tenantId, ...r });
        }
      });
    },

    async postcodes(tenantId: string) {
      return ir.postcodes(db, tenantId);
    },

    /** Which of these ids exist as entries of the type (any status). */
    async existingIds(tenantId: string, type: RevisionEntityType, ids: readonly string[]) {
      return directoryRepo.existingIds(db, type, tenantId, ids);
    },
  };
}
export type InterchangeService = ReturnType<typeof createInterchangeService>;
