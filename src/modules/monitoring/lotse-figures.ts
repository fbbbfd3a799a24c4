import { and, count, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { type AreaLevel, levelRank } from "../areas/levels.ts";
import { areas } from "../areas/schema.ts";
import {
  caseNeeds,
  casePhaseDefinitions,
  cases,
  households,
  LIFE_DOMAINS,
  REFERRAL_STATUSES,
  referrals,
} from "../casework/schema.ts";
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

type Count = { areaId: string | null; category: string | null; n: number };

const OPEN_NEED_STATUSES = ["identified", "in_progress"] as const;

/** A category key as a breakdown option (formula syntax: [A-Za-z0-9][A-Za-z0-9_+-]*). */
export function categoryOption(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_+-]/g, "_");
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `x${cleaned}`;
}

/** The instant a period ends (1 January of the next year, 00:00 in Berlin = 23:00 UTC the day before). */
export function periodEnd(period: string): { day: string; instant: Date } {
  const year = Number(period);
  return { day: `${year}-12-31`, instant: new Date(Date.UTC(year + 1, 0, 1) - 3_600_000) };
}

export const lotseFiguresRepo = {
  /** Open cases per household area × phase; asOf null = now (status open, current phase). */
  async openCasesByPhase(db: DbOrTx, tenantId: string, asOf: { day: string } | null): Promise<Count[]> {
    if (!asOf) {
      return db
        .select({ areaId: households.areaId, category: cases.phaseKey, n: count() })
        .from(cases)
        .innerJoin(
          households,
          and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
        )
        .where(and(eq(cases.tenantId, tenantId), eq(cases.status, "open")))
        .groupBy(households.areaId, cases.phaseKey);
    }
    // The phase on that day: the last change up to it, else the phase before the first later change.
    const phase: SQL<string> = sql<string>`coalesce(
      (select pc.to_phase from case_phase_changes pc
        where pc.tenant_id = ${cases.tenantId} and pc.case_id = ${cases.id} and pc.changed_on <= ${asOf.day}
        order by pc.changed_on desc, pc.created_at desc limit 1),
      (select pc.from_phase from case_phase_changes pc
        where pc.tenant_id = ${cases.tenantId} and pc.case_id = ${cases.id} and pc.changed_on > ${asOf.day}
        order by pc.changed_on asc, pc.created_at asc limit 1),
      ${cases.phaseKey})`;
    return (
      db
        .select({ areaId: households.areaId, category: phase, n: count() })
        .from(cases)
        .innerJoin(
          households,
          and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
        )
        .where(and(eq(cases.tenantId, tenantId), openOn(asOf.day)))
        // By position: the phase expression carries parameters, which GROUP BY cannot match by text.
        .groupBy(sql`1, 2`)
    );
  },

  /** Open needs per household area × life domain. */
  async openNeedsByDomain(
    db: DbOrTx,
    tenantId: string,
    asOf: { day: string; instant: Date } | null,
  ): Promise<Count[]> {
    const open = inArray(caseNeeds.status, [...OPEN_NEED_STATUSES]);
    const where = asOf
      ? and(
          openOn(asOf.day),
          lte(caseNeeds.createdAt, asOf.instant),
          or(open, sql`${caseNeeds.updatedAt} > ${asOf.instant}`),
        )
      : and(eq(cases.status, "open"), open);
    return db
      .select({ areaId: households.areaId, category: caseNeeds.domain, n: count() })
      .from(caseNeeds)
      .innerJoin(cases, and(eq(cases.tenantId, caseNeeds.tenantId), eq(cases.id, caseNeeds.caseId)))
      .innerJoin(
        households,
        and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
      )
      .where(and(eq(caseNeeds.tenantId, tenantId), where))
      .groupBy(households.areaId, caseNeeds.domain);
  },

  /** Referrals sent in [from, to) per household area × status (today's). */
  async referralsByStatus(db: DbOrTx, tenantId: string, from: Date, to: Date): Promise<Count[]> {
    return db
      .select({ areaId: households.areaId, category: referrals.status, n: count() })
      .from(referrals)
      .innerJoin(cases, and(eq(cases.tenantId, referrals.tenantId), eq(cases.id, referrals.caseId)))
      .innerJoin(
        households,
        and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
      )
      .where(
        and(eq(referrals.tenantId, tenantId), gte(referrals.createdAt, from), lt(referrals.createdAt, to)),
      )
      .groupBy(households.areaId, referrals.status);
  },

  async phases(db: DbOrTx, tenantId: string) {
    return db
      .select({ key: casePhaseDefinitions.key, label: casePhaseDefinitions.label })
      .from(casePhaseDefinitions)
      .where(eq(casePhaseDefinitions.tenantId, tenantId))
      .orderBy(casePhaseDefinitions.sort);
  },

  async areaTree(db: DbOrTx, tenantId: string) {
    return db
      .select({ id: areas.id, parentId: areas.parentId, level: areas.level })
      .from(areas)
      .where(eq(areas.tenantId, tenantId));
  },

  /** The levels of the areas that hold external (non-Lotse) working values. */
  async levelsWithValues(db: DbOrTx, tenantId: string): Promise<AreaLevel[]> {
    const rows = await db
      .selectDistinct({ level: areas.level })
      .from(monitoringValues)
      .innerJoin(
        monitoringElements,
        and(
          eq(monitoringElements.tenantId, monitoringValues.tenantId),
          eq(monitoringElements.id, monitoringValues.elementId),
        ),
      )
      .innerJoin(
        areas,
        and(eq(areas.tenantId, monitoringValues.tenantId), eq(areas.id, monitoringValues.areaId)),
      )
      .where(and(eq(monitoringValues.tenantId, tenantId), eq(monitoringElements.origin, "external")));
    return rows.map((r) => r.level);
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

/** A case open at the end of that day. */
function openOn(day: string): SQL | undefined {
  return and(lte(cases.openedOn, day), or(isNull(cases.closedOn), sql`${cases.closedOn} > ${day}`));
}

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
  opts: { now: Date; userId: string | null },
): Promise<LotseRefreshResult> {
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

  const tree = await lotseFiguresRepo.areaTree(tx, tenantId);
  const level = monitoringLevel(
    await lotseFiguresRepo.levelsWithValues(tx, tenantId),
    tree.map((a) => a.level),
  );
  const levelAreas = tree.filter((a) => a.level === level).map((a) => a.id);
  const toLevel = ancestorAt(tree, level);

  const yearStart = new Date(Date.UTC(Number(period), 0, 1) - 3_600_000);
  const yearEnd = periodEnd(period).instant;
  const phases = await lotseFiguresRepo.phases(tx, tenantId);
  const figures: Record<LotseSource, { counts: Count[]; categories: string[] }> = {
    open_cases_by_phase: {
      counts: await lotseFiguresRepo.openCasesByPhase(tx, tenantId, end),
      categories: phases.map((p) => p.key),
    },
    open_needs_by_domain: {
      counts: await lotseFiguresRepo.openNeedsByDomain(tx, tenantId, end),
      categories: [...LIFE_DOMAINS],
    },
    referrals_by_status: {
      counts: await lotseFiguresRepo.referralsByStatus(tx, tenantId, yearStart, yearEnd),
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

/** Maps an area id to its ancestor (or itself) at the level; null when there is none. */
export function ancestorAt(
  tree: readonly { id: string; parentId: string | null; level: AreaLevel }[],
  level: AreaLevel,
): (areaId: string) => string | null {
  const byId = new Map(tree.map((a) => [a.id, a]));
  const memo = new Map<string, string | null>();
  return (areaId) => {
    if (memo.has(areaId)) return memo.get(areaId)!;
    let a = byId.get(areaId);
    let guard = 0;
    while (a && a.level !== level && levelRank(a.level) > levelRank(level) && guard++ < 10)
      a = a.parentId ? byId.get(a.parentId) : undefined;
    const found = a && a.level === level ? a.id : null;
    memo.set(areaId, found);
    return found;
  };
}
