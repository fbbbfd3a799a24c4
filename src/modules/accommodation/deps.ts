import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseAccess } from "../casework/model.ts";
import type { MonitoringService } from "../monitoring/service.ts";

/**
 * What the accommodation module needs from others (ports, so the composition root wires them).
 * `statusIndex`: the quarter's monitoring status index (mean z-score, higher = better) in the
 * latest published period, by area id. `meetings`: the network module (issue 18), once it exists,
 * to link an adopted scenario to its council meeting.
 */
export type AccommodationDeps = CoreDeps & {
  audit: AuditService;
  casework: AccommodationCasework;
  areas: Pick<AreaService, "locate" | "list">;
  statusIndex?: (tenantId: string) => Promise<Map<string, number>>;
  meetings?: { exists(tenantId: string, id: string): Promise<boolean> };
};

/**
 * What placements need from case work (a subset of its service). Need-to-know is decided there:
 * `surveyContext` loads the case with its household's persons (the read is audited there) and
 * issues the handle; `cases.access` is the check alone, without an audited read.
 */
export type AccommodationCasework = {
  surveyContext(
    principal: Principal,
    caseId: string,
    mode: "read" | "write",
    opts?: { requestId?: string | null },
  ): Promise<{ access: CaseAccess; reference: string; householdLabel: string; persons: { id: string }[] }>;
  cases: {
    access(principal: Principal, caseId: string, mode: "read" | "write"): Promise<CaseAccess>;
  };
};

/** The status-index port from the monitoring service: the latest published period, public audience. */
export function statusIndexFrom(monitoring: Pick<MonitoringService, "publishedPeriods" | "index">) {
  return async (tenantId: string): Promise<Map<string, number>> => {
    const period = (await monitoring.publishedPeriods(null, tenantId)).at(-1);
    if (!period) return new Map();
    const index = await monitoring.index(null, tenantId, { period });
    return new Map(
      index.areas
        .filter((a) => a.status !== null)
        .map((a) => [a.area.id, Math.round(a.status! * 1000) / 1000]),
    );
  };
}
