import type { DataSubjectHooks } from "../../server/modules.ts";
import type { AccommodationDeps } from "./deps.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";
import { roomRepo } from "./rooms.repo.ts";

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
      const placed = await placementRepo.ofCases(tx, scope.tenantId, scope.caseIds);
      await roomRepo.deleteShares(
        tx,
        scope.tenantId,
        placed.map((p) => p.id),
      );
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
      const roomName = new Map((await roomRepo.all(deps.db, tenantId)).map((r) => [r.id, r.name]));
      const shares = await roomRepo.sharesOf(
        deps.db,
        tenantId,
        rows.map((r) => r.id),
      );
      const section = rows.map((r) => ({
        accommodation: names.get(r.accommodationId)?.name ?? r.accommodationId,
        address: names.get(r.accommodationId)?.address ?? null,
        caseReference: cases.find((c) => c.id === r.caseId)?.reference ?? r.caseId,
        room: r.room,
        rooms: shares.filter((s) => s.placementId === r.id).map((s) => roomName.get(s.roomId) ?? s.roomId),
        moveIn: r.moveIn,
        moveOut: r.moveOut,
      }));
      return { key: "accommodation", section, entityIds: rows.map((r) => r.id) };
    },
  };
}
