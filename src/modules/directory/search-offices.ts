import type { OfficeSummary } from "../offices/service.ts";
import type { OpenState } from "./hours.ts";
import { type PublicContext, type PublicPlace, toPublicPlace } from "./search-context.ts";
import { type NearPoint, POSTCODE, type ResolveNear } from "./search-near.ts";
import type { SearchNotice } from "./search-params.ts";
import { searchRepo } from "./search-repo.ts";

/** The office finder: which welcome office (Willkommensbüro) is responsible for an address. */

export type OfficeHit = OfficeSummary & {
  areaName: string;
  place: PublicPlace | null;
  open: OpenState | null;
};

export type OfficeFinding = {
  near: NearPoint | null;
  notices: SearchNotice[];
  /** Null when the point is in no office's catchment (or could not be resolved); else `offices[0]`. */
  office: OfficeHit | null;
  /**
   * Every candidate office: one for an address or coordinates; for a postcode, each office whose
   * catchment holds some of the postcode's addresses (most addresses first, decision 095).
   */
  offices: OfficeHit[];
};

const MAX_Q = 200;

export function createOfficeFinder(ctx: PublicContext, resolveNear: ResolveNear) {
  const { db, deps } = ctx;
  return {
    /**
     * Which office is responsible for a point given as coordinates, an address, a street or a
     * postcode. A postcode whose addresses lie in several offices' catchments names each of them.
     */
    async findOffice(tenantId: string, text: string): Promise<OfficeFinding> {
      const notices: SearchNotice[] = [];
      const typed = text.trim().slice(0, MAX_Q);
      const near = await resolveNear(tenantId, typed);
      if (!near) {
        notices.push({ code: "near_not_found", param: "near", value: text.slice(0, 100) });
        return { near: null, notices, office: null, offices: [] };
      }
      if (!deps.responsibleOffice) return { near, notices, office: null, offices: [] };
      const code = near.kind === "postcode" ? POSTCODE.exec(typed)?.[1] : undefined;
      const spread = code && deps.addresses ? await deps.addresses.postcodeSpread(tenantId, code) : [];
      const probes = spread.length ? spread : [near];
      const offices: OfficeHit[] = [];
      for (const p of probes) {
        const hit = await deps.responsibleOffice(tenantId, p.lon, p.lat);
        if (!hit || offices.some((o) => o.id === hit.office.id)) continue;
        const placeRow = hit.office.placeId
          ? await searchRepo.place(db, tenantId, hit.office.placeId)
          : undefined;
        const areaNames = await ctx.areaNameMap(tenantId, placeRow?.area_id ? [placeRow.area_id] : []);
        const place = placeRow ? toPublicPlace(placeRow, areaNames) : null;
        offices.push({
          ...hit.office,
          areaName: hit.area.name,
          place,
          open: ctx.stateOf(place?.openingHours ?? null),
        });
      }
      return { near, notices, office: offices[0] ?? null, offices };
    },
  };
}
