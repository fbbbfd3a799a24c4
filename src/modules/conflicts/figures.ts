import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import {
  type SafeCount,
  type SafeTable,
  smallCellRuleFor,
  suppressTable,
} from "../statistics/small-cells.ts";
import { publishFiguresInput } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { CONFLICT_KINDS } from "./model.ts";
import { conflictRepo } from "./repo.ts";
import { mailTranslator } from "./shared.ts";

/** One published figure: conflicts reported in an area of a kind, in a quarter or (null) the year. */
export type ConflictFigureCell = {
  areaId: string;
  kind: string;
  quarter: 1 | 2 | 3 | 4 | null;
  count: SafeCount;
};

/**
 * The port monitoring takes the conflict figures through (issue 20, 5: "published into
 * monitoring as Lotse figures, as an early warning beside the district indicators"; decision 080).
 * Counts leave this module only through the small-cell rule: a hidden cell is `value: null`,
 * and the secondary suppression of the table keeps it from being recovered from the year's total.
 */
export type ConflictFigures = {
  perAreaKindQuarter(tenantId: string, year: number): Promise<{ year: number; cells: ConflictFigureCell[] }>;
};

/**
 * Area × kind by quarter as one suppressed table with its margins (rows: area and kind, sorted
 * by area name then kind; columns: the four quarters). The steering page and the port share it.
 */
export async function areaKindQuarterTable(
  deps: Pick<ConflictDeps, "db" | "tenants" | "areas">,
  tenantId: string,
  year: number,
): Promise<{ rows: { areaId: string; areaName: string; kind: string }[]; table: SafeTable }> {
  const [tenant, areas, cells] = await Promise.all([
    deps.tenants.byId(tenantId),
    deps.areas.list(tenantId),
    conflictRepo.perAreaKindQuarter(deps.db, tenantId, year),
  ]);
  const rule = smallCellRuleFor(tenant?.settings.smallCells);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const counts = new Map<string, number[]>();
  for (const c of cells) {
    const key = `${c.areaId}|${c.kind}`;
    const row = counts.get(key) ?? [0, 0, 0, 0];
    row[Number(c.quarter) - 1] = Number(c.n);
    counts.set(key, row);
  }
  const rows = [...counts.keys()]
    .map((k) => {
      const [areaId, kind] = k.split("|") as [string, string];
      return { key: k, areaId, kind, areaName: areaName.get(areaId) ?? "" };
    })
    .sort(
      (a, b) =>
        (a.areaName || a.areaId).localeCompare(b.areaName || b.areaId) || a.kind.localeCompare(b.kind),
    );
  const table = rows.length
    ? suppressTable(
        rows.map((r) => counts.get(r.key)!),
        rule,
      )
    : { cells: [], rowTotals: [], columnTotals: [], total: { value: 0, suppressed: null } };
  return { rows: rows.map(({ key: _k, ...r }) => r), table };
}

/**
 * Publishes a year's conflicts per area and kind into monitoring (decision 088): aggregate
 * counts only, handed to monitoring's service, which writes them as working values that
 * readers see only after approval and through the engine's small-cell rule. The caller needs
 * the conflict numbers (`conflicts.statistics`) and monitoring's data right.
 */
export async function publishToMonitoring(deps: ConflictDeps, principal: Principal, input: number) {
  authorize(principal, "conflicts.statistics");
  if (!deps.monitoring) throw AppError.notFound();
  const { year } = parseInput(publishFiguresInput, { year: input });
  const cells = await conflictRepo.perAreaKindQuarter(deps.db, principal.tenantId, year);
  const counts = new Map<string, { areaId: string | null; kind: string; n: number }>();
  for (const c of cells) {
    const key = `${c.areaId}|${c.kind}`;
    const row = counts.get(key) ?? { areaId: c.areaId, kind: c.kind, n: 0 };
    row.n += Number(c.n);
    counts.set(key, row);
  }
  const { t } = mailTranslator(SOURCE_LANGUAGE);
  return deps.monitoring.writeConflictFigures(principal, {
    period: String(year),
    kinds: CONFLICT_KINDS.map((key) => ({ key, name: t(`conflicts.kind_${key}`) })),
    counts: [...counts.values()],
  });
}

export function createFigures(deps: ConflictDeps): ConflictFigures {
  return {
    async perAreaKindQuarter(tenantId, year) {
      const { rows, table } = await areaKindQuarterTable(deps, tenantId, year);
      const cells = rows.flatMap((r, i) => [
        ...([1, 2, 3, 4] as const).map((quarter) => ({
          areaId: r.areaId,
          kind: r.kind,
          quarter,
          count: table.cells[i]![quarter - 1]!,
        })),
        { areaId: r.areaId, kind: r.kind, quarter: null, count: table.rowTotals[i]! },
      ]);
      return { year, cells };
    },
  };
}
