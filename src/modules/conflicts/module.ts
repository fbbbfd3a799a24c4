import { defineModule } from "#app/server/modules.ts";
import { registerConflictApi } from "./api.ts";
import { registerConflictCrisisApi } from "./crisis-api.ts";
import { registerConflictPlanApi } from "./plan-api.ts";
import { registerConflictPublicReportApi } from "./public-report-api.ts";
import type { ConflictService } from "./service.ts";

/**
 * Conflict management (issue 20, decision 052). A conflict names its parties by pseudonym; its
 * own retention (closed conflicts deleted after three years) and erasure on request run in this
 * module. A party linked to a case of case work (decision 080) is the household's data: case
 * work's erasure and Art. 15 export take the links along through `dataSubject`.
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
    "conflicts.mediate",
    "conflicts.plans",
    "conflicts.plans_view",
    "conflicts.crisis",
    "conflicts.crisis_activate",
  ],
  pages: ["/staff/conflicts"],
  // Crises and public reports first: `/conflicts/crises` must not be taken for `/conflicts/{id}`.
  http: {
    api: [
      registerConflictCrisisApi,
      registerConflictPublicReportApi,
      registerConflictApi,
      registerConflictPlanApi,
    ],
  },
  // Every tenant has its next daily run (digest, retention) queued (idempotent).
  schedule: (s: { conflicts: ConflictService }) => () => s.conflicts.daily.scheduleAll(),
  dataSubject: (s: { conflicts: ConflictService }) => s.conflicts.dataSubject,
});
