import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { StrategyDeps } from "./deps.ts";
import { type Light, type RolledLight, rollUpLights } from "./evaluation.model.ts";
import type { Gap } from "./gaps.ts";
import { indicatorRepo } from "./indicators.repo.ts";
import {
  depthOf,
  type IndicatorView,
  isMeasureKind,
  type NodeKind,
  type NodeStatus,
  type Progress,
  rollUp,
} from "./model.ts";
import { treeRepo } from "./repo.ts";

import { REPORT_YEARS } from "./report-years.ts";
import { isMissing } from "./rounds.model.ts";
import { roundsRepo } from "./rounds.repo.ts";

export { REPORT_YEARS };

const MAX_REPORT_GAPS = 20;

export type ReportNode = {
  id: string;
  depth: number;
  kind: NodeKind;
  title: string;
  status: NodeStatus;
  progress: Progress;
  /** The worst light of the node's indicators and subtree in the report year (decision 071). */
  light: RolledLight;
  responsible: string | null;
  periodFrom: string | null;
  periodTo: string | null;
};
export type ReportIndicator = {
  goal: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  actualPeriod: string | null;
  source: string;
  /** The year's measured value against the year's plan (decision 071); "none" without either. */
  light: Light;
  baselinePeriod: string | null;
  /** Every period with a target or a measured value: the chart and its table (decision 098). */
  series: { period: string; target: number | null; actual: number | null }[];
};
/** An approved narrative of the year's report round, under its node (decision 098). */
export type ReportNarrative = { nodeId: string; title: string; text: string };
export type ReportMeasure = {
  title: string;
  status: NodeStatus;
  budgetPlannedCents: number | null;
  budgetSpentCents: number | null;
  milestones: { title: string; due: string; done: boolean }[];
};
/** Everything the Umsetzungsbericht shows; the HTML page and the PDF render the same model. */
export type ReportModel = {
  tenantName: string;
  year: number;
  nodes: ReportNode[];
  indicators: ReportIndicator[];
  measures: ReportMeasure[];
  gaps: Gap[];
  gapAxis: string | null;
  minCount: number;
  /** The appendix: each distinct source a number of the report comes from. */
  sources: string[];
  /** The year's report round, if one was opened: only approved narratives are printed. */
  round: { status: "open" | "closed"; deadline: string } | null;
  narratives: ReportNarrative[];
  /** Nodes whose narrative was asked for and is not approved (published with missing narratives). */
  missingNarratives: string[];
};

const NO_LIGHT: RolledLight = { light: "none", counts: { red: 0, amber: 0, green: 0 } };

/** An indicator's light for the report year: its series point of that year, else none. */
const yearLight = (i: IndicatorView, year: number): Light =>
  i.series.find((p) => p.period === String(year))?.light ??
  (i.actual?.period === String(year) ? i.light : "none");

/** A node is in the year when its period overlaps it (nodes without a period always are). */
const inYear = (year: number, from: string | null, to: string | null) =>
  (from === null || from <= `${year}-12-31`) && (to === null || to >= `${year}-01-01`);

/**
 * The implementation report's data (issue 16, 4): the tree with status and progress, each
 * goal's indicators against the year's target, each measure's milestones of the year and
 * budget, the gap analysis, and the sources. Figures come from the indicators (small-cell rule
 * for Lotse figures) and the gap analysis (small-cell rule for needs).
 */
export function createReport(
  deps: StrategyDeps,
  indicators: (p: Principal, tenantId: string, nodeId: string) => Promise<IndicatorView[]>,
  gaps: (
    p: Principal,
    tenantId: string,
  ) => Promise<{ gaps: Gap[]; axis: { label: string } | null; minCount: number }>,
) {
  const { db } = deps;
  return {
    async reportData(principal: Principal, tenantId: string, year: number): Promise<ReportModel> {
      authorize(principal, "strategy.read");
      if (!Number.isInteger(year) || year < REPORT_YEARS.min || year > REPORT_YEARS.max)
        throw AppError.validation([{ field: "year", code: "invalid" }]);
      const [tenant, rows] = await Promise.all([deps.tenants.byId(tenantId), treeRepo.nodes(db, tenantId)]);
      const kept = rows.filter((n) => inYear(year, n.periodFrom, n.periodTo));
      const progress = rollUp(rows);
      // Depth-first, so the report reads as the tree.
      const ordered: typeof rows = [];
      const visit = (parentId: string | null) => {
        for (const n of kept.filter((x) => x.parentId === parentId)) {
          ordered.push(n);
          visit(n.id);
        }
      };
      visit(null);
      const nodes: Omit<ReportNode, "light">[] = ordered.map((n) => ({
        id: n.id,
        depth: depthOf(rows, n.parentId),
        kind: n.kind,
        title: n.title,
        status: n.status,
        progress: progress.get(n.id) ?? { value: null, source: { kind: "error", code: "no_progress" } },
        responsible: n.responsible,
        periodFrom: n.periodFrom,
        periodTo: n.periodTo,
      }));
      const withIndicators = new Set(
        (
          await indicatorRepo.ofNodes(
            db,
            tenantId,
            nodes.map((n) => n.id),
          )
        ).map((i) => i.nodeId),
      );
      const reportIndicators: ReportIndicator[] = [];
      const own = new Map<string, Light[]>();
      for (const n of nodes.filter((x) => withIndicators.has(x.id))) {
        for (const i of await indicators(principal, tenantId, n.id)) {
          const light = yearLight(i, year);
          own.set(n.id, [...(own.get(n.id) ?? []), light]);
          reportIndicators.push({
            light,
            goal: n.title,
            name: i.name,
            unit: i.unit,
            baseline: i.baseline,
            target: i.targets.find((t) => t.period === String(year))?.value ?? null,
            actual: i.actual?.value ?? null,
            actualPeriod: i.actual?.period ?? null,
            source: i.actual?.source ?? i.error ?? "–",
            baselinePeriod: i.baselinePeriod,
            series: i.series.map((p) => ({ period: p.period, target: p.target, actual: p.value })),
          });
        }
      }
      const lights = rollUpLights(kept, own);
      const lit: ReportNode[] = nodes.map((n) => ({ ...n, light: lights.get(n.id) ?? NO_LIGHT }));
      const measureRows = ordered.filter((n) => isMeasureKind(n.kind));
      const milestones = await treeRepo.milestones(
        db,
        tenantId,
        measureRows.map((m) => m.id),
      );
      const measures: ReportMeasure[] = measureRows.map((m) => ({
        title: m.title,
        status: m.status,
        budgetPlannedCents: m.budgetPlannedCents,
        budgetSpentCents: m.budgetSpentCents,
        milestones: milestones
          .filter((x) => x.nodeId === m.id && x.due.startsWith(String(year)))
          .map((x) => ({ title: x.title, due: x.due, done: x.done })),
      }));
      const g = await gaps(principal, tenantId);
      const round = await roundsRepo.byYear(db, tenantId, year);
      const written = round
        ? await roundsRepo.statusesOf(
            db,
            tenantId,
            round.id,
            ordered.map((n) => n.id),
          )
        : [];
      const titleOf = new Map(ordered.map((n) => [n.id, n.title]));
      const approved = new Map(
        written.filter((w) => w.status === "approved").map((w) => [w.nodeId, w.text ?? ""]),
      );
      const sources = [
        ...new Set([
          ...reportIndicators.map((i) => i.source).filter((s) => s !== "–"),
          "lotse:strategy_nodes",
          ...(g.axis ? ["lotse:casework_open_needs", "lotse:directory_published_offers"] : []),
        ]),
      ].sort();
      return {
        tenantName: tenant?.name ?? "",
        year,
        nodes: lit,
        indicators: reportIndicators,
        measures,
        gaps: g.gaps.slice(0, MAX_REPORT_GAPS),
        gapAxis: g.axis?.label ?? null,
        minCount: g.minCount,
        sources,
        round: round ? { status: round.status, deadline: round.deadline } : null,
        narratives: ordered
          .filter((n) => approved.has(n.id))
          .map((n) => ({ nodeId: n.id, title: n.title, text: approved.get(n.id) ?? "" })),
        missingNarratives: written
          .filter((w) => isMissing(w.status))
          .map((w) => titleOf.get(w.nodeId) ?? "–"),
      };
    },
  };
}
