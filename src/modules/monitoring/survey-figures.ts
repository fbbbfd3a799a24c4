import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import { ancestorAt, levelFor } from "./lotse-figures.ts";
import { monitoringElements, monitoringIndicators } from "./schema.ts";
import { upsertValues, type ValueRow } from "./values-repo.ts";

/**
 * Survey results as monitoring data (issue 5 → issue 6): a question's answer counted per area
 * and sex becomes a Lotse data element (`<code>_n`), its respondents another (`<code>_base`),
 * and three internal indicators give the share overall, for women and for men. They are
 * WORKING values like every Lotse figure: readers see them only after the social planner
 * approves the year, and only through the engine's small-cell rule.
 */
export type SurveyFigureSpec = {
  /** ^[a-z][a-z0-9_]*$, at most 40 characters (the element codes append _n / _base). */
  code: string;
  /** German name of the counted answer, e.g. "Sprachkurs besucht (Befragung)". */
  name: string;
  period: string;
  /** Counts per household area (any level) and sex (f, m, d; null = unknown). */
  counts: { areaId: string | null; sex: "f" | "m" | "d" | null; answered: number; counted: number }[];
};

const SEX = ["f", "m", "d"] as const;

export async function writeSurveyFigure(
  tx: DbOrTx,
  tenantId: string,
  spec: SurveyFigureSpec,
  opts: { now: Date; userId: string | null; tree: readonly AreaTreeNode[] },
): Promise<{ values: number; level: string; areas: number; unassigned: number }> {
  const now = opts.now;
  const elements = [
    { code: `${spec.code}_n`, name: spec.name },
    { code: `${spec.code}_base`, name: `${spec.name} – Antwortende` },
  ];
  await tx
    .insert(monitoringElements)
    .values(
      elements.map((e) => ({
        tenantId,
        code: e.code,
        labelKey: null,
        name: e.name,
        valueType: "count" as const,
        dimensions: { sex: [...SEX] },
        origin: "lotse" as const,
        lotseSource: "survey",
        source: "Lotse – Befragung",
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const indicators = [
    { code: spec.code, name: spec.name, filter: "" },
    { code: `${spec.code}_f`, name: `${spec.name}, Frauen`, filter: "{sex:f}" },
    { code: `${spec.code}_m`, name: `${spec.name}, Männer`, filter: "{sex:m}" },
  ];
  await tx
    .insert(monitoringIndicators)
    .values(
      indicators.map((i, k) => ({
        tenantId,
        code: i.code,
        labelKey: null,
        name: i.name,
        numerator: `${spec.code}_n${i.filter}`,
        denominator: `${spec.code}_base${i.filter}`,
        factor: 100,
        unit: "percent" as const,
        decimals: 1,
        polarity: "neutral" as const,
        inStatusIndex: false,
        source: "Lotse – Befragung",
        notes: null,
        template: "survey",
        public: false,
        sortOrder: 900 + k,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const byCode = new Map(
    (
      await tx
        .select({ id: monitoringElements.id, code: monitoringElements.code })
        .from(monitoringElements)
        .where(
          and(
            eq(monitoringElements.tenantId, tenantId),
            sql`${monitoringElements.code} like ${`${spec.code}_%`}`,
          ),
        )
    ).map((e) => [e.code, e.id]),
  );

  const { tree } = opts;
  const level = await levelFor(tx, tenantId, tree);
  const levelAreas = tree.filter((a) => a.level === level).map((a) => a.id);
  const toLevel = ancestorAt(tree, level);
  const cells = new Map<string, { answered: number; counted: number }>();
  let unassigned = 0;
  for (const c of spec.counts) {
    const area = c.areaId ? toLevel(c.areaId) : null;
    if (!area) {
      unassigned += c.answered;
      continue;
    }
    for (const key of [`${area}|`, ...(c.sex ? [`${area}|sex:${c.sex}`] : [])]) {
      const cell = cells.get(key) ?? { answered: 0, counted: 0 };
      cell.answered += c.answered;
      cell.counted += c.counted;
      cells.set(key, cell);
    }
  }
  const rows: ValueRow[] = [];
  for (const areaId of levelAreas) {
    for (const breakdown of ["", ...SEX.map((s) => `sex:${s}`)]) {
      const cell = cells.get(`${areaId}|${breakdown}`) ?? { answered: 0, counted: 0 };
      rows.push({
        elementId: byCode.get(`${spec.code}_n`)!,
        areaId,
        period: spec.period,
        breakdown,
        value: cell.counted,
      });
      rows.push({
        elementId: byCode.get(`${spec.code}_base`)!,
        areaId,
        period: spec.period,
        breakdown,
        value: cell.answered,
      });
    }
  }
  const values = await upsertValues(tx, tenantId, rows, "lotse", opts.userId, now);
  return { values, level, areas: levelAreas.length, unassigned };
}
