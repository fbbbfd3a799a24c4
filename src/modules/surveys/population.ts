import { ancestorAt } from "../areas/levels.ts";
import { type SurveyDeps, surveyToday } from "./deps.ts";
import type { PopulationDefinition } from "./model.ts";
import { ageBandOn, ageOn, type FrameMember } from "./sampling.ts";

/**
 * Populations (Grundgesamtheiten) from Lotse's data: the persons a survey's definition selects,
 * with the facts samples are stratified by (no names), and the district level of the tenant's
 * area tree that strata and cross-tabs use.
 */
export function createPopulation(deps: Pick<SurveyDeps, "clock" | "casework" | "areas">) {
  /** The district-level ancestor of an area (the coarsest level below the city). */
  async function districtMapper(tenantId: string) {
    const tree = await deps.areas.list(tenantId);
    const levels = new Set(tree.map((a) => a.level));
    const level = levels.has("district") ? "district" : levels.has("social_area") ? "social_area" : "quarter";
    const map = ancestorAt(tree, level);
    return {
      level,
      areas: tree.filter((a) => a.level === level).map((a) => ({ id: a.id, name: a.name })),
      toDistrict: (areaId: string | null) => (areaId ? map(areaId) : null),
    };
  }

  /** The sampling frame: the population's persons with their strata facts (no names). */
  async function frame(tenantId: string, population: PopulationDefinition): Promise<FrameMember[]> {
    const facts = await deps.casework.surveyPersonFacts(
      tenantId,
      population.assignedYear !== undefined ? { assignedYear: population.assignedYear } : {},
    );
    const districts = await districtMapper(tenantId);
    const day = surveyToday(deps);
    const areaFilter = population.areaIds?.length ? new Set(population.areaIds) : null;
    const tree = areaFilter ? await deps.areas.list(tenantId) : [];
    const parents = new Map(tree.map((a) => [a.id, a.parentId]));
    const inAreas = (areaId: string | null) => {
      for (let a = areaId, guard = 0; a && guard < 10; a = parents.get(a) ?? null, guard++)
        if (areaFilter?.has(a)) return true;
      return false;
    };
    return facts
      .filter((f) => population.minAge === undefined || (ageOn(f.birthDate, day) ?? -1) >= population.minAge)
      .filter((f) => !population.openCasesOnly || f.openCase)
      .filter((f) => !areaFilter || inAreas(f.areaId))
      .map((f) => ({
        personId: f.personId,
        sex: f.sex,
        ageBand: ageBandOn(f.birthDate, day),
        districtId: districts.toDistrict(f.areaId),
      }));
  }

  return { districtMapper, frame };
}

export type Population = ReturnType<typeof createPopulation>;
