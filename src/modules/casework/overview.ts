import { z } from "zod";
import type { Translate } from "../../i18n/translator.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import {
  displayCount,
  type SmallCellRule,
  type Suppression,
  smallCellRuleFor,
  suppressTable,
} from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import { type CountRow, type OverviewScope, overviewRepo } from "./overview.repo.ts";
import { CASE_TYPES, LIFE_DOMAINS, REFERRAL_KINDS, REFERRAL_STATUSES } from "./schema.ts";

/**
 * Überblick (issue 4, "Overviews"): caseload, overdue tasks, phases, open needs, referrals.
 * Aggregates only. Every count passes through the tenant's small-cell rule
 * (statistics/small-cells.ts) here, before it leaves the server: the API, the staff page and
 * the CSV export all get these suppressed tables and never a raw count.
 */

export const OVERVIEW_TABLES = [
  "caseload_office",
  "caseload_worker",
  "overdue_tasks",
  "cases_phase",
  "open_needs",
  "referrals",
] as const;
export type OverviewTableId = (typeof OVERVIEW_TABLES)[number];

/** Where a case-work date is "today" (due dates are calendar days of the municipality). */
export const CASEWORK_TIME_ZONE = "Europe/Berlin";

export type OverviewCell = { value: number | null; suppressed: Suppression; display: string };
/** A row or column: data names (offices, staff, areas, phases) as `name`, catalog keys as `labelKey`. */
export type OverviewLine = { key: string; name?: string; labelKey?: string };
export type OverviewTable = {
  id: OverviewTableId;
  titleKey: string;
  rowHeaderKey: string;
  /** A list with one count column: no row totals are shown. */
  oneWay: boolean;
  rows: OverviewLine[];
  columns: OverviewLine[];
  cells: OverviewCell[][];
  rowTotals: OverviewCell[];
  columnTotals: OverviewCell[];
  total: OverviewCell;
};
export type Overview = {
  /** "tenant": all of the tenant's cases; "offices": the offices the viewer's grants cover. */
  scope: "tenant" | "offices";
  officeCount: number;
  minCount: number;
  year: number | null;
  today: string;
  tables: OverviewTable[];
};

export const overviewQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

const NONE = "none";
const countCol: OverviewLine[] = [{ key: "count", labelKey: "case_overview.col_count" }];

/** Builds a table from raw counts and suppresses it; the raw counts stay in here. */
export function buildTable(
  id: OverviewTableId,
  opts: { titleKey: string; rowHeaderKey: string; oneWay?: boolean },
  rows: OverviewLine[],
  columns: OverviewLine[],
  data: CountRow[],
  rule: SmallCellRule,
): OverviewTable {
  const ri = new Map(rows.map((r, i) => [r.key, i]));
  const ci = new Map(columns.map((c, i) => [c.key, i]));
  const counts = rows.map(() => columns.map(() => 0));
  for (const d of data) {
    const i = ri.get(d.row ?? NONE);
    const j = opts.oneWay ? 0 : ci.get(d.col ?? NONE);
    if (i === undefined || j === undefined) continue;
    counts[i]![j]! += Number(d.n);
  }
  const cell = (c: { value: number | null; suppressed: Suppression }): OverviewCell => ({
    ...c,
    display: displayCount(c, rule),
  });
  if (rows.length === 0) {
    return {
      id,
      ...opts,
      oneWay: !!opts.oneWay,
      rows,
      columns,
      cells: [],
      rowTotals: [],
      columnTotals: columns.map(() => cell({ value: 0, suppressed: null })),
      total: cell({ value: 0, suppressed: null }),
    };
  }
  const safe = suppressTable(counts, rule);
  return {
    id,
    titleKey: opts.titleKey,
    rowHeaderKey: opts.rowHeaderKey,
    oneWay: !!opts.oneWay,
    rows,
    columns,
    cells: safe.cells.map((r) => r.map(cell)),
    rowTotals: safe.rowTotals.map(cell),
    columnTotals: safe.columnTotals.map(cell),
    total: cell(safe.total),
  };
}

/** The table as CSV (RFC 4180, `;` is not used: commas and quotes), labels in the reader's language. */
export function overviewCsv(table: OverviewTable, t: Translate): string {
  const label = (l: OverviewLine) => l.name ?? (l.labelKey ? t(l.labelKey) : l.key);
  const q = (s: string) => {
    // Spreadsheet formula injection: a leading =, +, - or @ is neutralised.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines: string[][] = [];
  const total = t("case_overview.total");
  lines.push([t(table.rowHeaderKey), ...table.columns.map(label), ...(table.oneWay ? [] : [total])]);
  table.rows.forEach((r, i) => {
    lines.push([
      label(r),
      ...table.cells[i]!.map((c) => c.display),
      ...(table.oneWay ? [] : [table.rowTotals[i]!.display]),
    ]);
  });
  lines.push([
    total,
    ...table.columnTotals.map((c) => c.display),
    ...(table.oneWay ? [] : [table.total.display]),
  ]);
  return `${lines.map((l) => l.map(q).join(",")).join("\r\n")}\r\n`;
}

export function createOverviewService(deps: CoreDeps & { tenants: TenantService }) {
  const { db } = deps;

  /** Tenant-wide grants see the whole tenant; office-scoped ones their offices (decided by the policy). */
  async function scopeOf(principal: Principal): Promise<{ scope: OverviewScope; officeIds: string[] }> {
    authorize(principal, "cases.overview");
    const offices = await overviewRepo.officeNames(db, principal.tenantId);
    if (can(principal, "cases.overview", {})) return { scope: "all", officeIds: offices.map((o) => o.id) };
    const ids = offices.filter((o) => can(principal, "cases.overview", { officeId: o.id })).map((o) => o.id);
    return { scope: ids, officeIds: ids };
  }

  return {
    scopeOf,

    async overview(principal: Principal, input: unknown = {}): Promise<Overview> {
      const parsed = overviewQuerySchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const year = parsed.data.year ?? null;
      const { scope } = await scopeOf(principal);
      const tenantId = principal.tenantId;
      const tenant = await deps.tenants.byId(tenantId);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const today = todayIn(CASEWORK_TIME_ZONE, deps.clock.now());
      const range = year
        ? {
            from: new Date(Date.UTC(year, 0, 1) - 3_600_000),
            to: new Date(Date.UTC(year + 1, 0, 1) - 3_600_000),
          }
        : null;

      const [allOffices, phases, caseload, byWorker, overdue, needs, refs] = await Promise.all([
        overviewRepo.officeNames(db, tenantId),
        overviewRepo.phases(db, tenantId),
        overviewRepo.openCasesByOfficeTypeAndPhase(db, tenantId, scope),
        overviewRepo.openCasesByWorker(db, tenantId, scope),
        overviewRepo.overdueTasksByOffice(db, tenantId, scope, today),
        overviewRepo.openNeedsByDomainAndArea(db, tenantId, scope),
        overviewRepo.referralsByKindAndStatus(db, tenantId, scope, range),
      ]);
      const { byType: byOfficeType, byPhase } = caseload;
      const workerIds = [...new Set(byWorker.map((r) => r.row).filter((x): x is string => !!x))];
      const areaIds = [...new Set(needs.map((r) => r.col).filter((x): x is string => !!x))];
      const [staff, areaRows] = await Promise.all([
        overviewRepo.staffNames(db, tenantId, workerIds),
        overviewRepo.areaNames(db, tenantId, areaIds),
      ]);

      const officeRows: OverviewLine[] = (
        scope === "all" ? allOffices : allOffices.filter((o) => scope.includes(o.id))
      ).map((o) => ({ key: o.id, name: o.name }));
      // Tenant-wide viewers also see cases without an office (none in a well-kept tenant).
      const withNone = (lines: OverviewLine[], data: CountRow[]) =>
        scope === "all" && data.some((d) => d.row === null)
          ? [...lines, { key: NONE, labelKey: "case_overview.no_office" }]
          : lines;
      const workerRows: OverviewLine[] = staff
        .map((s) => ({ key: s.id, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "de"));
      const areaCols: OverviewLine[] = areaRows
        .map((a) => ({ key: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "de"));
      if (needs.some((n) => n.col === null)) areaCols.push({ key: NONE, labelKey: "case_overview.no_area" });
      const phaseCols: OverviewLine[] = phases.map((p) => ({ key: p.key, name: p.label }));
      for (const p of byPhase)
        if (p.col && !phaseCols.some((c) => c.key === p.col)) phaseCols.push({ key: p.col, name: p.col });

      const tables: OverviewTable[] = [
        buildTable(
          "caseload_office",
          { titleKey: "case_overview.t_caseload_office", rowHeaderKey: "case_overview.col_office" },
          withNone(officeRows, byOfficeType),
          CASE_TYPES.map((k) => ({ key: k, labelKey: `case_overview.case_type_${k}` })),
          byOfficeType,
          rule,
        ),
        buildTable(
          "caseload_worker",
          {
            titleKey: "case_overview.t_caseload_worker",
            rowHeaderKey: "case_overview.col_worker",
            oneWay: true,
          },
          workerRows,
          countCol,
          byWorker,
          rule,
        ),
        buildTable(
          "overdue_tasks",
          {
            titleKey: "case_overview.t_overdue_tasks",
            rowHeaderKey: "case_overview.col_office",
            oneWay: true,
          },
          withNone(officeRows, overdue),
          countCol,
          overdue,
          rule,
        ),
        buildTable(
          "cases_phase",
          { titleKey: "case_overview.t_cases_phase", rowHeaderKey: "case_overview.col_office" },
          withNone(officeRows, byPhase),
          phaseCols,
          byPhase,
          rule,
        ),
        buildTable(
          "open_needs",
          { titleKey: "case_overview.t_open_needs", rowHeaderKey: "case_overview.col_domain" },
          LIFE_DOMAINS.map((k) => ({ key: k, labelKey: `case_overview.domain_${k}` })),
          areaCols,
          needs,
          rule,
        ),
        buildTable(
          "referrals",
          { titleKey: "case_overview.t_referrals", rowHeaderKey: "case_overview.col_kind" },
          REFERRAL_KINDS.map((k) => ({ key: k, labelKey: `case_overview.kind_${k}` })),
          REFERRAL_STATUSES.map((k) => ({ key: k, labelKey: `case_overview.status_${k}` })),
          refs,
          rule,
        ),
      ];
      return {
        scope: scope === "all" ? "tenant" : "offices",
        officeCount: officeRows.length,
        minCount: rule.minCount,
        year,
        today,
        tables,
      };
    },

    async csv(principal: Principal, tableId: string, input: unknown, t: Translate): Promise<string> {
      const id = z.enum(OVERVIEW_TABLES).safeParse(tableId);
      if (!id.success) throw validationError(id.error.issues, "table");
      const o = await this.overview(principal, input);
      return overviewCsv(o.tables.find((x) => x.id === id.data)!, t);
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
