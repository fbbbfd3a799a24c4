/**
 * Interchange of the directory: the HSDS 3.0 read API (resources in hsds-services.ts and
 * hsds-taxonomies.ts) and export, the GeoJSON export of places, postcode centroids, and
 * (import.ts) the CSV/XLSX import. Public reads show published entries only; texts come in the
 * requested content language with German as the fallback.
 */
import { readOnly, readOnlyMethods } from "../../server/db/ambient.ts";
import { AppError } from "../../server/errors.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import { HSDS_PROFILE, HSDS_VERSION, organizationToHsds, termToHsds } from "./hsds.ts";
import { createHsdsContext } from "./hsds-context.ts";
import { createHsdsServices } from "./hsds-services.ts";
import { createHsdsTaxonomies } from "./hsds-taxonomies.ts";
import { createImportService } from "./import.ts";
import type { InterchangeDeps } from "./interchange-deps.ts";
import { interchangeRepo as ir, type OfferFilter } from "./interchange-repo.ts";
import { directoryRepo } from "./repo.ts";
import type { RevisionEntityType } from "./schema.ts";

export {
  HSDS_DEFAULT_PER_PAGE,
  HSDS_MAX_PER_PAGE,
  HSDS_MAX_PROXIMITY,
  type HsdsQuery,
  hsdsQuery,
  parseHsdsQuery,
} from "./hsds-query.ts";
export type { InterchangeDeps };

export function createInterchangeService(deps: InterchangeDeps) {
  const ctx = createHsdsContext(deps);
  const { db, now, texts, taxonomy, locationsOf, fullServices } = ctx;

  async function exportAll(tenantId: string, lang: ContentLanguage) {
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
  }

  async function placesGeoJson(tenantId: string, lang: ContentLanguage) {
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
  }

  return {
    /** CSV/XLSX import of places and offers (preview, all-or-nothing commit). */
    import: createImportService(deps),
    // The public HSDS reads: a read replica may answer (decision 083).
    ...readOnlyMethods(createHsdsServices(ctx)),
    ...readOnlyMethods(createHsdsTaxonomies(ctx)),

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

    /** The whole published directory as one HSDS JSON document (fully nested services). */
    export: (tenantId: string, lang: ContentLanguage) => readOnly(() => exportAll(tenantId, lang)),

    /** Published places as an RFC 7946 FeatureCollection (WGS84 lon/lat). */
    placesGeoJson: (tenantId: string, lang: ContentLanguage) => readOnly(() => placesGeoJson(tenantId, lang)),

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
