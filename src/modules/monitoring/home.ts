import type { Database } from "../../server/db/client.ts";
import { HOME_TOP, type HomeItemSource } from "../../server/home.ts";
import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { periodsAwaitingApproval } from "./values-repo.ts";

/**
 * What monitoring puts on the staff home (decision 092): for whoever approves, the years whose
 * working values wait for approval (new, or changed since their release).
 */
export function createMonitoringHome(deps: { db: Database }): HomeItemSource {
  return {
    headingKey: "home.module_monitoring",
    async items(principal: Principal, _today: string) {
      if (!can(principal, "monitoring.approve")) return [];
      const found = await periodsAwaitingApproval(deps.db, principal.tenantId, HOME_TOP);
      if (found.total === 0) return [];
      return [
        {
          kind: "monitoring.approval",
          labelKey: "home.monitoring_approval",
          count: found.total,
          severity: "info",
          href: "/staff/monitoring/data",
          entries: found.rows.map((r) => ({
            // A period changed after its approval waits again: its change time makes it news.
            key: `approval:${r.period}:${new Date(r.updatedAt).toISOString()}`,
            title: r.period,
            due: null,
            href: `/staff/monitoring/data/${encodeURIComponent(r.period)}`,
          })),
        },
      ];
    },
  };
}
