import type { CoreDeps } from "../../server/deps.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { UserService } from "../users/service.ts";
import { needRepo, planItemRepo as repo } from "./case-records.repo.ts";
import type { CaseRecords } from "./case-records.ts";
import type { PlanItemInput, UpdatePlanItem } from "./contracts.ts";
import type { Audited } from "./support.ts";
import { changedFields } from "./support.ts";

/** Hilfeplan: goals, tasks under a goal, with a due date and a responsible person. */
export function createPlanItemService(deps: CoreDeps & { records: CaseRecords; users: UserService }) {
  const { db, records } = deps;
  const entity = (action: "create" | "update") => ({ type: "help_plan_item", action });

  /** A task's goal must be a goal of this case, its need a need of this case, its responsible person staff. */
  async function checkRefs(tenantId: string, caseId: string, p: PlanItemInput) {
    const fields: FieldError[] = [];
    if (p.goalId) {
      const g = await repo.byId(db, tenantId, p.goalId);
      if (!g || g.caseId !== caseId || g.goalId !== null)
        fields.push({ field: "goalId", code: "invalid_choice" });
    }
    if (p.needId) {
      const n = await needRepo.byId(db, tenantId, p.needId);
      if (!n || n.caseId !== caseId) fields.push({ field: "needId", code: "invalid_choice" });
    }
    if (p.responsibleUserId) {
      // Runs inside the write's transaction; the users module's query joins it (decision 018).
      const staff = await deps.users.staffNames(tenantId);
      if (!staff.some((s) => s.id === p.responsibleUserId))
        fields.push({ field: "responsibleUserId", code: "invalid_choice" });
    }
    if (fields.length) throw AppError.validation(fields);
  }

  return {
    async add(principal: Principal, caseId: string, input: PlanItemInput, opts: Audited = {}) {
      return records.write(
        principal,
        caseId,
        entity("create"),
        async () => {
          await checkRefs(principal.tenantId, caseId, input);
          const now = deps.clock.now();
          const row = await repo.insert(db, {
            tenantId: principal.tenantId,
            caseId,
            ...input,
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: row, fields: Object.keys(input) };
        },
        opts.requestId,
      );
    },

    async update(
      principal: Principal,
      caseId: string,
      itemId: string,
      input: UpdatePlanItem,
      opts: Audited = {},
    ) {
      const { version, ...p } = input;
      return records.write(
        principal,
        caseId,
        entity("update"),
        async () => {
          const before = await records.ofCase(repo, principal.tenantId, caseId, itemId);
          if (p.goalId === itemId) throw AppError.validation([{ field: "goalId", code: "invalid_choice" }]);
          await checkRefs(principal.tenantId, caseId, p);
          const after = await records.saveIfVersion(repo, principal.tenantId, before, version, p);
          return { id: itemId, result: after, fields: changedFields(before, p).fields.new };
        },
        opts.requestId,
      );
    },
  };
}
export type PlanItemService = ReturnType<typeof createPlanItemService>;
