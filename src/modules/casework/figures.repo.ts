import { and, count, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseNeeds, casePhaseDefinitions, cases, households, referrals } from "./schema.ts";

/** One cell of an aggregate: a household area × a category, and how many. */
export type FigureCount = { areaId: string | null; category: string | null; n: number };

const OPEN_NEED_STATUSES = ["identified", "in_progress"] as const;

/**
 * Case work's aggregate counts for Lotse's own monitoring figures (issue 6): counts grouped by
 * household area and category only; no row about a person or a case leaves the database.
 */
export const figuresRepo = {
  /** Open cases per household area × phase; asOf null = now (status open, current phase). */
  async openCasesByPhase(db: DbOrTx, tenantId: string, asOf: { day: string } | null): Promise<FigureCount[]> {
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

  /**
   * Open needs per household area × life domain. The household's area is read from the case
   * (decision 107 keeps it there): no join of the households (decision 118).
   */
  async openNeedsByDomain(
    db: DbOrTx,
    tenantId: string,
    asOf: { day: string; instant: Date } | null,
  ): Promise<FigureCount[]> {
    const open = inArray(caseNeeds.status, [...OPEN_NEED_STATUSES]);
    const where = asOf
      ? and(
          openOn(asOf.day),
          lte(caseNeeds.createdAt, asOf.instant),
          or(open, sql`${caseNeeds.updatedAt} > ${asOf.instant}`),
        )
      : and(eq(cases.status, "open"), open);
    return db
      .select({ areaId: cases.areaId, category: caseNeeds.domain, n: count() })
      .from(caseNeeds)
      .innerJoin(cases, and(eq(cases.tenantId, caseNeeds.tenantId), eq(cases.id, caseNeeds.caseId)))
      .where(and(eq(caseNeeds.tenantId, tenantId), where))
      .groupBy(cases.areaId, caseNeeds.domain);
  },

  /**
   * Persons of households in need (an open case with at least one open need) per household area
   * × language they speak at any level but "none"; a person speaking two languages counts in both.
   */
  async personsInNeedByLanguage(db: DbOrTx, tenantId: string): Promise<FigureCount[]> {
    const result = await db.execute(sql`
      select h.area_id as "areaId", l->>'lang' as "category", count(*)::int as "n"
      from households h
      join persons p on p.tenant_id = h.tenant_id and p.household_id = h.id
      cross join lateral jsonb_array_elements(p.languages) l
      where h.tenant_id = ${tenantId} and coalesce(l->>'level', '') <> 'none'
        and exists (select 1 from cases c join case_needs n on n.tenant_id = c.tenant_id and n.case_id = c.id
          where c.tenant_id = h.tenant_id and c.household_id = h.id and c.status = 'open'
            and n.status in ('identified', 'in_progress'))
      group by 1, 2`);
    return (result as unknown as { rows: FigureCount[] }).rows.map((r) => ({ ...r, n: Number(r.n) }));
  },

  /** Referrals sent in [from, to) per household area × status (today's). */
  async referralsByStatus(db: DbOrTx, tenantId: string, from: Date, to: Date): Promise<FigureCount[]> {
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

  /**
   * Persons of the given households per caller's group key × sex × age in whole years on `day`
   * (null without a birth date): the accommodation module's age and gender structure per
   * accommodation (decision 081), suppressed there through the small-cell rule.
   */
  async personsByGroup(
    db: DbOrTx,
    tenantId: string,
    groups: readonly { householdId: string; key: string }[],
    day: string,
  ): Promise<{ key: string; sex: string; age: number | null; n: number }[]> {
    if (groups.length === 0) return [];
    const ids = sql.join(
      groups.map((g) => sql`${g.householdId}::uuid`),
      sql`, `,
    );
    const keys = sql.join(
      groups.map((g) => sql`${g.key}::text`),
      sql`, `,
    );
    const result = await db.execute(sql`
      select g.key as key, p.sex as sex,
        case when p.birth_date is null then null
          else extract(year from age(${day}::date, p.birth_date))::int end as age,
        count(*)::int as n
      from unnest(array[${ids}], array[${keys}]) as g(household_id, key)
      join persons p on p.tenant_id = ${tenantId} and p.household_id = g.household_id
      group by 1, 2, 3`);
    return (
      result as unknown as { rows: { key: string; sex: string; age: number | null; n: number }[] }
    ).rows.map((r) => ({
      key: r.key,
      sex: r.sex,
      age: r.age === null ? null : Number(r.age),
      n: Number(r.n),
    }));
  },

  async phases(db: DbOrTx, tenantId: string) {
    return db
      .select({ key: casePhaseDefinitions.key, label: casePhaseDefinitions.label })
      .from(casePhaseDefinitions)
      .where(eq(casePhaseDefinitions.tenantId, tenantId))
      .orderBy(casePhaseDefinitions.sort);
  },
};

/** A case open at the end of that day. */
function openOn(day: string): SQL | undefined {
  return and(lte(cases.openedOn, day), or(isNull(cases.closedOn), sql`${cases.closedOn} > ${day}`));
}
