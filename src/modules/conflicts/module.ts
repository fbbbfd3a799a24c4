import { defineModule } from "#app/server/modules.ts";
import { registerConflictApi } from "./api.ts";
import { registerConflictCrisisApi } from "./crisis-api.ts";
import { registerConflictPlanApi } from "./plan-api.ts";
import type { ConflictService } from "./service.ts";

/**
 * Conflict management (issue 20, decision 052). No data-subject hook: a conflict names its
 * parties by pseudonym and is not linked to case work's persons; its own retention (closed
 * conflicts deleted after three years) and erasure on request run in this module.
 */
export const conflictsModule = defineModule({
  name: "conflicts",
  namespaces: ["conflicts"],
  actions: [
    "conflicts.read",
    "conflicts.handle",
    "conflicts.report",
    "conflicts.posts",
    "conflicts.escalated",
    "conflicts.statistics",
    "conflicts.erase",
    "conflicts.plans",
    "conflicts.plans_view",
    "conflicts.crisis",
    "conflicts.crisis_activate",
  ],
  pages: ["/staff/conflicts"],
  // Crises first: `/conflicts/crises` must not be taken for `/conflicts/{id}`.
  http: { api: [registerConflictCrisisApi, registerConflictApi, registerConflictPlanApi] },
  // Every tenant has its next daily run (digest, retention) queued (idempotent).
  schedule: (s: { conflicts: ConflictService }) => () => s.conflicts.daily.scheduleAll(),
});
