import type { DbOrTx } from "../../server/db/client.ts";
import type { DataSubjectHooks, DeletedCounts, ErasureScope } from "../../server/modules.ts";
import { privacyRepo } from "./privacy.repo.ts";

/**
 * Deletion of persons, households and cases for Art. 17 and retention. What other modules hold
 * about them (survey responses, links, samples, …) goes first, through each module's own
 * `eraseSubject` hook (decision 026), in the same transaction; then case work's own rows.
 */
export function createEraser(hooks: readonly DataSubjectHooks[]) {
  async function others(tx: DbOrTx, scope: ErasureScope, counts: DeletedCounts): Promise<string[]> {
    const ids: string[] = [];
    for (const h of hooks) ids.push(...(await h.eraseSubject(tx, scope, counts)));
    return ids;
  }
  return {
    async cases(tx: DbOrTx, tenantId: string, caseIds: string[], counts: DeletedCounts) {
      if (caseIds.length === 0) return [];
      const ids = await others(tx, { tenantId, caseIds, personIds: [] }, counts);
      return [...ids, ...(await privacyRepo.deleteCases(tx, tenantId, caseIds, counts))];
    },
    async person(tx: DbOrTx, tenantId: string, personId: string, counts: DeletedCounts) {
      const ids = await others(tx, { tenantId, caseIds: [], personIds: [personId] }, counts);
      return [...ids, ...(await privacyRepo.deletePerson(tx, tenantId, personId, counts))];
    },
    async household(tx: DbOrTx, tenantId: string, householdId: string, counts: DeletedCounts) {
      const members = await privacyRepo.householdMembers(tx, tenantId, householdId);
      const ids = await others(tx, { tenantId, ...members }, counts);
      return [...ids, ...(await privacyRepo.deleteHousehold(tx, tenantId, householdId, counts))];
    },
  };
}
