import { AppError } from "../../server/errors.ts";
import { type Action, authorize, can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";

/**
 * THE need-to-know rule of case work (decision 014). Every read or write of a case, its
 * persons, notes, needs, plan, contacts and attachments is decided here, with `can()` from the
 * policy plus the facts of the case:
 *
 * - a grant of `case_worker`/`supervisor` scoped to the whole tenant: every case;
 * - a grant scoped to an office: the cases of that office (the office's team);
 * - a case worker assigned to a case (case_workers): that case, whatever its office;
 * - break-glass: an unexpired `break_glass_accesses` row for (user, case), for a user who
 *   holds `cases.break_glass` (the privacy service creates and reviews those rows);
 * - anyone else (coordinator, analyst, partner, data-protection officer, …): never.
 *
 * `guard.ts` applies it when loading a case or household and issues the `CaseAccess` handle.
 */

/** What the rule needs to know about a case. */
export type CaseFacts = {
  tenantId: string;
  officeId: string | null;
  /** The case workers assigned to the case (case_workers.user_id). */
  workerIds: readonly string[];
};

/** For list filters: the offices whose cases the principal may see ("all": every office), plus assigned cases. */
export type CaseAccessScope = {
  officeIds: string[] | "all";
  userId: string;
  /** False when the principal holds no case-work role at all: the list is empty / 403. */
  any: boolean;
};

export function caseAccess(principal: Principal): CaseAccessScope {
  return {
    officeIds: scopeIdsFor(principal, "cases.read", "office"),
    userId: principal.userId,
    // A case-work role in any scope (an area-scoped one still sees the cases assigned to it).
    any: can(principal, "cases.read"),
  };
}

function decide(
  principal: Principal,
  action: Action,
  facts: CaseFacts,
  opts: { breakGlass?: boolean },
): Principal {
  // 401/403 for whoever holds no case-work role at all (in any scope).
  authorize(principal, action);
  if (principal.tenantId !== facts.tenantId) throw AppError.notFound();
  // With a resource, can() admits only a grant on the whole tenant or on the case's own office:
  // an area- or organization-scoped grant never opens a case.
  if (can(principal, action, { officeId: facts.officeId })) return principal;
  if (facts.workerIds.includes(principal.userId)) return principal;
  if (opts.breakGlass && can(principal, "cases.break_glass")) return principal;
  throw AppError.forbidden();
}

/** Throws 401/403 (404 for another tenant's case) unless the principal may read this case. */
export function assertCaseRead(principal: Principal, facts: CaseFacts, opts: { breakGlass?: boolean } = {}) {
  return decide(principal, "cases.read", facts, opts);
}

/** Throws unless the principal may change this case (and what belongs to it). */
export function assertCaseWrite(principal: Principal, facts: CaseFacts, opts: { breakGlass?: boolean } = {}) {
  return decide(principal, "cases.write", facts, opts);
}

/** True when may-read holds, without throwing. */
export function mayReadCase(
  principal: Principal,
  facts: CaseFacts,
  opts: { breakGlass?: boolean } = {},
): boolean {
  try {
    assertCaseRead(principal, facts, opts);
    return true;
  } catch {
    return false;
  }
}
