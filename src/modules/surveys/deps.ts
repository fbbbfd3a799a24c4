import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseAccess } from "../casework/model.ts";

/** Passed to audited operations: the request the audit entries belong to. */
export type Audited = { requestId?: string | null };

/**
 * What a case contributes to a questionnaire (case work's `surveyContext`; its persons read is
 * audited there), with the case's `CaseAccess` handle.
 */
export type CaseSurveyContext = {
  access: CaseAccess;
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

type AccessMode = "read" | "write";

/**
 * What the survey module needs from case work, and nothing more (a subset of case work's
 * service, which the composition root passes). Case access is decided there: a case is loaded
 * once per request and its `CaseAccess` handle stands for it afterwards.
 */
export type SurveyCasework = {
  /** Free-text answers are encrypted at rest like case notes. */
  crypto: { encrypt(text: string): string; decrypt(value: string): string };
  /** The case's dimensions, persons and handle, if the principal may read/write it; audits the persons read. */
  surveyContext(
    principal: Principal,
    caseId: string,
    mode: AccessMode,
    opts?: Audited,
  ): Promise<CaseSurveyContext>;
  /** Throws unless case work issued `access` to this principal (for "write": a write handle). */
  checkAccess(principal: Principal, access: CaseAccess, mode: AccessMode): CaseAccess;
  cases: {
    /** The need-to-know check alone and its handle, without an audited read. */
    access(principal: Principal, caseId: string, mode: AccessMode, opts?: Audited): Promise<CaseAccess>;
  };
  /** Opens the needs the answers name in the case (in the caller's transaction); a write handle. */
  openNeedsFromSurvey(
    principal: Principal,
    access: CaseAccess,
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

/** The municipality's calendar day, as case work counts it (due dates, ages, contact dates). */
const MUNICIPAL_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** today() (YYYY-MM-DD) for the form engine, ages and contact dates. */
export function surveyToday(deps: Pick<CoreDeps, "clock">): string {
  return MUNICIPAL_DAY.format(deps.clock.now());
}

export const userActor = (principal: Principal) => ({ kind: "user" as const, principal });
