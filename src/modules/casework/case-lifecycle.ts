import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseOpening } from "./case-opening.ts";
import { type CaseInsert, type CaseRow, caseRepo } from "./cases.repo.ts";
import type { AssignWorkers, ChangePhase, CloseCase, ReopenCase, UpdateCase } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import { addYears, CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import type { CaseGuard } from "./guard.ts";
import type { CaseworkSettingsService } from "./settings.ts";
import { type Audited, changedFields, userActor } from "./support.ts";

type Deps = CoreDeps & {
  audit: AuditService;
  guard: CaseGuard;
  crypto: CaseCrypto;
  settings: CaseworkSettingsService;
  opening: CaseOpening;
};
type Changes = Record<string, { old: unknown; new: unknown }>;

/** A case's course: its type, its case workers, phase changes, closure and reopening. */
export function createCaseLifecycle(deps: Deps) {
  const { db, guard } = deps;
  const today = () => todayIn(CASEWORK_TIME_ZONE, deps.clock.now());

  /** Compare-and-set on the case's version, with `extra` writes and the audit entry in one transaction. */
  async function save(
    principal: Principal,
    before: CaseRow,
    version: number,
    patch: Partial<CaseInsert>,
    action: string,
    audit: { changes?: Changes; requestId?: string | null | undefined },
    extra?: (after: CaseRow) => Promise<void>,
  ): Promise<CaseRow> {
    return db.transaction(async () => {
      const after = await caseRepo.updateIfVersion(
        db,
        principal.tenantId,
        before.id,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await extra?.(after);
      await deps.audit.record({
        actor: userActor(principal),
        action,
        entityType: "case",
        entityId: before.id,
        changes: audit.changes ?? changedFields(before, patch),
        requestId: audit.requestId ?? null,
      });
      return after;
    });
  }

  return {
    /** The case type (and the housing-loss stage, only for that type). */
    async update(principal: Principal, caseId: string, input: UpdateCase, opts: Audited = {}) {
      const { row } = await guard.loadCase(principal, caseId, "write");
      const patch = {
        caseType: input.caseType,
        housingStage:
          input.caseType === "housing_loss_prevention" ? (input.housingStage ?? "threatened") : null,
      };
      return save(principal, row, input.version, patch, "update", { requestId: opts.requestId });
    },

    /** Replaces the case workers (cases.assign for the case's office). */
    async assignWorkers(principal: Principal, caseId: string, input: AssignWorkers, opts: Audited = {}) {
      const { row, facts } = await guard.loadCase(principal, caseId, "write");
      if (!can(principal, "cases.assign", { officeId: row.officeId })) throw AppError.forbidden();
      const ids = [...new Set(input.workerIds)];
      await deps.opening.checkStaff(principal.tenantId, ids, "workerIds");
      const lead = input.leadId && ids.includes(input.leadId) ? input.leadId : ids[0]!;
      const changes = { workerIds: { old: facts.workerIds, new: ids } };
      return save(principal, row, input.version, {}, "assign", { changes, requestId: opts.requestId }, () =>
        caseRepo.replaceWorkers(
          db,
          principal.tenantId,
          caseId,
          ids.map((u) => ({ userId: u, lead: u === lead })),
          deps.clock.now(),
        ),
      );
    },

    /** Phase change with its date and reason (the reason is encrypted). */
    async changePhase(principal: Principal, caseId: string, input: ChangePhase, opts: Audited = {}) {
      const { row } = await guard.loadCase(principal, caseId, "write");
      const phases = (await deps.settings.phases(principal.tenantId)).filter((x) => x.active);
      if (!phases.some((x) => x.key === input.toPhase))
        throw AppError.validation([{ field: "toPhase", code: "invalid_choice" }]);
      if (input.toPhase === row.phaseKey)
        throw AppError.validation([{ field: "toPhase", code: "phase_unchanged" }]);
      if (input.changedOn > today())
        throw AppError.validation([{ field: "changedOn", code: "date_in_future" }]);
      if (input.changedOn < row.openedOn)
        throw AppError.validation([{ field: "changedOn", code: "date_before_opened" }]);
      if (row.status !== "open") throw new AppError("conflict");
      const changes = {
        phaseKey: { old: row.phaseKey, new: input.toPhase },
        changedOn: { old: null, new: input.changedOn },
      };
      return save(
        principal,
        row,
        input.version,
        { phaseKey: input.toPhase },
        "phase_change",
        { changes, requestId: opts.requestId },
        () =>
          caseRepo.insertPhaseChange(db, {
            tenantId: principal.tenantId,
            caseId,
            fromPhase: row.phaseKey,
            toPhase: input.toPhase,
            changedOn: input.changedOn,
            reasonEnc: deps.crypto.encrypt(input.reason),
            changedBy: principal.userId,
            createdAt: deps.clock.now(),
          }),
      );
    },

    /** Closure with a reason: retention will delete the case after the tenant's period. */
    async close(principal: Principal, caseId: string, input: CloseCase, opts: Audited = {}) {
      const { row } = await guard.loadCase(principal, caseId, "write");
      if (row.status === "closed") throw new AppError("conflict");
      if (input.closedOn < row.openedOn)
        throw AppError.validation([{ field: "closedOn", code: "date_before_opened" }]);
      if (input.closedOn > today())
        throw AppError.validation([{ field: "closedOn", code: "date_in_future" }]);
      const years = await deps.settings.retentionPeriod(principal.tenantId);
      const patch = {
        status: "closed" as const,
        closedOn: input.closedOn,
        closureReason: input.reason,
        retentionDueOn: addYears(input.closedOn, years),
      };
      const changes = {
        status: { old: "open", new: "closed" },
        closureReason: { old: null, new: input.reason },
        retentionDueOn: { old: null, new: patch.retentionDueOn },
      };
      return save(principal, row, input.version, patch, "close", { changes, requestId: opts.requestId });
    },

    async reopen(principal: Principal, caseId: string, input: ReopenCase, opts: Audited = {}) {
      const { row } = await guard.loadCase(principal, caseId, "write");
      if (row.status !== "closed") throw new AppError("conflict");
      const patch = { status: "open" as const, closedOn: null, closureReason: null, retentionDueOn: null };
      const changes = {
        status: { old: "closed", new: "open" },
        retentionDueOn: { old: row.retentionDueOn, new: null },
      };
      return save(principal, row, input.version, patch, "reopen", { changes, requestId: opts.requestId });
    },
  };
}
export type CaseLifecycle = ReturnType<typeof createCaseLifecycle>;
