import type { Database } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { assertCaseRead, assertCaseWrite, type CaseFacts, caseAccess } from "./access.ts";
import { type CaseRow, caseRepo } from "./cases.repo.ts";
import { type HouseholdRow, householdRepo } from "./households.repo.ts";
import type { CaseAccess } from "./model.ts";

export type AccessMode = "read" | "write";

/** A case the principal may read or write, with the handle other modules take instead of loading it again. */
export type LoadedCase = { row: CaseRow; facts: CaseFacts; breakGlass: boolean; access: CaseAccess };

const actionOf = (mode: AccessMode) => (mode === "read" ? "cases.read" : "cases.write");

/**
 * Loads cases and households through THE need-to-know rule (`access.ts`), break-glass
 * included, and issues the `CaseAccess` handle. A handle is good only with this case work
 * instance and for the user it was issued to (`check`).
 */
export function createCaseGuard(deps: { db: Database; clock: { now(): Date } }) {
  const { db } = deps;
  const issued = new WeakMap<CaseAccess, string>();

  function mayDo(principal: Principal, mode: AccessMode, facts: CaseFacts): boolean {
    try {
      (mode === "read" ? assertCaseRead : assertCaseWrite)(principal, facts);
      return true;
    } catch {
      return false;
    }
  }

  function handle(principal: Principal, row: CaseRow, mode: AccessMode, breakGlass: boolean): CaseAccess {
    const access = Object.freeze({
      caseId: row.id,
      tenantId: row.tenantId,
      householdId: row.householdId,
      mode,
      breakGlass,
    }) as CaseAccess;
    issued.set(access, principal.userId);
    return access;
  }

  async function breakGlassOpen(principal: Principal, caseIds: string[]): Promise<boolean> {
    if (!can(principal, "cases.break_glass")) return false;
    for (const id of caseIds) {
      if (await caseRepo.activeBreakGlass(db, deps.clock.now(), principal.tenantId, principal.userId, id))
        return true;
    }
    return false;
  }

  /** The case, if the principal may read/write it (break-glass honoured); 404/403 otherwise. */
  async function loadCase(principal: Principal, caseId: string, mode: AccessMode): Promise<LoadedCase> {
    authorize(principal, actionOf(mode));
    if (!isUuid(caseId)) throw AppError.notFound();
    const row = await caseRepo.byId(db, principal.tenantId, caseId);
    if (!row) throw AppError.notFound();
    const workers = await caseRepo.workersOf(db, principal.tenantId, [row.id]);
    const facts: CaseFacts = {
      tenantId: principal.tenantId,
      officeId: row.officeId,
      workerIds: workers.map((w) => w.userId),
    };
    const assert = mode === "read" ? assertCaseRead : assertCaseWrite;
    try {
      assert(principal, facts);
      return { row, facts, breakGlass: false, access: handle(principal, row, mode, false) };
    } catch (e) {
      if (!isAppError(e) || e.code !== "forbidden") throw e;
      if (!(await breakGlassOpen(principal, [row.id]))) throw e;
      assert(principal, facts, { breakGlass: true });
      return { row, facts, breakGlass: true, access: handle(principal, row, mode, true) };
    }
  }

  /** A household is visible through its own office or through any case of it the principal may see. */
  async function loadHousehold(principal: Principal, householdId: string, mode: AccessMode) {
    authorize(principal, actionOf(mode));
    if (!isUuid(householdId)) throw AppError.notFound();
    const household: HouseholdRow | undefined = await householdRepo.byId(db, principal.tenantId, householdId);
    if (!household) throw AppError.notFound();
    const cases = await caseRepo.ofHousehold(db, principal.tenantId, household.id);
    const workers = await caseRepo.workersOf(
      db,
      principal.tenantId,
      cases.map((c) => c.id),
    );
    const factsOf = (c: CaseRow): CaseFacts => ({
      tenantId: principal.tenantId,
      officeId: c.officeId,
      workerIds: workers.filter((w) => w.caseId === c.id).map((w) => w.userId),
    });
    const byOffice = [household.officeId, ...cases.map((c) => c.officeId)].some((officeId) =>
      mayDo(principal, mode, { tenantId: principal.tenantId, officeId, workerIds: [] }),
    );
    const ok = byOffice || cases.some((c) => mayDo(principal, mode, factsOf(c)));
    const breakGlass =
      !ok &&
      (await breakGlassOpen(
        principal,
        cases.map((c) => c.id),
      ));
    if (!ok && !breakGlass) throw AppError.forbidden();
    return { household, cases, factsOf, breakGlass };
  }

  /**
   * Throws unless `access` was issued by this guard to this principal's user, in its tenant,
   * and (for `write`) as a write handle.
   */
  function check(principal: Principal, access: CaseAccess, mode: AccessMode): CaseAccess {
    if (issued.get(access) !== principal.userId || access.tenantId !== principal.tenantId)
      throw AppError.forbidden();
    if (mode === "write" && access.mode !== "write") throw AppError.forbidden();
    return access;
  }

  /** The principal's single office, when the grants name exactly one (default for new households). */
  function ownOffice(principal: Principal): string | null {
    const scope = caseAccess(principal);
    return scope.officeIds !== "all" && scope.officeIds.length === 1 ? scope.officeIds[0]! : null;
  }

  return { loadCase, loadHousehold, mayDo, check, ownOffice };
}
export type CaseGuard = ReturnType<typeof createCaseGuard>;
