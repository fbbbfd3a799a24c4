import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import type { TANDEM_REFERRAL_KINDS, TANDEM_REFERRAL_TARGETS } from "./model.ts";

/** Passed to audited operations: the request the audit entries belong to. */
export type Audited = { requestId?: string | null | undefined };

/**
 * A booking step the demo seed takes at a past moment (decision 100): the pool's rules and the
 * state machine judge it at `at` instead of the clock's now. Routes and pages never pass it.
 */
export type AtTime = Audited & { at?: Date | undefined };

/**
 * A measure of the goal tree (strategy module, issue 16). Optional until the lead wires the
 * strategy service in; without it a request's `measureId` is refused.
 */
export type MeasuresPort = { exists(tenantId: string, id: string): Promise<boolean> };

/** A directory organization: a request's institution must be one. */
export type OrganizationsPort = {
  organization(tenantId: string, id: string): Promise<{ name: string; email: string | null } | null>;
  /** The published organizations a coordinator issues booking links for. */
  published(tenantId: string): Promise<{ organizations: { id: string; name: string }[] }>;
};

/**
 * A person of a case for the tandem waiting list (case work, issue 4): need-to-know is decided
 * there (the read is audited there); `consent`: a consent for volunteer matching is in force.
 * Null: the person is not in the case's household.
 */
export type NewcomerPort = {
  newcomer(
    principal: Principal,
    caseId: string,
    personId: string,
    opts?: Audited,
  ): Promise<{ reference: string; consent: boolean } | null>;
  /**
   * The persons of a case a case worker may act on (write access, audited there): their
   * languages and whether a consent for volunteer matching is in force (decision 084).
   */
  casePersons(
    principal: Principal,
    caseId: string,
    opts?: Audited,
  ): Promise<{
    reference: string;
    persons: { id: string; name: string; languages: string[]; consent: boolean }[];
  }>;
  /**
   * A tandem's "referred" outcome as a referral of case work (decision 127), under case work's
   * rules (open case, person in the household, consent for "referral" to the target). The
   * caller learns the referral's id or why case work refused it, nothing of the case.
   */
  recordReferral(
    principal: Principal,
    v: {
      caseId: string;
      personId: string;
      kind: (typeof TANDEM_REFERRAL_KINDS)[number];
      targetType: (typeof TANDEM_REFERRAL_TARGETS)[number];
      targetId: string;
      source: string;
    },
    opts?: Audited,
  ): Promise<
    | { referralId: string }
    | { refused: "case_closed" | "not_in_household" | "invalid_target" | "consent_missing" }
  >;
};

export type VolunteerDeps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  organizations: OrganizationsPort;
  measures?: MeasuresPort | undefined;
  /** The daily retention job (decision 060). */
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "onCreated" | "byId">;
  /** The pool's coordinators, who hear when a mediator accepts, declines or cancels (optional). */
  users?: Pick<UserService, "withRole" | "byId" | "create"> | undefined;
  /**
   * Monitoring's writer of the pool's Lotse figures (decision 099); it owns the elements, the
   * indicators and the engine's small-cell rule. Optional: without it publishing is not found.
   */
  monitoring?:
    | {
        writeVolunteerFigures(
          principal: Principal,
          spec: {
            period: string;
            elements: {
              code:
                | "volunteer_requests_served"
                | "volunteer_requests_unserved"
                | "volunteer_hours_language"
                | "volunteer_hours_setting";
              name: string;
              valueType: "count" | "number";
              counts: { area: string | null; category: string; n: number }[];
            }[];
          },
        ): Promise<{ values: number; level: string; areas: number; unassigned: number }>;
      }
    | undefined;
  /** Optional like `measures`: without it a tandem from a case is refused. */
  casework?: NewcomerPort | undefined;
};
