import type { StrategyDeps } from "./deps.ts";
import { createIndicators } from "./indicators.ts";
import { createMatrix } from "./matrix.ts";
import { createTree } from "./tree.ts";

export type { StrategyDeps } from "./deps.ts";
export type { Matrix } from "./matrix.ts";
export type { IndicatorView, MeasureRef } from "./model.ts";
export type { AdoptedSnapshot, TreeNode } from "./tree.ts";

/**
 * Strategy (issue 16): the goal tree with measures, milestones and adoptions (tree.ts), goal
 * indicators (indicators.ts) and the framework matrix (matrix.ts). Other modules link to
 * measures through `measures.exists` and `measures.refs`.
 */
export function createStrategyService(deps: StrategyDeps) {
  return {
    ...createTree(deps),
    ...createIndicators(deps),
    ...createMatrix(deps),
  };
}
export type StrategyService = ReturnType<typeof createStrategyService>;
