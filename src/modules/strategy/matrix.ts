import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { FrameworkAxis } from "../framework/service.ts";
import { type SafeTable, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { ContentLanguage } from "../translations/model.ts";
import type { StrategyDeps } from "./deps.ts";
import { treeRepo } from "./repo.ts";

/** Axis kinds a matrix reads by default: phases down, fields of action across (Lünen, Unna). */
const ROW_PREFERENCE = ["integration_phase", "life_phase", "target_group"] as const;
const MAX_CELL_OFFERS = 200;

export type MatrixAxis = { id: string; kind: string; label: string };
export type MatrixTerm = { id: string; label: string };
export type Matrix = SafeTable & {
  /** Below this, a count shows as "<minCount" (the tenant's small-cell rule). */
  minCount: number;
  axes: MatrixAxis[];
  rows: { axisId: string; terms: MatrixTerm[] };
  cols: { axisId: string; terms: MatrixTerm[] };
};

const termsOf = (a: FrameworkAxis): MatrixTerm[] =>
  a.terms.map((t) => ({ id: t.id, label: t.label?.text ?? t.key }));

/**
 * The framework matrix (issue 16, 1): published offers cross-tabulated by two framework axes.
 * Counts come from the directory's figures and leave only through the small-cell rule. An
 * offer tagged with two terms of one axis counts in both cells (margins count assignments).
 */
export function createMatrix(deps: StrategyDeps) {
  async function ruleOf(tenantId: string) {
    return smallCellRuleFor((await deps.tenants.byId(tenantId))?.settings.smallCells);
  }
  /** The public matrix is on only when the tenant switched it on (decision 098); else "not found". */
  async function publicOn(tenantId: string) {
    if (!(await treeRepo.settings(deps.db, tenantId))?.publicMatrix) throw AppError.notFound();
  }

  async function matrixOf(
    tenantId: string,
    lang: ContentLanguage,
    opts: { rows?: string | undefined; cols?: string | undefined },
  ): Promise<Matrix | null> {
    const axes = (await deps.framework.list(tenantId, lang)).filter((a) => a.terms.length > 0);
    const pick = (id: string | undefined, fallback: FrameworkAxis | undefined) => {
      if (id === undefined) return fallback;
      const a = axes.find((x) => x.id === id);
      if (!a)
        throw AppError.validation([{ field: id === opts.rows ? "rows" : "cols", code: "invalid_choice" }]);
      return a;
    };
    const defaultRows = ROW_PREFERENCE.map((k) => axes.find((a) => a.kind === k)).find(Boolean) ?? axes[0];
    const rowAxis = pick(opts.rows, defaultRows);
    const colAxis = pick(
      opts.cols,
      axes.find((a) => a.kind === "field_of_action" && a.id !== rowAxis?.id) ??
        axes.find((a) => a.id !== rowAxis?.id),
    );
    if (!rowAxis || !colAxis) return null;
    const rows = termsOf(rowAxis);
    const cols = termsOf(colAxis);
    const pairs = await deps.offers.countByTermPairs(
      tenantId,
      rows.map((t) => t.id),
      cols.map((t) => t.id),
    );
    const n = new Map(pairs.map((p) => [`${p.row}|${p.col}`, p.n]));
    const counts = rows.map((r) => cols.map((c) => n.get(`${r.id}|${c.id}`) ?? 0));
    const rule = await ruleOf(tenantId);
    const table = suppressTable(counts, rule);
    return {
      ...table,
      minCount: rule.minCount,
      axes: axes.map((a) => ({ id: a.id, kind: a.kind, label: a.label?.text ?? a.key })),
      rows: { axisId: rowAxis.id, terms: rows },
      cols: { axisId: colAxis.id, terms: cols },
    };
  }

  async function cellOf(tenantId: string, lang: ContentLanguage, row: string, col: string) {
    const axes = await deps.framework.list(tenantId, lang);
    const label = (id: string) => {
      for (const a of axes) {
        const t = a.terms.find((x) => x.id === id);
        if (t) return t.label?.text ?? t.key;
      }
      return undefined;
    };
    const rowLabel = label(row);
    const colLabel = label(col);
    if (!rowLabel || !colLabel) throw AppError.notFound();
    const offers = await deps.offers.offersWithTerms(tenantId, [row, col], MAX_CELL_OFFERS);
    const all = await deps.offers.countByTermPairs(tenantId, [row], [col]);
    const rule = await ruleOf(tenantId);
    const table = suppressTable([[all[0]?.n ?? 0]], rule);
    return { rowLabel, colLabel, offers, total: table.total, minCount: rule.minCount };
  }

  return {
    async matrix(
      principal: Principal,
      tenantId: string,
      lang: ContentLanguage,
      opts: { rows?: string | undefined; cols?: string | undefined },
    ): Promise<Matrix | null> {
      authorize(principal, "strategy.matrix");
      return matrixOf(tenantId, lang, opts);
    },

    /** The drill-down of one cell: its published offers (public data) and its count under the rule. */
    async cell(principal: Principal, tenantId: string, lang: ContentLanguage, row: string, col: string) {
      authorize(principal, "strategy.matrix");
      return cellOf(tenantId, lang, row, col);
    },

    /**
     * The public matrix (issue 16, 1; decision 098): the same published offers and the same
     * small-cell rule as the staff matrix, on the public site when the tenant switched it on.
     */
    async publicMatrix(
      tenantId: string,
      lang: ContentLanguage,
      opts: { rows?: string | undefined; cols?: string | undefined },
    ): Promise<Matrix | null> {
      await publicOn(tenantId);
      return matrixOf(tenantId, lang, opts);
    },
    async publicMatrixCell(tenantId: string, lang: ContentLanguage, row: string, col: string) {
      await publicOn(tenantId);
      return cellOf(tenantId, lang, row, col);
    },
  };
}
