import type { VolunteerDeps } from "./deps.ts";
import { volunteerRepo } from "./repo.ts";

/**
 * Names of pool members for another module that already holds their ids (decision 103: the
 * conflicts module shows who mediated a session, also after the qualification ran out). Names
 * only; the caller's own policy decides who sees them.
 */
export function createMediatorNames(deps: VolunteerDeps) {
  return {
    async volunteerNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const wanted = new Set(ids);
      const rows = await volunteerRepo.list(deps.db, tenantId);
      return new Map(rows.filter((v) => wanted.has(v.id)).map((v) => [v.id, v.name]));
    },
  };
}
