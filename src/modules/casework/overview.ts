import type { Translate } from "../../i18n/translator.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { OfficeService } from "../offices/service.ts";
import { type SmallCellRule, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import { CASE_TYPES, LIFE_DOMAINS, REFERRAL_KINDS, REFERRAL_STATUSES } from "./model.ts";
import type { OverviewQuery, OverviewTableId } from "./overview.contracts.ts";
import { type CountRow, type OverviewScope, overviewRepo } from "./overview.repo.ts";
import {
  buildTable,
  NONE,
  type Overview,
  type OverviewLine,
  type OverviewTable,
  overviewCsv,
} from "./overview-tables.ts";

/**
 * Überblick (issue 4, "Overviews"): caseload, overdue tasks, phases, open needs, referrals.
 * Aggregates only. Every count passes through the tenant's small-cell rule
 * (statistics/small-cells.ts) here, before it leaves the server: the API, the staff page and
 * the CSV export all get these suppressed tables and never a raw count.
 */

// Other modules and the data-protection services take "today" from here.
export { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
export type { Overview, OverviewCell, OverviewLine, OverviewTable } from "./overview-tables.ts";

const countCol: OverviewLine[] = [{ key: "count", labelKey: "case_overview.col_count" }];
const byName = (a: { name?: string }, b: { name?: string }) =>
  (a.name ?? "").localeCompare(b.name ?? "", "de");

type Deps = CoreDeps & {
  tenants: TenantService;
  offices: OfficeService;
  users: UserService;
  areas: AreaService;
};

export function createOverviewService(deps: Deps) {
  const { db } = deps;

  /** Tenant-wide grants see the whole tenant; office-scoped ones their offices (decided by the policy). */
  async function scopeOf(principal: Principal) {
    authorize(principal, "cases.overview");
    const offices = await deps.offices.listSummaries(principal.tenantId);
    if (can(principal, "cases.overview", {})) return { scope: "all" as OverviewScope, offices };
    const mine = offices.filter((o) => can(principal, "cases.overview", { officeId: o.id }));
    return { scope: mine.map((o) => o.id) as OverviewScope, offices: mine };
  }

  async function counts(tenantId: string, scope: OverviewScope, today: string, year: number | null) {
    // A year of sending in Berlin time (UTC+1 at new year).
    const range = year
      ? {
          from: new Date(Date.UTC(year, 0, 1) - 3_600_000),
          to: new Date(Date.UTC(year + 1, 0, 1) - 3_600_000),
        }
      : null;
    const [phases, caseload, byWorker, overdue, needs, refs] = await Promise.all([
      overviewRepo.phases(db, tenantId),
      overviewRepo.openCasesByOfficeTypeAndPhase(db, tenantId, scope),
      overviewRepo.openCasesByWorker(db, tenantId, scope),
      overviewRepo.overdueTasksByOffice(db, tenantId, scope, today),
      overviewRepo.openNeedsByDomainAndArea(db, tenantId, scope),
      overviewRepo.referralsByKindAndStatus(db, tenantId, scope, range),
    ]);
    return { phases, ...caseload, byWorker, overdue, needs, refs };
  }

  /**
   * Names for the ids in the counts, from the modules that own them. Case workers no longer
   * active share one row, so their counts still add up.
   */
  async function names(tenantId: string, c: Awaited<ReturnType<typeof counts>>) {
    const [staff, areas] = await Promise.all([deps.users.staffNames(tenantId), deps.areas.list(tenantId)]);
    const active = new Map(staff.map((s) => [s.id, s.displayName]));
    const workers = new Set(c.byWorker.map((r) => r.row).filter((x): x is string => !!x));
    const workerRows: OverviewLine[] = [...workers]
      .filter((id) => active.has(id))
      .map((id) => ({ key: id, name: active.get(id)! }))
      .sort(byName);
    const byWorker = c.byWorker.map((r) => (r.row && active.has(r.row) ? r : { ...r, row: NONE }));
    if (byWorker.some((r) => r.row === NONE))
      workerRows.push({ key: NONE, labelKey: "case_overview.former_staff" });
    const areaIds = new Set(c.needs.map((r) => r.col));
    const areaCols: OverviewLine[] = areas
      .filter((a) => areaIds.has(a.id))
      .map((a) => ({ key: a.id, name: a.name }))
      .sort(byName);
    if (c.needs.some((n) => n.col === null)) areaCols.push({ key: NONE, labelKey: "case_overview.no_area" });
    const phaseCols: OverviewLine[] = c.phases.map((p) => ({ key: p.key, name: p.label }));
    for (const p of c.byPhase)
      if (p.col && !phaseCols.some((x) => x.key === p.col)) phaseCols.push({ key: p.col, name: p.col });
    return { workerRows, byWorker, areaCols, phaseCols };
  }

  function tables(
    officeRows: OverviewLine[],
    withNone: (lines: OverviewLine[], data: CountRow[]) => OverviewLine[],
    c: Awaited<ReturnType<typeof counts>>,
    n: Awaited<ReturnType<typeof names>>,
    rule: SmallCellRule,
  ): OverviewTable[] {
    const office = { rowHeaderKey: "case_overview.col_office" };
    return [
      buildTable(
        "caseload_office",
        { titleKey: "case_overview.t_caseload_office", ...office },
        withNone(officeRows, c.byType),
        CASE_TYPES.map((k) => ({ key: k, labelKey: `case_overview.case_type_${k}` })),
        c.byType,
        rule,
      ),
      buildTable(
        "caseload_worker",
        {
          titleKey: "case_overview.t_caseload_worker",
          rowHeaderKey: "case_overview.col_worker",
          oneWay: true,
        },
        n.workerRows,
        countCol,
        n.byWorker,
        rule,
      ),
      buildTable(
        "overdue_tasks",
        { titleKey: "case_overview.t_overdue_tasks", ...office, oneWay: true },
        withNone(officeRows, c.overdue),
        countCol,
        c.overdue,
        rule,
      ),
      buildTable(
        "cases_phase",
        { titleKey: "case_overview.t_cases_phase", ...office },
        withNone(officeRows, c.byPhase),
        n.phaseCols,
        c.byPhase,
        rule,
      ),
      buildTable(
        "open_needs",
        { titleKey: "case_overview.t_open_needs", rowHeaderKey: "case_overview.col_domain" },
        LIFE_DOMAINS.map((k) => ({ key: k, labelKey: `case_overview.domain_${k}` })),
        n.areaCols,
        c.needs,
        rule,
      ),
      buildTable(
        "referrals",
        { titleKey: "case_overview.t_referrals", rowHeaderKey: "case_overview.col_kind" },
        REFERRAL_KINDS.map((k) => ({ key: k, labelKey: `case_overview.kind_${k}` })),
        REFERRAL_STATUSES.map((k) => ({ key: k, labelKey: `case_overview.status_${k}` })),
        c.refs,
        rule,
      ),
    ];
  }

  async function overview(principal: Principal, query: OverviewQuery = {}): Promise<Overview> {
    const year = query.year ?? null;
    const { scope, offices } = await scopeOf(principal);
    const tenantId = principal.tenantId;
    const rule = smallCellRuleFor((await deps.tenants.byId(tenantId))?.settings.smallCells);
    const today = todayIn(CASEWORK_TIME_ZONE, deps.clock.now());
    const c = await counts(tenantId, scope, today, year);
    const officeRows: OverviewLine[] = offices.map((o) => ({ key: o.id, name: o.name }));
    // Tenant-wide viewers also see cases without an office (none in a well-kept tenant).
    const withNone = (lines: OverviewLine[], data: CountRow[]) =>
      scope === "all" && data.some((d) => d.row === null)
        ? [...lines, { key: NONE, labelKey: "case_overview.no_office" }]
        : lines;
    return {
      scope: scope === "all" ? "tenant" : "offices",
      officeCount: officeRows.length,
      minCount: rule.minCount,
      year,
      today,
      tables: tables(officeRows, withNone, c, await names(tenantId, c), rule),
    };
  }

  return {
    overview,

    async csv(
      principal: Principal,
      tableId: OverviewTableId,
      query: OverviewQuery,
      t: Translate,
    ): Promise<string> {
      const o = await overview(principal, query);
      return overviewCsv(o.tables.find((x) => x.id === tableId)!, t);
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
