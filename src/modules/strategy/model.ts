/**
 * The strategy module's public model (issue 16): the goal tree (Zielbaum) with its kinds,
 * statuses and limits, the roll-up of progress, the cycle check, indicator units, and the
 * views other modules receive (MeasureRef). Browser-safe: no table definitions, no database.
 */
import { INDICATOR_UNITS } from "../monitoring/model.ts";
import type { Light } from "./evaluation.model.ts";

/** Leitbild → Leitziel → Handlungsziel → Maßnahme/Projekt (decision 048). */
export const NODE_KINDS = ["leitbild", "leitziel", "handlungsziel", "massnahme", "projekt"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
/** Measures and projects carry milestones and a budget; other modules link to them. */
export const MEASURE_KINDS: readonly NodeKind[] = ["massnahme", "projekt"];
export const isMeasureKind = (k: string): boolean => (MEASURE_KINDS as readonly string[]).includes(k);

export const NODE_STATUSES = ["planned", "running", "done", "paused", "dropped"] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** How deep a tenant's tree may grow; 4 = Leitbild … Maßnahme. */
export const DEPTH_LIMITS = { min: 2, max: 8, default: 4 } as const;
export const MAX_TITLE = 300;
export const MAX_TEXT = 4000;
export const MAX_WEIGHT = 1000;
/** 100 million euros, in cents: beyond this a typing error is likelier than a budget. */
export const MAX_CENTS = 10_000_000_000;

export const INDICATOR_KINDS = ["typed", "monitoring", "lotse"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
/** The units of strategy indicators are monitoring's units, so a monitoring link can be checked. */
export const STRATEGY_UNITS = INDICATOR_UNITS;
export type StrategyUnit = (typeof STRATEGY_UNITS)[number];
/** Figures Lotse computes on the spot. */
export const LOTSE_FIGURES = ["offers_in_cell"] as const;
export type LotseFigure = (typeof LOTSE_FIGURES)[number];
export const VALUE_STATUSES = ["draft", "approved"] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

/** A target per period ("2026"), in the indicator's unit. */
export type IndicatorTarget = { period: string; value: number };

/** The current figure of an indicator and where it comes from; `error` when it cannot be read. */
export type IndicatorActual = { period: string | null; value: number | null; source: string } | null;
/** One period of an indicator: its target, what was measured (and where), and the light. */
export type SeriesPoint = {
  period: string;
  target: number | null;
  value: number | null;
  source: string | null;
  light: Light;
};
export type IndicatorView = {
  id: string;
  nodeId: string;
  name: string;
  kind: IndicatorKind;
  unit: StrategyUnit;
  baseline: number | null;
  baselinePeriod: string | null;
  targets: { period: string; value: number }[];
  version: number;
  actual: IndicatorActual;
  error: string | null;
  /** The traffic light of the actual against the plan (evaluation.model.ts). */
  light: Light;
  expected: number | null;
  achievement: number | null;
  series: SeriesPoint[];
  values: { id: string; period: string; value: number; source: string; status: string; version: number }[];
};

/** What other modules show for a linked measure: its title and the titles above it. */
export type MeasureRef = { id: string; kind: NodeKind; title: string; path: string[] };

/** Where a number comes from, so every figure of the tree can explain itself. */
export type ProgressSource =
  | { kind: "own" }
  | { kind: "status"; status: NodeStatus }
  | { kind: "children"; count: number; weightSum: number }
  | { kind: "error"; code: "weight_sum_zero" | "no_progress" };

export type Progress = { value: number | null; source: ProgressSource };

export type RollUpInput = {
  id: string;
  parentId: string | null;
  weight: number;
  status: NodeStatus;
  /** The node's own figure (0–100), typed by the people responsible; used for leaves. */
  progress: number | null;
};

/** The progress a status implies when a leaf has no figure of its own (Decidim's default progress). */
const STATUS_PROGRESS: Partial<Record<NodeStatus, number>> = { planned: 0, done: 100 };

/**
 * Progress of every node: a leaf shows its own figure (else its status's default); a parent the
 * weighted mean of its children that have a value ("dropped" children are left out). A parent
 * whose counted children weigh 0 in sum has no progress and says so (weight_sum_zero).
 */
export function rollUp(nodes: readonly RollUpInput[]): Map<string, Progress> {
  const children = new Map<string | null, RollUpInput[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const out = new Map<string, Progress>();
  const visit = (n: RollUpInput, seen: Set<string>): Progress => {
    const done = out.get(n.id);
    if (done) return done;
    if (seen.has(n.id)) return { value: null, source: { kind: "error", code: "no_progress" } };
    seen.add(n.id);
    const kids = (children.get(n.id) ?? []).filter((c) => c.status !== "dropped");
    let result: Progress;
    if (kids.length === 0) {
      const status = STATUS_PROGRESS[n.status];
      result =
        n.progress !== null
          ? { value: n.progress, source: { kind: "own" } }
          : status !== undefined
            ? { value: status, source: { kind: "status", status: n.status } }
            : { value: null, source: { kind: "error", code: "no_progress" } };
    } else {
      let sum = 0;
      let weightSum = 0;
      let counted = 0;
      for (const k of kids) {
        const p = visit(k, seen);
        if (p.value === null) continue;
        sum += p.value * k.weight;
        weightSum += k.weight;
        counted++;
      }
      result =
        counted === 0
          ? { value: null, source: { kind: "error", code: "no_progress" } }
          : weightSum === 0
            ? { value: null, source: { kind: "error", code: "weight_sum_zero" } }
            : {
                value: Math.round((sum / weightSum) * 10) / 10,
                source: { kind: "children", count: counted, weightSum },
              };
    }
    out.set(n.id, result);
    return result;
  };
  for (const n of nodes) visit(n, new Set());
  return out;
}

/** True when putting `id` under `newParentId` would make it its own ancestor. */
export function wouldCycle(
  nodes: readonly { id: string; parentId: string | null }[],
  id: string,
  newParentId: string | null,
): boolean {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  let cursor: string | null | undefined = newParentId;
  const seen = new Set<string>();
  while (cursor) {
    if (cursor === id || seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = parentOf.get(cursor);
  }
  return false;
}

/** Depth of a node below the root (a root is 1); a broken chain counts as deep as it went. */
export function depthOf(
  nodes: readonly { id: string; parentId: string | null }[],
  parentId: string | null,
): number {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  let depth = 1;
  let cursor = parentId;
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor)) {
    seen.add(cursor);
    depth++;
    cursor = parentOf.get(cursor) ?? null;
  }
  return depth;
}

/** Height of the subtree under `id` (a leaf is 1), so a move can check the depth limit. */
export function subtreeHeight(nodes: readonly { id: string; parentId: string | null }[], id: string): number {
  const kids = nodes.filter((n) => n.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(nodes, k.id)));
}

/** Targets whose unit is not the indicator's: one entry per offending target index. */
export function unitMismatches(
  unit: string,
  targets: readonly { unit?: string | null | undefined }[],
): number[] {
  const out: number[] = [];
  targets.forEach((t, i) => {
    if (t.unit && t.unit !== unit) out.push(i);
  });
  return out;
}

/**
 * A euro amount as a German user types it ("1.234,56", "1234,5", "5.000", "12") → integer
 * cents; null when it is not one. A dot is a digit group, a comma the decimal sign (the staff
 * pages are German-first; the API takes cents).
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.trim().replace(/[\s\u00a0\u202f€]/g, "");
  if (s === "") return null;
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const euros = Number(m[1]!.replace(/\./g, ""));
  const cents = m[2] ? Number(m[2].padEnd(2, "0")) : 0;
  const total = euros * 100 + cents;
  return Number.isSafeInteger(total) ? total : null;
}

/** Cents for display in German notation: 123456 → "1.234,56". */
export function formatCents(cents: number, locale = "de-DE"): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    cents / 100,
  );
}
