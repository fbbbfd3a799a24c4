import { AppError } from "../../server/errors.ts";
import type { DataSubjectHooks } from "../../server/modules.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { caseLinkRepo } from "./case-link-repo.ts";
import type { CaseLinkInput } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { conflictRepo } from "./repo.ts";
import { fieldError } from "./shared.ts";

/**
 * A conflict's party who is a household of case work (decision 080): the contact point links the
 * party's pseudonym to the case, checked by case work's need-to-know; the link is what makes the
 * conflict the household's data, so case work's erasure deletes the links and its Art. 15 export
 * lists them. The conflict itself stays (it concerns other parties too, under pseudonyms).
 */
export function createCaseLinks(deps: ConflictDeps) {
  const { db } = deps;

  const audit = (
    principal: Principal,
    action: string,
    conflictId: string,
    caseId: string,
    requestId?: string,
  ) =>
    deps.audit.record({
      actor: { kind: "user", principal },
      action,
      entityType: "conflict",
      entityId: conflictId,
      changes: { caseId: action === "link_case" ? { old: null, new: caseId } : { old: caseId, new: null } },
      requestId: requestId ?? null,
    });

  const dataSubject: DataSubjectHooks = {
    async eraseSubject(tx, scope, counts) {
      const ids = await caseLinkRepo.deleteOfCases(tx, scope.tenantId, scope.caseIds);
      if (ids.length) counts.conflict_case_links = (counts.conflict_case_links ?? 0) + ids.length;
      return ids;
    },
    async subjectData({ tenantId, cases }) {
      const rows = await caseLinkRepo.ofCases(
        db,
        tenantId,
        cases.map((c) => c.id),
      );
      const section = rows.map((r) => ({
        caseReference: cases.find((c) => c.id === r.caseId)?.reference ?? r.caseId,
        conflictReference: r.reference,
        party: r.party,
        kind: r.kind,
        state: r.state,
        reportedAt: r.reportedAt.toISOString(),
        linkedAt: r.linkedAt.toISOString(),
      }));
      return { key: "conflicts", section, entityIds: rows.map((r) => r.conflictId) };
    },
  };

  return {
    dataSubject,

    /** The cases linked to a conflict's parties (the contact point's view of one conflict). */
    async caseLinks(principal: Principal, conflictId: string) {
      authorize(principal, "conflicts.handle");
      const rows = await caseLinkRepo.ofConflict(db, principal.tenantId, conflictId);
      return rows.map((r) => ({ caseId: r.caseId, party: r.party, linkedAt: r.linkedAt.toISOString() }));
    },

    /**
     * The case-link page of one conflict: its parties (pseudonyms) and their links. A link names
     * its case only to whoever may read that case by case work's rule (the case page checks
     * again); to others it is "a case you may not see". One audited read of the conflict.
     */
    async caseLinkPage(principal: Principal, conflictId: string, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const conflict = await conflictRepo.byId(db, principal.tenantId, conflictId);
      if (!conflict) throw AppError.notFound();
      const rows = await caseLinkRepo.ofConflict(db, principal.tenantId, conflictId);
      const links = await Promise.all(
        rows.map(async (r) => {
          const readable = deps.cases
            ? await deps.cases.access(principal, r.caseId, "read").then(
                () => true,
                () => false,
              )
            : false;
          return { caseId: readable ? r.caseId : null, party: r.party, linkedAt: r.linkedAt.toISOString() };
        }),
      );
      await deps.audit.recordRead(principal, "conflict", conflictId, {
        requestId: requestId ?? null,
        exposed: { caseLinks: rows.map((r) => r.id) },
      });
      return { id: conflict.id, reference: conflict.reference, parties: conflict.parties, links };
    },

    async linkCase(principal: Principal, conflictId: string, input: CaseLinkInput, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const conflict = await conflictRepo.byId(db, principal.tenantId, conflictId);
      if (!conflict) throw AppError.notFound();
      if (!conflict.parties.includes(input.party)) throw fieldError("party", "conflict_unknown_party");
      // Need-to-know is case work's: whoever may not write the case cannot tie it to a conflict.
      if (!deps.cases) throw fieldError("caseId", "conflict_case_unavailable");
      await deps.cases.access(principal, input.caseId, "write");
      const row = await caseLinkRepo.insert(db, {
        tenantId: principal.tenantId,
        conflictId,
        caseId: input.caseId,
        party: input.party,
        linkedByUserId: principal.userId,
        linkedAt: deps.clock.now(),
      });
      if (!row) throw fieldError("caseId", "conflict_case_linked");
      await audit(principal, "link_case", conflictId, input.caseId, requestId);
      return { id: row.id };
    },

    async unlinkCase(principal: Principal, conflictId: string, caseId: string, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const ids = await caseLinkRepo.delete(db, principal.tenantId, conflictId, caseId);
      if (ids.length === 0) throw AppError.notFound();
      await audit(principal, "unlink_case", conflictId, caseId, requestId);
    },
  };
}
