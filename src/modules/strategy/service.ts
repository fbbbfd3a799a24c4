import type { StrategyDeps } from "./deps.ts";
import { createEvaluations } from "./evaluations.ts";
import { createGaps } from "./gaps.ts";
import { createStrategyHome } from "./home.ts";
import { createIndicators } from "./indicators.ts";
import { createLanguages } from "./languages.ts";
import { createMatrix } from "./matrix.ts";
import { createPublicReport } from "./public-report.ts";
import { createReport } from "./report.ts";
import { createReports } from "./reports.ts";
import { createRounds } from "./rounds.ts";
import { createSignals } from "./signals.ts";
import { createTree } from "./tree.ts";

export type { StrategyDeps } from "./deps.ts";
export type { RolledLight } from "./evaluation.model.ts";
export type { EvaluationView } from "./evaluations.ts";
export type { Gap, GapAnalysis, GapCell } from "./gaps.ts";
export type { LanguageGap, LanguageSupply } from "./languages.ts";
export type { Matrix } from "./matrix.ts";
export type { IndicatorView, MeasureRef } from "./model.ts";
export type { ReportModel } from "./report.ts";
export type { NarrativeView, RoundView } from "./rounds.contracts.ts";
export type { AdoptedSnapshot, TreeNode } from "./tree.ts";

/**
 * Strategy (issue 16): the goal tree with measures, milestones and adoptions (tree.ts), goal
 * indicators (indicators.ts), their traffic lights and the evaluation records (evaluations.ts), the framework matrix (matrix.ts) and its gap analysis (gaps.ts), the report and its report round (report.ts, rounds.ts). Other modules link to
 * measures through `measures.exists` and `measures.refs`.
 */
export function createStrategyService(deps: StrategyDeps) {
  const indicators = createIndicators(deps);
  const signals = createSignals(deps);
  const gaps = createGaps(deps, signals);
  const report = createReport(deps, indicators.indicators, (p, tenantId) => gaps.gaps(p, tenantId, "de", {}));
  return {
    ...createTree(deps),
    ...indicators,
    ...createEvaluations(deps, indicators.indicatorsOf),
    ...createMatrix(deps),
    ...gaps,
    ...createLanguages(deps),
    ...signals,
    ...report,
    ...createReports(deps, report.reportData),
    ...createPublicReport(deps, report.reportData),
    ...createRounds(deps),
    /** What the report round puts on the staff home (decision 092). */
    home: createStrategyHome(deps),
  };
}
export type StrategyService = ReturnType<typeof createStrategyService>;
