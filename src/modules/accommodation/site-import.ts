/**
 * The GeoJSON import of candidate sites as a run of the one import wizard (decision 104): the
 * imports module's runner calls these as the system, after the run's starter was authorised
 * with `accommodation.sites.manage`. Each site's quarter comes from the areas service (a site
 * outside every area is an error of its feature); names must be new, in the file and among the
 * tenant's sites (an import never overwrites a site). The commit reads the file again and writes
 * all sites in one transaction, or none.
 */
import { parseInput } from "../../server/validation.ts";
import { diff } from "../audit/service.ts";
import { type SiteImportOptions, siteImportOptions } from "./contracts.ts";
import type { AccommodationDeps } from "./deps.ts";
import { siteCentroid } from "./model.ts";
import { criterionRepo, siteRepo } from "./repo.ts";
import { readSiteGeoJson, type SiteFileAnalysis } from "./site-geojson.ts";

export type SiteImportAnalysis = SiteFileAnalysis & {
  ok: boolean;
  /** The quarter found for each feature (by index), when it lies inside the tenant's areas. */
  areaNames: Record<number, string>;
};

export function createSiteImport(deps: AccommodationDeps) {
  const { db } = deps;

  async function analyse(
    tenantId: string,
    upload: Uint8Array,
    options: SiteImportOptions,
  ): Promise<SiteImportAnalysis & { located: Map<number, { lon: number; lat: number; areaId: string }> }> {
    const criteria = (await criterionRepo.list(db, tenantId)).filter((c) => c.source === "manual");
    const read = readSiteGeoJson(upload, options, criteria);
    const located = new Map<number, { lon: number; lat: number; areaId: string }>();
    const areaNames: Record<number, string> = {};
    if (!read.fileErrors.length) {
      const taken = new Set((await siteRepo.list(db, tenantId)).map((s) => s.name.trim().toLowerCase()));
      const seen = new Map<string, number>();
      const nameField = `properties.${read.mapping!.name}`;
      for (const f of read.features) {
        if (f.name) {
          const key = f.name.toLowerCase();
          const first = seen.get(key);
          if (taken.has(key)) f.errors.push({ field: nameField, code: "site_import_name_exists" });
          else if (first !== undefined)
            f.errors.push({
              field: nameField,
              code: "site_import_name_repeated",
              params: { row: first + 1 },
            });
          else seen.set(key, f.index);
        }
        if (!f.geometry) continue;
        const { lon, lat } = siteCentroid(f.geometry);
        const hit = await deps.areas.locate(tenantId, lon, lat);
        if (!hit) f.errors.push({ field: "geometry", code: "place_outside_areas" });
        else {
          located.set(f.index, { lon, lat, areaId: hit.area.id });
          areaNames[f.index] = hit.area.name;
        }
      }
    }
    const ok = read.fileErrors.length === 0 && read.features.every((f) => f.errors.length === 0);
    return { ...read, ok, areaNames, located };
  }

  return {
    parseOptions: (raw: unknown): SiteImportOptions => parseInput(siteImportOptions, raw),

    async preview(
      tenantId: string,
      upload: Uint8Array,
      options: SiteImportOptions,
    ): Promise<SiteImportAnalysis> {
      const { located: _, ...analysis } = await analyse(tenantId, upload, options);
      return analysis;
    },

    /** All or nothing: `written` is null (and nothing stored) when any feature is invalid. */
    async commit(
      tenantId: string,
      upload: Uint8Array,
      options: SiteImportOptions,
    ): Promise<{ analysis: SiteImportAnalysis; written: { created: number } | null }> {
      const { located, ...analysis } = await analyse(tenantId, upload, options);
      if (!analysis.ok) return { analysis, written: null };
      const written = await db.transaction(async (tx) => {
        for (const f of analysis.features) {
          const row = await siteRepo.insert(tx, {
            tenantId,
            name: f.name!,
            geometry: f.geometry!,
            ...located.get(f.index)!,
            capacity: f.capacity!,
            existing: f.existing,
            note: f.note,
            values: f.values,
          });
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: "create",
              entityType: "accommodation_site",
              entityId: row.id,
              changes: diff(null, { name: row.name, source: "geojson_import" }),
            },
            tx,
          );
        }
        return { created: analysis.features.length };
      });
      return { analysis, written };
    },
  };
}
