import type { CoreDeps } from "../../server/deps.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { MonitoringService } from "../monitoring/service.ts";

/**
 * What the accommodation module needs from others (ports, so the composition root wires them).
 * `statusIndex`: the quarter's monitoring status index (mean z-score, higher = better) in the
 * latest published period, by area id. `meetings`: the network module (issue 18), once it exists,
 * to link an adopted scenario to its council meeting.
 */
export type AccommodationDeps = CoreDeps & {
  audit: AuditService;
  areas: Pick<AreaService, "locate" | "list">;
  statusIndex?: (tenantId: string) => Promise<Map<string, number>>;
  meetings?: { exists(tenantId: string, id: string): Promise<boolean> };
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
