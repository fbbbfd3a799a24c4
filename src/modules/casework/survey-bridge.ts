import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { AccessMode, CaseGuard } from "./guard.ts";
import { householdRepo } from "./households.repo.ts";
import { personRepo } from "./persons.repo.ts";
import type { Audited } from "./support.ts";
import { surveyPersonRepo } from "./survey-persons.repo.ts";

/** What case work gives questionnaires and surveys (issue 5); the surveys module decides who asks. */
export function createSurveyBridge(deps: CoreDeps & { audit: AuditService; guard: CaseGuard }) {
  const { db } = deps;
  return {
    /**
     * What a case contributes to a response — the household's area, accommodation and the
     * case's phase (analysis dimensions), and its persons (to answer for one of them) — with
     * the case's `CaseAccess` handle. Case access decides as for any read or write; the
     * persons read is audited.
     */
    async surveyContext(principal: Principal, caseId: string, mode: AccessMode, opts: Audited = {}) {
      const { row, breakGlass, access } = await deps.guard.loadCase(principal, caseId, mode);
      const t = principal.tenantId;
      const [household, persons] = await Promise.all([
        householdRepo.byId(db, t, row.householdId),
        personRepo.ofHousehold(db, t, row.householdId),
      ]);
      await deps.audit.recordReads(
        principal,
        persons.map((p) => ({ entityType: "person", entityId: p.id })),
        { requestId: opts.requestId ?? null, reason: breakGlass ? "break_glass" : null },
      );
      return {
        access,
        caseId: row.id,
        reference: row.reference,
        status: row.status,
        phaseKey: row.phaseKey,
        areaId: household?.areaId ?? null,
        accommodationKind: household?.accommodationKind ?? null,
        householdLabel: household?.label ?? "",
        persons: persons.map((p) => ({
          id: p.id,
          givenName: p.givenName,
          familyName: p.familyName,
          sex: p.sex,
          birthDate: p.birthDate,
          languages: p.languages,
        })),
      };
    },

    /**
     * For survey populations and link responses: sex, birth date, area, accommodation and
     * phase of persons — no names, no case content. The survey service authorizes the caller.
     */
    surveyPersonFacts(tenantId: string, filter: { assignedYear?: number; personIds?: string[] }) {
      return surveyPersonRepo.facts(db, tenantId, filter);
    },

    /** Names of sampled persons for the survey team's contact list; the read is audited. */
    async surveyPersonNames(principal: Principal, personIds: string[], opts: Audited = {}) {
      const rows = await surveyPersonRepo.names(db, principal.tenantId, personIds);
      await deps.audit.recordReads(
        principal,
        rows.map((p) => ({ entityType: "person", entityId: p.id })),
        { requestId: opts.requestId ?? null, reason: "survey_sample" },
      );
      return rows;
    },
  };
}
