import type { LocatedArea } from "../areas/model.ts";
import type { OfficeSummary, Placement, ResponsibleOffice } from "./model.ts";
import { officeRepo } from "./repo.ts";
import { type OfficeDeps, summary } from "./shared.ts";

/**
 * "Which office is responsible here?": locate the point in the area tree, then take the
 * office whose catchment holds the most specific of the area and its ancestors.
 */
export function createResponsibility(deps: OfficeDeps) {
  const { db } = deps;

  /** The office whose catchment holds the most specific of the located area and its ancestors. */
  async function officeFor(tenantId: string, located: LocatedArea): Promise<OfficeSummary | null> {
    const chain = [located.area, ...located.ancestors];
    const holders = await officeRepo.holdersOf(
      db,
      tenantId,
      chain.map((a) => a.id),
    );
    if (!holders.length) return null;
    const byArea = new Map(holders.map((h) => [h.areaId, h.officeId]));
    const officeId = chain.map((a) => byArea.get(a.id)).find((id) => id !== undefined);
    if (!officeId) return null;
    const o = await officeRepo.byId(db, tenantId, officeId);
    return o ? summary(o) : null;
  }

  return {
    /** The office responsible for a point (PUBLIC's office finder, households). */
    async responsibleFor(tenantId: string, lon: number, lat: number): Promise<ResponsibleOffice | null> {
      const located = await deps.areas.locate(tenantId, lon, lat);
      if (!located) return null;
      const office = await officeFor(tenantId, located);
      return office ? { office, area: located.area } : null;
    },

    /** Area and office of a point: both may be missing (outside every area, no catchment). */
    async place(tenantId: string, lon: number, lat: number): Promise<Placement> {
      const located = await deps.areas.locate(tenantId, lon, lat);
      return { located, office: located ? await officeFor(tenantId, located) : null };
    },

    /** The office responsible for an area (e.g. a household placed in an area). */
    async responsibleForArea(tenantId: string, areaId: string): Promise<OfficeSummary | null> {
      const areas = await deps.areas.list(tenantId);
      const area = areas.find((a) => a.id === areaId);
      if (!area) return null;
      const ancestors = await deps.areas.ancestors(tenantId, areaId);
      return officeFor(tenantId, {
        area: { id: area.id, code: area.code, name: area.name, level: area.level },
        ancestors,
      });
    },
  };
}
