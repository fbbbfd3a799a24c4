import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseAccess } from "../casework/model.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "../casework/overview.ts";

/** Passed to audited operations: the request the audit entries belong to. */
export type Audited = { requestId?: string | null };

/** What a case contributes to a questionnaire (case work's `surveyContext`; its read is audited there). */
export type CaseSurveyContext = {
  caseId: string;
  reference: string;
  phaseKey: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  householdLabel: string;
  persons: { id: string; givenName: string; familyName: string; sex: string; birthDate: string | null }[];
};

/** Facts about a person for populations and response dimensions: no names, no case content. */
export type SurveyPersonFacts = {
  personId: string;
  sex: string;
  birthDate: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  phaseKey: string | null;
  openCase: boolean;
};

/**
 * What the survey module needs from case work, and nothing more. The composition root passes
 * case work's service; the module depends on this shape, not on case work's internals.
 */
export type SurveyCasework = {
  /** Free-text answers are encrypted at rest like case notes. */
  crypto: { encrypt(text: string): string; decrypt(value: string): string };
  /** The case's dimensions and persons, if the principal may read/write it; audits the persons read. */
  surveyContext(
    principal: Principal,
    caseId: string,
    mode: "read" | "write",
    opts?: Audited,
  ): Promise<CaseSurveyContext>;
  /**
   * The need-to-know check alone, for a caller that shows nothing of the case but what it audits
   * itself (a questionnaire response): throws (403/404) unless the principal may read the case.
   */
  assertCaseReadable(principal: Principal, caseId: string, opts?: Audited): Promise<void>;
  /**
   * Throws unless `access` is a handle case work issued to this principal for a case of its
   * tenant (and, for "write", a write handle): the proof that the case was loaded, and its read
   * audited, once in this request.
   */
  verifyCaseAccess(principal: Principal, access: CaseAccess, mode: "read" | "write"): CaseAccess;
  /** Opens the needs the answers name in the case, inside the caller's transaction. */
  openNeedsFromSurvey(
    tx: DbOrTx,
    principal: Principal,
    caseId: string,
    input: { domains: string[]; personId: string | null; source: string; requestId?: string | null },
  ): Promise<string[]>;
  surveyPersonFacts(
    tenantId: string,
    filter: { assignedYear?: number; personIds?: string[] },
  ): Promise<SurveyPersonFacts[]>;
  /** Names of sampled persons for the contact list; the read is audited there. */
  surveyPersonNames(
    principal: Principal,
    personIds: string[],
    opts?: Audited,
  ): Promise<{ id: string; givenName: string; familyName: string; householdLabel: string }[]>;
  /** The tenant's case phases (analysis headings). */
  phases(tenantId: string): Promise<{ key: string; label: string }[]>;
};

export type SurveyDeps = CoreDeps & {
  audit: AuditService;
  casework: SurveyCasework;
  areas: Pick<AreaService, "list">;
};

/** today() for the form engine and contact dates, in the municipality's time zone. */
export function surveyToday(deps: Pick<CoreDeps, "clock">): string {
  return todayIn(CASEWORK_TIME_ZONE, deps.clock.now());
}

export const userActor = (principal: Principal) => ({ kind: "user" as const, principal });
