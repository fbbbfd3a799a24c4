import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { type AreaLevel, type AreaTreeNode, ancestorAt, levelRank } from "../areas/levels.ts";
import { LIFE_DOMAINS, REFERRAL_STATUSES } from "../casework/model.ts";
import type { CaseFigures, FigureCount } from "../casework/service.ts";
import {
  type ElementDimensions,
  monitoringElements,
  monitoringIndicators,
  monitoringValues,
} from "./schema.ts";
import { LOTSE_PHASE_SORT_ORDER, LOTSE_PHASE_TEMPLATE, TEMPLATE_ELEMENTS } from "./templates.ts";
import { upsertValues, type ValueRow } from "./values-repo.ts";

/**
 * Lotse's own figures as monitoring data elements (issue 6: "indicators derived from Lotse's
 * own data"): open cases by phase, open needs by life domain, referrals by status, per area of
 * the household, written as WORKING values (origin "lotse"). They are published like any other
 * value: only after approval, and only through the engine's small-cell rule.
 *
 * Aggregate queries only (counts grouped by area and category); no row about a person or a
 * case leaves the database, and nothing here logs more than counts.
 *
 * "As of" the end of the period (31 December, Europe/Berlin), or now for the current year:
 * - open cases: opened on or before that day and not closed by then; the phase is the one the
 *   phase history (case_phase_changes) gives for that day, else the current phase;
 * - open needs: needs of such cases created by then that are still open, or whose status was
 *   last changed after that day (needs keep no status history, so a need closed after the day
 *   counts as open on it — and one changed after the day without closing it counts too);
 * - referrals: sent in the year, by their status today (outcomes arrive later than sending).
 * The area is the household's area today (households keep no address history), mapped up the
 * area tree to the level the monitoring uses. Cases deleted by retention no longer count.
 */

export const LOTSE_SOURCES = ["open_cases_by_phase", "open_needs_by_domain", "referrals_by_status"] as const;
export type LotseSource = (typeof LOTSE_SOURCES)[number];

type Count = FigureCount;

/** Where Lotse's figures come from: case work's aggregates and the area tree (their services). */
export type LotseSources = {
  caseFigures: CaseFigures;
  areaTree(tenantId: string): Promise<AreaTreeNode[]>;
};

/** A category key as a breakdown option (formula syntax: [A-Za-z0-9][A-Za-z0-9_+-]*). */
export function categoryOption(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_+-]/g, "_");
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `x${cleaned}`;
}

/**
 * Value rows of one element from counts per "areaId|option": one row per area of the level and
 * option (zero where nothing was counted), and the area's total without breakdown.
 */
export function rowsFromCells(
  elementId: string,
  period: string,
  levelAreas: readonly string[],
  options: readonly string[],
  cells: ReadonlyMap<string, number>,
): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const areaId of levelAreas) {
    let total = 0;
    for (const option of options) {
      const value = cells.get(`${areaId}|${option}`) ?? 0;
      total += value;
      rows.push({ elementId, areaId, period, breakdown: `category:${option}`, value });
    }
    rows.push({ elementId, areaId, period, breakdown: "", value: total });
  }
  return rows;
}

/** The instant a period ends (1 January of the next year, 00:00 in Berlin = 23:00 UTC the day before). */
export function periodEnd(period: string): { day: string; instant: Date } {
  const year = Number(period);
  return { day: `${year}-12-31`, instant: new Date(Date.UTC(year + 1, 0, 1) - 3_600_000) };
}

export const lotseFiguresRepo = {
  /** The areas that hold external (non-Lotse) working values. */
  async areasWithValues(db: DbOrTx, tenantId: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ areaId: monitoringValues.areaId })
      .from(monitoringValues)
      .innerJoin(
        monitoringElements,
        and(
          eq(monitoringElements.tenantId, monitoringValues.tenantId),
          eq(monitoringElements.id, monitoringValues.elementId),
        ),
      )
      .where(and(eq(monitoringValues.tenantId, tenantId), eq(monitoringElements.origin, "external")));
    return rows.map((r) => r.areaId);
  },

  async lotseElements(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: monitoringElements.id,
        code: monitoringElements.code,
        lotseSource: monitoringElements.lotseSource,
        dimensions: monitoringElements.dimensions,
      })
      .from(monitoringElements)
      .where(
        and(
          eq(monitoringElements.tenantId, tenantId),
          eq(monitoringElements.origin, "lotse"),
          inArray(monitoringElements.lotseSource, [...LOTSE_SOURCES]),
        ),
      );
  },
};

export type LotseRefreshResult = {
  /** Values written that differ from before. */
  values: number;
  /** The area level the figures were written for. */
  level: AreaLevel;
  areas: number;
  /** Counted items whose household has no area at (or below) that level: in no area's figure. */
  unassigned: number;
};

/**
 * Computes Lotse's figures for one period and writes them as working values (one transaction,
 * the caller's). Makes sure the Lotse template elements exist, adds new categories (e.g. a
 * tenant's new phase) to their options, and adds one internal indicator per phase.
 */
export async function refreshLotseFigures(
  tx: DbOrTx,
  tenantId: string,
  period: string,
  opts: { now: Date; userId: string | null; sources: LotseSources },
): Promise<LotseRefreshResult> {
  const { caseFigures } = opts.sources;
  const { now } = opts;
  const currentYear = String(now.getUTCFullYear());
  const end = period === currentYear ? null : periodEnd(period);

  await tx
    .insert(monitoringElements)
    .values(
      TEMPLATE_ELEMENTS.filter((e) => e.origin === "lotse").map((e) => ({
        ...e,
        tenantId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();

  const tree = await opts.sources.areaTree(tenantId);
  const level = await levelFor(tx, tenantId, tree);
  const levelAreas = tree.filter((a) => a.level === level).map((a) => a.id);
  const toLevel = ancestorAt(tree, level);

  const yearStart = new Date(Date.UTC(Number(period), 0, 1) - 3_600_000);
  const yearEnd = periodEnd(period).instant;
  const phases = await caseFigures.phases(tenantId);
  const figures: Record<LotseSource, { counts: Count[]; categories: string[] }> = {
    open_cases_by_phase: {
      counts: await caseFigures.openCasesByPhase(tenantId, end),
      categories: phases.map((p) => p.key),
    },
    open_needs_by_domain: {
      counts: await caseFigures.openNeedsByDomain(tenantId, end),
      categories: [...LIFE_DOMAINS],
    },
    referrals_by_status: {
      counts: await caseFigures.referralsByStatus(tenantId, yearStart, yearEnd),
      categories: [...REFERRAL_STATUSES],
    },
  };

  let unassigned = 0;
  const rows: ValueRow[] = [];
  for (const element of await lotseFiguresRepo.lotseElements(tx, tenantId)) {
    const figure = figures[element.lotseSource as LotseSource];
    // Categories: the element's options so far, then the current ones, then any met in the data.
    const options = [...((element.dimensions as ElementDimensions).category ?? [])];
    for (const key of [...figure.categories, ...figure.counts.map((c) => c.category ?? "")])
      if (key !== "" && !options.includes(categoryOption(key))) options.push(categoryOption(key));
    if (options.length !== ((element.dimensions as ElementDimensions).category ?? []).length) {
      await tx
        .update(monitoringElements)
        .set({
          dimensions: { ...(element.dimensions as ElementDimensions), category: options },
          version: sql`${monitoringElements.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.id, element.id)));
    }
    const cells = new Map<string, number>();
    for (const c of figure.counts) {
      const area = c.areaId ? toLevel(c.areaId) : null;
      if (!area || c.category === null) {
        unassigned += Number(c.n);
        continue;
      }
      const key = `${area}|${categoryOption(c.category)}`;
      cells.set(key, (cells.get(key) ?? 0) + Number(c.n));
    }
    for (const areaId of levelAreas) {
      let total = 0;
      for (const option of options) {
        const n = cells.get(`${areaId}|${option}`) ?? 0;
        total += n;
        rows.push({ elementId: element.id, areaId, period, breakdown: `category:${option}`, value: n });
      }
      rows.push({ elementId: element.id, areaId, period, breakdown: "", value: total });
    }
  }

  // One internal indicator per phase of the tenant (the tenant's edits of existing ones stay).
  const openCases = (await lotseFiguresRepo.lotseElements(tx, tenantId)).find(
    (e) => e.code === "lotse_open_cases",
  );
  if (openCases && phases.length > 0) {
    await tx
      .insert(monitoringIndicators)
      .values(
        phases
          .filter((p) => /^[a-z][a-z0-9_]*$/.test(p.key))
          .map((p) => ({
            tenantId,
            code: `lotse_open_cases_${p.key}`,
            labelKey: null,
            name: `Offene Fälle in der Phase „${p.label}“`,
            numerator: `lotse_open_cases{category:${categoryOption(p.key)}}`,
            denominator: null,
            factor: 1,
            unit: "count" as const,
            decimals: 0,
            polarity: "neutral" as const,
            inStatusIndex: false,
            source: "Lotse",
            notes: null,
            template: LOTSE_PHASE_TEMPLATE,
            public: false,
            sortOrder: LOTSE_PHASE_SORT_ORDER,
            createdAt: now,
            updatedAt: now,
          })),
      )
      .onConflictDoNothing();
  }

  const values = await upsertValues(tx, tenantId, rows, "lotse", opts.userId, now);
  return { values, level, areas: levelAreas.length, unassigned };
}

/** The finest level holding external values, else the finest level of the tenant's areas. */
export function monitoringLevel(withValues: readonly AreaLevel[], all: readonly AreaLevel[]): AreaLevel {
  const pick = (levels: readonly AreaLevel[]) =>
    levels.reduce<AreaLevel | null>((best, l) => (!best || levelRank(l) > levelRank(best) ? l : best), null);
  return pick(withValues) ?? pick(all) ?? "city";
}

/** The monitoring level of a tenant: see monitoringLevel. */
export async function levelFor(
  tx: DbOrTx,
  tenantId: string,
  tree: readonly AreaTreeNode[],
): Promise<AreaLevel> {
  const levelOf = new Map(tree.map((a) => [a.id, a.level]));
  const withValues = (await lotseFiguresRepo.areasWithValues(tx, tenantId))
    .map((id) => levelOf.get(id))
    .filter((l) => l !== undefined);
  return monitoringLevel(
    withValues,
    tree.map((a) => a.level),
  );
}

export { ancestorAt };
