import { AppError, type FieldError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { MonitoringService } from "../monitoring/service.ts";
import { safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { AddValue, CreateIndicator } from "./contracts.ts";
import type { StrategyDeps } from "./deps.ts";
import { lightOf } from "./evaluation.model.ts";
import { type IndicatorRow, indicatorRepo, type ValueRow } from "./indicators.repo.ts";
import { type IndicatorActual, type IndicatorView, type SeriesPoint, unitMismatches } from "./model.ts";
import { treeRepo } from "./repo.ts";

type Measured = { period: string; value: number; source: string };

/** Indicators of goals: typed (with approval), monitoring releases, Lotse figures on the spot. */
export function createIndicators(deps: StrategyDeps) {
  const { db } = deps;

  /** The monitoring indicator as released, or a field error when it is not (any more). */
  async function monitoringUnit(principal: Principal, tenantId: string, code: string) {
    try {
      const s = await deps.monitoring.series(can(principal, "monitoring.view") ? principal : null, tenantId, {
        indicator: code,
      });
      return { unit: s.indicator.unit as string, series: s };
    } catch (e) {
      if (isAppError(e) && e.code === "not_found") return null;
      throw e;
    }
  }

  /** What every indicator of a page needs from other modules, fetched once (decision 079). */
  async function sourcesFor(principal: Principal, tenantId: string, rows: IndicatorRow[]) {
    const codes = rows
      .filter((r) => r.kind === "monitoring" && r.monitoringCode)
      .map((r) => r.monitoringCode!);
    const [series, tenant] = await Promise.all([
      codes.length
        ? deps.monitoring.seriesMany(can(principal, "monitoring.view") ? principal : null, tenantId, {
            indicators: codes,
          })
        : (new Map() as Awaited<ReturnType<MonitoringService["seriesMany"]>>),
      deps.tenants.byId(tenantId),
    ]);
    return { series, rule: smallCellRuleFor(tenant?.settings.smallCells) };
  }
  type Sources = Awaited<ReturnType<typeof sourcesFor>>;

  async function actualOf(
    tenantId: string,
    ind: IndicatorRow,
    values: ValueRow[],
    sources: Sources,
  ): Promise<{ actual: IndicatorActual; error: string | null; measured: Measured[] }> {
    if (ind.kind === "typed") {
      // Newest first (the repo's order): the first approved value of each period counts.
      const approved = values.filter((v) => v.status === "approved");
      const measured = approved
        .filter((v, i) => approved.findIndex((w) => w.period === v.period) === i)
        .map((v) => ({ period: v.period, value: v.value, source: v.source }));
      const latest = measured[0];
      return { actual: latest ?? null, error: null, measured };
    }
    if (ind.kind === "monitoring") {
      const series = sources.series.get(ind.monitoringCode ?? "");
      if (!series) return { actual: null, error: "strategy_monitoring_removed", measured: [] };
      const source = `monitoring:${ind.monitoringCode}@${series.dataVersion}`;
      const measured = series.periods.flatMap((period, k) => {
        const value = series.city[k]?.value;
        return value === null || value === undefined ? [] : [{ period, value, source }];
      });
      const last = measured.at(-1);
      return {
        actual: { period: last?.period ?? null, value: last?.value ?? null, source },
        error: null,
        measured: measured.reverse(),
      };
    }
    const terms = ind.figureTermIds ?? [];
    const [a, b] = [terms[0], terms[1] ?? terms[0]];
    if (!a || !b) return { actual: null, error: "strategy_figure_required", measured: [] };
    const pairs = await deps.offers.countByTermPairs(tenantId, [a], [b]);
    const safe = safeCount(pairs[0]?.n ?? 0, sources.rule);
    const actual = { period: null, value: safe.value, source: "lotse:offers_in_cell" };
    return { actual, error: null, measured: [] };
  }

  /** Targets and measured values by period, each measured one with its light (decision 071). */
  function seriesOf(ind: IndicatorRow, measured: Measured[]): SeriesPoint[] {
    const periods = [
      ...new Set([...ind.targets.map((t) => t.period), ...measured.map((m) => m.period)]),
    ].sort();
    return periods.map((period) => {
      const m = measured.find((x) => x.period === period) ?? null;
      return {
        period,
        target: ind.targets.find((t) => t.period === period)?.value ?? null,
        value: m?.value ?? null,
        source: m?.source ?? null,
        light: lightOf(ind, m).light,
      };
    });
  }

  async function viewsOf(
    principal: Principal,
    tenantId: string,
    nodeIds: string[],
  ): Promise<IndicatorView[]> {
    authorize(principal, "strategy.read");
    const rows = await indicatorRepo.ofNodes(db, tenantId, nodeIds);

    const values = await indicatorRepo.values(
      db,
      tenantId,
      rows.map((r) => r.id),
    );
    const sources = await sourcesFor(principal, tenantId, rows);
    const out: IndicatorView[] = [];
    for (const r of rows) {
      const mine = values.filter((v) => v.indicatorId === r.id);
      const { actual, error, measured } = await actualOf(tenantId, r, mine, sources);
      // A Lotse figure is counted today: it is judged against the current year's plan.
      const judged =
        actual && actual.period === null
          ? { ...actual, period: String(deps.clock.now().getUTCFullYear()) }
          : actual;
      out.push({
        id: r.id,
        nodeId: r.nodeId,
        name: r.name,
        kind: r.kind,
        unit: r.unit,
        baseline: r.baseline,
        baselinePeriod: r.baselinePeriod,
        targets: r.targets,
        version: r.version,
        actual,
        error,
        ...lightOf(r, judged),
        series: seriesOf(r, measured),
        values: mine.map((v) => ({
          id: v.id,
          period: v.period,
          value: v.value,
          source: v.source,
          status: v.status,
          version: v.version,
        })),
      });
    }
    return out;
  }

  return {
    async indicators(principal: Principal, tenantId: string, nodeId: string): Promise<IndicatorView[]> {
      return viewsOf(principal, tenantId, [nodeId]);
    },

    /** The indicators of many nodes at once (the tree's roll-up of lights). */
    indicatorsOf: (principal: Principal, tenantId: string, nodeIds: string[]) =>
      viewsOf(principal, tenantId, nodeIds),

    async createIndicator(
      principal: Principal,
      tenantId: string,
      nodeId: string,
      input: CreateIndicator,
      requestId?: string,
    ) {
      authorize(principal, "strategy.indicators");
      if (!(await treeRepo.exists(db, tenantId, nodeId))) throw AppError.notFound();
      const errors: FieldError[] = unitMismatches(input.unit, input.targets).map((i) => ({
        field: `targets.${i}.unit`,
        code: "strategy_unit_mismatch",
        params: { unit: input.unit },
      }));
      if (input.kind === "typed" && !input.source) errors.push({ field: "source", code: "required" });
      if (input.kind === "monitoring") {
        const m = input.monitoringCode
          ? await monitoringUnit(principal, tenantId, input.monitoringCode)
          : null;
        if (!m) errors.push({ field: "monitoringCode", code: "strategy_monitoring_unknown" });
        else if (m.unit !== input.unit)
          errors.push({ field: "unit", code: "strategy_unit_mismatch", params: { unit: m.unit } });
      }
      if (input.kind === "lotse") {
        if (!input.figure || input.figureTermIds.length === 0)
          errors.push({ field: "figureTermIds", code: "strategy_figure_required" });
        if (input.unit !== "count")
          errors.push({ field: "unit", code: "strategy_unit_mismatch", params: { unit: "count" } });
        const known = new Set(
          (await deps.framework.list(tenantId, "de")).flatMap((a) => a.terms.map((t) => t.id)),
        );
        input.figureTermIds.forEach((t, i) => {
          if (!known.has(t)) errors.push({ field: `figureTermIds.${i}`, code: "strategy_unknown_term" });
        });
      }
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const row = await indicatorRepo.insert(tx, {
          tenantId,
          nodeId,
          name: input.name,
          kind: input.kind,
          unit: input.unit,
          baseline: input.baseline,
          baselinePeriod: input.baselinePeriod,
          targets: input.targets.map((t) => ({ period: t.period, value: t.value })),
          source: input.source,
          monitoringCode: input.kind === "monitoring" ? input.monitoringCode : null,
          figure: input.kind === "lotse" ? input.figure : null,
          figureTermIds: input.kind === "lotse" ? input.figureTermIds : null,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            requestId: requestId ?? null,
            action: "create",
            entityType: "strategy_indicator",
            entityId: row.id,
            changes: diff(null, { nodeId, name: row.name, kind: row.kind, unit: row.unit }),
          },
          tx,
        );
        return row;
      });
    },

    /** A typed actual with its source; it counts only after approval. */
    async addValue(principal: Principal, tenantId: string, indicatorId: string, input: AddValue) {
      authorize(principal, "strategy.edit");
      const ind = await indicatorRepo.byId(db, tenantId, indicatorId);
      if (!ind) throw AppError.notFound();
      if (ind.kind !== "typed") throw AppError.validation([{ field: "value", code: "strategy_not_typed" }]);
      return indicatorRepo.insertValue(db, { tenantId, indicatorId, ...input, createdBy: principal.userId });
    },

    async approveValue(principal: Principal, tenantId: string, valueId: string, version: number) {
      authorize(principal, "strategy.approve");
      const before = await indicatorRepo.value(db, tenantId, valueId);
      if (!before) throw AppError.notFound();
      const row = await indicatorRepo.approveIfVersion(
        db,
        tenantId,
        valueId,
        version,
        principal.userId,
        deps.clock.now(),
      );
      if (!row) throw AppError.versionConflict(before.version);
      return row;
    },
  };
}
