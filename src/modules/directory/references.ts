/**
 * The checks of what an entry refers to: framework terms and the place's area (other modules,
 * through their services), linked organizations, places, offers and images (the directory's
 * own tables). They run inside the caller's transaction like any other query (decision 018),
 * so a place created earlier in the same transaction counts.
 */
import type { FieldError } from "../../server/errors.ts";
import { AppError } from "../../server/errors.ts";
import { CONTENT_SOURCE_LANGUAGE } from "../translations/languages.ts";
import { entriesRepo } from "./entries.repo.ts";
import type { EntryData } from "./entry-data.ts";
import { imagesRepo } from "./images.repo.ts";
import type { EntityType } from "./model.ts";
import type { DirectoryContext } from "./shared.ts";
import type { EventInput, OfferInput, OrganizationInput, PlaceInput } from "./validate.ts";

type AnyInput = Partial<OfferInput & EventInput & OrganizationInput & PlaceInput>;

export function createReferenceChecks(ctx: DirectoryContext) {
  const { db, deps } = ctx;

  /** Framework terms exist; a place lies inside the tenant's areas (when it has any). */
  async function checkOtherModules(
    tenantId: string,
    type: EntityType,
    data: EntryData,
    fields: FieldError[],
  ) {
    const d = data as AnyInput;
    if (d.termIds?.length) {
      const axes = await deps.framework.list(tenantId, CONTENT_SOURCE_LANGUAGE);
      const known = new Set(axes.flatMap((a) => a.terms.map((t) => t.id)));
      d.termIds.forEach((id, i) => {
        if (!known.has(id)) fields.push({ field: `termIds.${i}`, code: "unknown_term" });
      });
    }
    if (type !== "place") return null;
    const p = data as PlaceInput;
    const hit = await deps.areas.locate(tenantId, p.lon, p.lat);
    if (hit) return hit.area.id;
    if ((await deps.areas.list(tenantId)).length > 0) {
      fields.push(
        { field: "lon", code: "place_outside_areas" },
        { field: "lat", code: "place_outside_areas" },
      );
    }
    return null;
  }

  /** Linked organizations, places, offers and images exist in this tenant. */
  async function checkOwnTables(tenantId: string, type: EntityType, data: EntryData, fields: FieldError[]) {
    const d = data as AnyInput;
    const exists = async (t: EntityType, ids: (string | null | undefined)[]) =>
      entriesRepo.existingIds(
        db,
        t,
        tenantId,
        ids.filter((x): x is string => !!x),
      );
    if (type !== "organization" && d.organizationId) {
      if (!(await exists("organization", [d.organizationId])).has(d.organizationId))
        fields.push({ field: "organizationId", code: "unknown_organization" });
    }
    if (d.placeIds?.length) {
      const found = await exists("place", d.placeIds);
      d.placeIds.forEach((id, i) => {
        if (!found.has(id)) fields.push({ field: `placeIds.${i}`, code: "unknown_place" });
      });
    }
    if (type === "event") {
      const e = data as EventInput;
      if (e.placeId && !(await exists("place", [e.placeId])).has(e.placeId))
        fields.push({ field: "placeId", code: "unknown_place" });
      if (e.offerId && !(await exists("offer", [e.offerId])).has(e.offerId))
        fields.push({ field: "offerId", code: "unknown_offer" });
    }
    for (const key of ["imageId", "logoImageId"] as const) {
      const id = d[key];
      if (id && !(await imagesRepo.image(db, tenantId, id)))
        fields.push({ field: key, code: "unknown_image" });
    }
  }

  return {
    /**
     * Checks everything the entry refers to and throws every problem at once (per field).
     * Returns the place's area (null for other types or a place outside all areas).
     */
    async check(tenantId: string, type: EntityType, data: EntryData): Promise<{ areaId: string | null }> {
      const fields: FieldError[] = [];
      const areaId = await checkOtherModules(tenantId, type, data, fields);
      await checkOwnTables(tenantId, type, data, fields);
      if (fields.length) throw AppError.validation(fields);
      return { areaId };
    },
  };
}
export type ReferenceChecks = ReturnType<typeof createReferenceChecks>;
