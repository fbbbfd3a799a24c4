import type { Database } from "../../server/db/client.ts";
import { isAppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { nameKey } from "./duplicates.ts";
import type { CaseGuard } from "./guard.ts";
import { householdRepo } from "./households.repo.ts";
import type { DuplicateCandidate, DuplicateReport } from "./model.ts";
import { personRepo, type SimilarPerson } from "./persons.repo.ts";

export type PersonKey = { givenName: string; familyName: string; birthDate: string | null };

/**
 * The duplicate check (decision 014): persons resembling these (similar folded name, same or
 * close birth date). Candidates in households the principal may see are named (an audited
 * read); the others are only counted, so nobody learns of a person outside their teams.
 */
export function createDuplicateCheck(deps: { db: Database; audit: AuditService; guard: CaseGuard }) {
  const { db } = deps;

  async function visibleHouseholds(principal: Principal, ids: string[]): Promise<Set<string>> {
    const visible = new Set<string>();
    for (const id of ids) {
      try {
        await deps.guard.loadHousehold(principal, id, "read");
        visible.add(id);
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
    }
    return visible;
  }

  return async function duplicatesOf(
    principal: Principal,
    people: PersonKey[],
    excludeHousehold?: string,
  ): Promise<DuplicateReport> {
    const found = new Map<string, SimilarPerson>();
    for (const p of people) {
      if (!p.birthDate) continue;
      const key = nameKey(p.givenName, p.familyName);
      const rows = await personRepo.similar(db, principal.tenantId, key, p.birthDate, excludeHousehold);
      for (const r of rows) found.set(r.personId, r);
    }
    if (!found.size) return { visible: [], hiddenCount: 0 };
    const households = await householdRepo.byIds(db, principal.tenantId, [
      ...new Set([...found.values()].map((r) => r.householdId)),
    ]);
    const visibleIds = await visibleHouseholds(
      principal,
      households.map((h) => h.id),
    );
    const labels = new Map(households.map((h) => [h.id, h.label]));
    const visible: DuplicateCandidate[] = [];
    let hiddenCount = 0;
    for (const r of found.values()) {
      if (!visibleIds.has(r.householdId)) {
        hiddenCount++;
        continue;
      }
      visible.push({
        householdId: r.householdId,
        householdLabel: labels.get(r.householdId) ?? "",
        personId: r.personId,
        givenName: r.givenName,
        familyName: r.familyName,
        birthDate: r.birthDate,
      });
    }
    if (visible.length) {
      await deps.audit.recordReads(
        principal,
        visible.map((v) => ({ entityType: "person", entityId: v.personId })),
        { reason: "duplicate_check" },
      );
    }
    return { visible, hiddenCount };
  };
}
export type DuplicateCheck = ReturnType<typeof createDuplicateCheck>;
