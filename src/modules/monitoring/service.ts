import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type AreaLevel, type AreaTreeNode, levelRank } from "../areas/levels.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseFigures } from "../casework/service.ts";
import { type SmallCellRule, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import { type AuditState, changeCell, computePeriod, parseIndicators, ranks, valueKey } from "./compute.ts";
import { createDemoSeed } from "./demo-seed.ts";
import { type LotseRefreshResult, refreshLotseFigures } from "./lotse-figures.ts";
import { type ReleaseRow, releasesRepo } from "./releases.repo.ts";
import { seriesByIndicator } from "./series.ts";
import { indexFromResults } from "./status-index.ts";
import type {
  IndexResults,
  IndicatorResult,
  MonitoringArea,
  MonitoringCell,
  PeriodResults,
  ReleaseInfo,
  SeriesResults,
} from "./types.ts";

type AreaRow = { id: string; code: string; name: string; level: AreaLevel; approximate: boolean };

const CACHE_SIZE = 200;

/** The earliest period (year) the monitoring accepts. */
/** The data import, for the import runs (decision 043). */
export { IMPORT_MAX_BYTES, type ImportPreview, type MonitoringImportService } from "./import.ts";

export const MIN_PERIOD = 1950;

/**
 * The monitoring engine (decision 016): every figure a reader sees comes from here, computed
 * from releases only and suppressed by the tenant's small-cell rule. Results of a release never
 * change, so they are cached by everything they depend on.
 */
export type { DemoPeriod, DemoValue } from "./demo-seed.ts";

export function createMonitoringService(
  deps: CoreDeps & {
    tenants: TenantService;
    audit: AuditService;
    /** The area tree, from the areas service. */
    areas: { tree(tenantId: string): Promise<AreaTreeNode[]> };
    /** Case work's aggregates for Lotse's own figures. */
    caseFigures: CaseFigures;
  },
) {
  const { db } = deps;
  const cache = new Map<string, { results: PeriodResults; audit: AuditState }>();

  const audienceOf = (principal: Principal | null) => {
    if (principal) authorize(principal, "monitoring.view");
    return principal ? ("staff" as const) : ("public" as const);
  };

  async function seriesMany(
    principal: Principal | null,
    tenantId: string,
    opts: { indicators: string[]; version?: number; level?: AreaLevel },
  ): Promise<Map<string, SeriesResults>> {
    const audience = audienceOf(principal);
    const rows = await releaseRows(tenantId);
    const version = parseVersion(rows, opts.version);
    const periods = [...effective(rows, version).keys()].sort();
    const all: PeriodResults[] = [];
    for (const period of periods) all.push(await compute(tenantId, audience, { ...opts, period, version }));
    return seriesByIndicator(periods, all, opts.indicators);
  }

  const releaseRows = (tenantId: string) => releasesRepo.rows(db, tenantId);
  const loadValues = (tenantId: string, releases: readonly ReleaseRow[]) =>
    releasesRepo.values(db, tenantId, releases);
  const definitionsOf = (tenantId: string, release: number) =>
    releasesRepo.definitions(db, tenantId, release);

  /** For each period, its latest release ≤ version. */
  function effective(rows: readonly ReleaseRow[], version: number): Map<string, ReleaseRow> {
    const out = new Map<string, ReleaseRow>();
    for (const r of rows) if (r.number <= version) out.set(r.period, r);
    return out;
  }

  async function ruleOf(tenantId: string): Promise<SmallCellRule> {
    const tenant = await deps.tenants.byId(tenantId);
    return smallCellRuleFor(tenant?.settings.smallCells);
  }

  async function areaRows(tenantId: string): Promise<AreaRow[]> {
    return (await deps.areas.tree(tenantId)).map(({ id, code, name, level, approximate }) => ({
      id,
      code,
      name,
      level,
      approximate,
    }));
  }

  function parseVersion(rows: readonly ReleaseRow[], version: number | undefined): number {
    const latest = rows.at(-1)?.number ?? 0;
    if (version === undefined) return latest;
    if (!rows.some((r) => r.number === version)) throw AppError.notFound();
    return version;
  }

  /** A period is a year "YYYY" from 1950 to the current year; anything else is a field error. */
  function checkPeriod(period: string) {
    const max = deps.clock.now().getUTCFullYear();
    if (!/^\d{4}$/.test(period) || Number(period) < MIN_PERIOD || Number(period) > max)
      throw AppError.validation([
        {
          field: "period",
          code: "period_out_of_range",
          params: { min: String(MIN_PERIOD), max: String(max) },
        },
      ]);
  }

  async function compute(
    tenantId: string,
    audience: "staff" | "public",
    opts: { period: string; version?: number; level?: AreaLevel },
  ): Promise<PeriodResults> {
    return (await computeState(tenantId, audience, opts)).results;
  }

  /**
   * One period's results and the audit state after it. Periods are suppressed in order: period
   * t starts from the state the latest earlier published period left (compute.ts, AuditState),
   * so no combination of this year's and earlier years' figures reveals a hidden one.
   */
  async function computeState(
    tenantId: string,
    audience: "staff" | "public",
    opts: { period: string; version?: number; level?: AreaLevel },
  ): Promise<{ results: PeriodResults; audit: AuditState }> {
    checkPeriod(opts.period);
    const rows = await releaseRows(tenantId);
    const version = parseVersion(rows, opts.version);
    const byPeriod = effective(rows, version);
    const release = byPeriod.get(opts.period);
    if (!release) throw AppError.notFound();
    const rule = await ruleOf(tenantId);
    const key = JSON.stringify([tenantId, version, opts.period, audience, opts.level ?? null, rule]);
    const hit = cache.get(key);
    if (hit) return hit;

    const definitions = await definitionsOf(tenantId, release.number);
    const indicators = parseIndicators(
      definitions.indicators.filter((i) => audience === "staff" || i.public),
    );
    const maxOffset = Math.max(
      1,
      ...indicators.flatMap((i) =>
        [...(i.numerator?.terms ?? []), ...(i.denominator?.terms ?? [])].map((t) => -t.offset),
      ),
    );
    // This period, the previous one (for the change), and as far back as the formulas reach.
    const needed: ReleaseRow[] = [];
    for (let k = 0; k <= maxOffset + 1; k++) {
      const r = byPeriod.get(String(Number(opts.period) - k));
      if (r) needed.push(r);
    }
    const values = await loadValues(tenantId, needed);
    const allAreas = await areaRows(tenantId);
    const withValues = new Set<string>();
    for (const key of values.get(opts.period)?.keys() ?? []) withValues.add(key.split("|")[1]!);
    const level = opts.level ?? finestLevel(allAreas.filter((a) => withValues.has(a.id)));
    const levelAreas = allAreas.filter((a) => a.level === level && withValues.has(a.id));
    const cityArea = allAreas.find((a) => a.level === "city") ?? null;
    const areaIds = levelAreas.map((a) => a.id);
    const dimensions = new Map(definitions.elements.map((e) => [e.code, e.dimensions]));

    // The latest earlier published period, at the same data version, audience and level.
    const earlier = [...byPeriod.keys()]
      .filter((p) => p < opts.period)
      .sort()
      .at(-1);
    const prior = earlier
      ? await computeState(tenantId, audience, { period: earlier, version, level })
      : null;
    const now = computePeriod(indicators, values, opts.period, areaIds, dimensions, rule, prior?.audit);
    const previousPeriod = String(Number(opts.period) - 1);
    const hasPrevious = byPeriod.has(previousPeriod);
    // The change compares with what the previous period published, never with a recomputation.
    const before = hasPrevious && earlier === previousPeriod ? prior!.results : null;

    const populationCode = indicators.find((i) => i.definition.template === "population_total")?.definition
      .code;
    const populationOf = (id: string | null): MonitoringCell | undefined => {
      const entry = populationCode ? now.byIndicator.get(populationCode) : undefined;
      return id === null ? entry?.city : entry?.byArea.get(id);
    };
    const rawPopulation = (id: string) => values.get(opts.period)?.get(valueKey("population", id, ""))?.value;
    const area = (a: AreaRow, cell: MonitoringCell | undefined, raw: number | undefined): MonitoringArea => ({
      id: a.id,
      code: a.code,
      name: a.name,
      level: a.level,
      population: cell?.value ?? null,
      sparse: raw !== undefined && raw < rule.minDenominator,
      approximate: a.approximate,
    });

    const results: IndicatorResult[] = indicators.map((ind) => {
      const entry = now.byIndicator.get(ind.definition.code)!;
      const prev = before?.indicators.find((i) => i.indicator.code === ind.definition.code);
      const change: Record<string, MonitoringCell> = {};
      for (const id of areaIds) change[id] = changeCell(entry.byArea.get(id), prev?.byArea[id]);
      return {
        indicator: ind.definition,
        byArea: Object.fromEntries(entry.byArea),
        city: entry.city,
        change,
        cityChange: changeCell(entry.city, prev?.city),
        rank: ranks(entry.byArea, ind.definition.polarity),
      };
    });
    const synthetic = results.some(
      (r) => r.city.synthetic || Object.values(r.byArea).some((c) => c.synthetic && c.value !== null),
    );
    const out: PeriodResults = {
      period: opts.period,
      previousPeriod: hasPrevious ? previousPeriod : null,
      // Earlier periods' releases shape the suppression too.
      dataVersion: Math.max(...needed.map((r) => r.number), prior?.results.dataVersion ?? 0),
      releasedAt: release.createdAt.toISOString(),
      level,
      areas: levelAreas.map((a) => area(a, populationOf(a.id), rawPopulation(a.id))),
      city: cityArea
        ? area(
            cityArea,
            populationOf(null),
            areaIds.reduce((s, id) => s + (rawPopulation(id) ?? 0), 0),
          )
        : null,
      indicators: results,
      rule,
      synthetic,
    };
    const state = { results: out, audit: now.audit };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, state);
    return state;
  }

  return {
    /** Seeds a demo data set (the demo tenant); idempotent. */
    seedDemo: createDemoSeed(deps),
    async releases(principal: Principal | null, tenantId: string): Promise<ReleaseInfo[]> {
      audienceOf(principal);
      const rows = await releaseRows(tenantId);
      const latest = effective(rows, Number.MAX_SAFE_INTEGER);
      return rows
        .map((r) => ({
          number: r.number,
          period: r.period,
          createdAt: r.createdAt.toISOString(),
          valueCount: r.valueCount,
          note: r.note,
          current: latest.get(r.period)?.number === r.number,
        }))
        .reverse();
    },

    /** Periods with a release ≤ version (default: the latest), ascending. */
    async publishedPeriods(
      principal: Principal | null,
      tenantId: string,
      opts: { version?: number } = {},
    ): Promise<string[]> {
      audienceOf(principal);
      const rows = await releaseRows(tenantId);
      const version = parseVersion(rows, opts.version);
      return [...effective(rows, version).keys()].sort();
    },

    async results(
      principal: Principal | null,
      tenantId: string,
      opts: { period: string; version?: number; level?: AreaLevel },
    ): Promise<PeriodResults> {
      return compute(tenantId, audienceOf(principal), opts);
    },

    async series(
      principal: Principal | null,
      tenantId: string,
      opts: { indicator: string; version?: number; level?: AreaLevel },
    ): Promise<SeriesResults> {
      const one = (await seriesMany(principal, tenantId, { ...opts, indicators: [opts.indicator] })).get(
        opts.indicator,
      );
      if (!one) throw AppError.notFound();
      return one;
    },

    /** Many indicators' series from one computation per period (strategy's tree of lights). */
    seriesMany,

    async index(
      principal: Principal | null,
      tenantId: string,
      opts: { period: string; version?: number; level?: AreaLevel },
    ): Promise<IndexResults> {
      const results = await compute(tenantId, audienceOf(principal), opts);
      return indexFromResults(results);
    },

    /**
     * Computes Lotse's own figures (open cases per phase, open needs per life domain,
     * referrals by status) per area into WORKING values (origin lotse) of the period; they are
     * published with the period's next approval. Counts only; the audit entry holds counts too.
     */
    async refreshLotseFigures(
      principal: Principal,
      tenantId: string,
      period: string,
    ): Promise<LotseRefreshResult> {
      authorize(principal, "monitoring.data.manage");
      if (principal.tenantId !== tenantId) throw AppError.forbidden();
      checkPeriod(period);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const result = await refreshLotseFigures(tx, tenantId, period, {
          now,
          userId: principal.userId,
          sources: { caseFigures: deps.caseFigures, areaTree: deps.areas.tree },
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.lotse_figures_refreshed",
            entityType: "monitoring_period",
            entityId: period,
            changes: {
              values: { old: null, new: result.values },
              unassigned: { old: null, new: result.unassigned },
            },
          },
          tx,
        );
        return result;
      });
    },

    /** For tests and the data page: results of a release are immutable, definitions are not. */
    clearCache() {
      cache.clear();
    },
  };
}

function finestLevel(rows: readonly AreaRow[]): AreaLevel {
  let best: AreaLevel = "city";
  for (const r of rows) if (levelRank(r.level) > levelRank(best)) best = r.level;
  return best;
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
