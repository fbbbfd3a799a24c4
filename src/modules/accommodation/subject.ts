import type { DataSubjectHooks } from "../../server/modules.ts";
import type { AccommodationDeps } from "./deps.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";

/**
 * The accommodation module's part of a data subject's rights (decision 026, 065). A placement
 * belongs to the case it was made under: when case work erases a case (Art. 17 for the
 * household, or retention of a closed case) its placements go first, in the same transaction.
 * A single person's erasure leaves the household's placement (it names no person; its size
 * stays as it was when placed).
 */
export function createSubjectHooks(deps: AccommodationDeps): DataSubjectHooks {
  return {
    async eraseSubject(tx, scope, counts) {
      const ids = await placementRepo.deleteOfCases(tx, scope.tenantId, scope.caseIds);
      if (ids.length) counts.accommodation_placements = (counts.accommodation_placements ?? 0) + ids.length;
      return ids;
    },

    async subjectData({ tenantId, cases }) {
      const rows = await placementRepo.ofCases(
        deps.db,
        tenantId,
        cases.map((c) => c.id),
      );
      const names = new Map((await accommodationRepo.list(deps.db, tenantId)).map((a) => [a.id, a]));
      const section = rows.map((r) => ({
        accommodation: names.get(r.accommodationId)?.name ?? r.accommodationId,
        address: names.get(r.accommodationId)?.address ?? null,
        caseReference: cases.find((c) => c.id === r.caseId)?.reference ?? r.caseId,
        room: r.room,
        moveIn: r.moveIn,
        moveOut: r.moveOut,
      }));
      return { key: "accommodation", section, entityIds: rows.map((r) => r.id) };
    },
  };
}
