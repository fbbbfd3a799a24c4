import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { UserService } from "../users/service.ts";
import { type CaseRow, caseRepo } from "./cases.repo.ts";
import type { CaseInput } from "./contracts.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import { DEFAULT_PHASES } from "./model.ts";
import type { CaseworkSettingsService } from "./settings.ts";
import { userActor } from "./support.ts";

type Deps = CoreDeps & {
  audit: AuditService;
  offices: OfficeService;
  users: UserService;
  settings: CaseworkSettingsService;
};

/**
 * Opening a case, shared by the intake (a household with its first case) and "open a case"
 * for an existing household: who may be assigned, the reference number, the first phase.
 */
export function createCaseOpening(deps: Deps) {
  const { db } = deps;

  /** Refuses ids that are not active staff of the tenant, at `field.<i>`. */
  async function checkStaff(tenantId: string, ids: string[], field: string) {
    const known = new Set((await deps.users.staffNames(tenantId)).map((u) => u.id));
    const fields = ids
      .map((id, i) => (known.has(id) ? null : { field: `${field}.${i}`, code: "invalid_choice" }))
      .filter((f) => f !== null);
    if (fields.length) throw AppError.validation(fields);
  }

  /** Refuses an office id that is not one of the tenant's offices, at `field`. */
  async function checkOffice(tenantId: string, officeId: string | null, field: string) {
    if (officeId && !(await deps.offices.byId(tenantId, officeId))) {
      throw AppError.validation([{ field, code: "invalid_choice" }]);
    }
  }

  return {
    checkStaff,
    checkOffice,

    /**
     * The case workers of a new case (default: the creator). Assigning anyone but oneself
     * needs cases.assign for the case's office.
     */
    async team(principal: Principal, officeId: string | null, c: CaseInput, prefix = ""): Promise<string[]> {
      const workerIds = [...new Set(c.workerIds ?? [principal.userId])];
      await checkStaff(principal.tenantId, workerIds, `${prefix}workerIds`);
      if (workerIds.some((w) => w !== principal.userId) && !can(principal, "cases.assign", { officeId })) {
        throw AppError.forbidden();
      }
      return workerIds;
    },

    /** Inserts the case with its workers and first phase, and audits it (call inside a transaction). */
    async insert(
      principal: Principal,
      household: { id: string; officeId: string | null },
      c: CaseInput & { workerIds: string[] },
      requestId: string | null | undefined,
    ): Promise<CaseRow> {
      const tenantId = principal.tenantId;
      const now = deps.clock.now();
      const openedOn = c.openedOn ?? todayIn(CASEWORK_TIME_ZONE, now);
      const phases = (await deps.settings.phases(tenantId)).filter((p) => p.active);
      const first = phases[0]?.key ?? DEFAULT_PHASES[0].key;
      // The number counts intakes: the year of the day it is made, not of a typed date.
      const year = Number(todayIn(CASEWORK_TIME_ZONE, now).slice(0, 4));
      const reference = `${year}-${String(await caseRepo.nextReference(db, tenantId, year)).padStart(5, "0")}`;
      const row = await caseRepo.insert(db, {
        tenantId,
        reference,
        householdId: household.id,
        caseType: c.caseType,
        housingStage: c.caseType === "housing_loss_prevention" ? (c.housingStage ?? "threatened") : null,
        officeId: c.officeId ?? household.officeId,
        phaseKey: first,
        status: "open",
        openedOn,
        createdAt: now,
        updatedAt: now,
      });
      await caseRepo.replaceWorkers(
        db,
        tenantId,
        row.id,
        c.workerIds.map((u, i) => ({ userId: u, lead: i === 0 })),
        now,
      );
      await caseRepo.insertPhaseChange(db, {
        tenantId,
        caseId: row.id,
        fromPhase: null,
        toPhase: first,
        changedOn: openedOn,
        reasonEnc: null,
        changedBy: principal.userId,
        createdAt: now,
      });
      await deps.audit.record({
        actor: userActor(principal),
        action: "create",
        entityType: "case",
        entityId: row.id,
        changes: {
          reference: { old: null, new: reference },
          caseType: { old: null, new: row.caseType },
          officeId: { old: null, new: row.officeId },
          workerIds: { old: null, new: c.workerIds },
        },
        requestId: requestId ?? null,
      });
      return row;
    },
  };
}
export type CaseOpening = ReturnType<typeof createCaseOpening>;
