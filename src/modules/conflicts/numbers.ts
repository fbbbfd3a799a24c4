import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { StatisticsView } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { areaKindQuarterTable } from "./figures.ts";
import { OUTCOMES } from "./model.ts";
import { conflictRepo } from "./repo.ts";

/**
 * Numbers for steering (issue 20, 5): aggregates only, every count through the small-cell rule.
 * Area × kind by quarter is one table with its margins (secondary suppression keeps a hidden
 * cell from being recovered by subtraction).
 */
export function createNumbers(deps: ConflictDeps) {
  const { db } = deps;
  return async function statistics(principal: Principal, year: number): Promise<StatisticsView> {
    authorize(principal, "conflicts.statistics");
    const tenantId = principal.tenantId;
    const [tenant, { rows, table }, contacts, outcomes] = await Promise.all([
      deps.tenants.byId(tenantId),
      areaKindQuarterTable(deps, tenantId, year),
      conflictRepo.firstContactByQuarter(db, tenantId, year),
      conflictRepo.outcomes(db, tenantId, year),
    ]);
    const rule = smallCellRuleFor(tenant?.settings.smallCells);
    return {
      year,
      rows: rows.map((r, i) => ({ ...r, quarters: table.cells[i]! })),
      firstContact: [1, 2, 3, 4].map((q) => {
        const r = contacts.find((c) => Number(c.quarter) === q);
        return {
          quarter: q,
          inTime: safeCount(Number(r?.inTime ?? 0), rule),
          late: safeCount(Number(r?.late ?? 0), rule),
          none: safeCount(Number(r?.none ?? 0), rule),
        };
      }),
      outcomes: OUTCOMES.map((o) => ({
        outcome: o,
        count: safeCount(Number(outcomes.find((r) => r.outcome === o)?.n ?? 0), rule),
      })),
    };
  };
}
