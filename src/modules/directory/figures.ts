import { and, asc, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { offers } from "./schema.ts";
import { isoDate, toLocal } from "./time-zone.ts";

/**
 * Supply of one area × framework term: published offers valid today at a place in the area (an
 * offer at two places of one area counts once), their weekly opening minutes, and how many have
 * an evening slot (ending after 18:00), childcare, or both.
 */
export type AreaTermSupply = {
  areaId: string;
  term: string;
  offers: number;
  minutes: number;
  evening: number;
  childcare: number;
  eveningChildcare: number;
};

/** Published offers valid today per area (null: no place in an area, e.g. online) × language spoken. */
export type AreaLanguageSupply = { areaId: string | null; lang: string; offers: number };

/** One cell of the framework matrix: a row term × a column term, and how many offers carry both. */
export type TermPairCount = { row: string; col: string; n: number };

/**
 * Aggregates of the published directory for strategy (issue 16): counts of published offers
 * valid today per pair of framework terms, and the offers of one pair. Published offers are
 * public; the caller still passes every count through the small-cell rule.
 */
export function createOfferFigures(deps: { db: DbOrTx; clock: { now(): Date } }) {
  const { db } = deps;
  const today = () => {
    const l = toLocal(deps.clock.now(), DIRECTORY_TIME_ZONE);
    return isoDate(l.year, l.month, l.day);
  };
  const publishedToday = (day: string): SQL =>
    and(
      eq(offers.status, "published"),
      or(isNull(offers.validFrom), lte(offers.validFrom, day)),
      or(isNull(offers.validTo), gte(offers.validTo, day)),
    )!;
  return {
    /** Published offers valid today per (row term, column term); pairs without offers are absent. */
    async countByTermPairs(
      tenantId: string,
      rowTerms: string[],
      colTerms: string[],
    ): Promise<TermPairCount[]> {
      if (rowTerms.length === 0 || colTerms.length === 0) return [];
      const rowsArr = sql`${`{${rowTerms.join(",")}}`}::uuid[]`;
      const colsArr = sql`${`{${colTerms.join(",")}}`}::uuid[]`;
      const result = await db
        .select({ row: sql<string>`r.id`, col: sql<string>`c.id`, n: sql<number>`count(*)::int` })
        .from(offers)
        .innerJoin(sql`unnest(${offers.termIds}) as r(id)`, sql`r.id = any(${rowsArr})`)
        .innerJoin(sql`unnest(${offers.termIds}) as c(id)`, sql`c.id = any(${colsArr})`)
        .where(
          and(
            eq(offers.tenantId, tenantId),
            sql`${offers.termIds} && ${rowsArr}`,
            sql`${offers.termIds} && ${colsArr}`,
            publishedToday(today()),
          ),
        )
        .groupBy(sql`r.id`, sql`c.id`);
      return result.map((r) => ({ row: r.row, col: r.col, n: Number(r.n) }));
    },
    /** The published offers valid today that carry both terms (German titles), by title. */
    async offersWithTerms(
      tenantId: string,
      terms: string[],
      limit: number,
    ): Promise<{ id: string; title: string }[]> {
      const arr = sql`${`{${terms.join(",")}}`}::uuid[]`;
      return db
        .select({ id: offers.id, title: offers.title })
        .from(offers)
        .where(and(eq(offers.tenantId, tenantId), sql`${offers.termIds} @> ${arr}`, publishedToday(today())))
        .orderBy(asc(offers.title), asc(offers.id))
        .limit(limit);
    },
    /** Supply per area × term for the gap analysis (issue 16, 2); pairs without offers are absent. */
    async supplyByAreaAndTerm(tenantId: string, terms: string[]): Promise<AreaTermSupply[]> {
      if (terms.length === 0) return [];
      const res = (await db.execute(supplySql(tenantId, today(), terms))) as unknown as {
        rows: AreaTermSupply[];
      };
      return res.rows.map((r) => ({
        areaId: r.areaId,
        term: r.term,
        offers: Number(r.offers),
        minutes: Number(r.minutes),
        evening: Number(r.evening),
        childcare: Number(r.childcare),
        eveningChildcare: Number(r.eveningChildcare),
      }));
    },
    /**
     * Languages of supply (issue 16, 2): published offers valid today per area × language the
     * offer is given in (an offer at two places of one area counts once), and per language
     * tenant-wide (`areaId` null in `city`).
     */
    async supplyByLanguage(
      tenantId: string,
    ): Promise<{ byArea: AreaLanguageSupply[]; city: { lang: string; offers: number }[] }> {
      const day = today();
      const published = sql`o.tenant_id = ${tenantId} and o.status = 'published'
        and (o.valid_from is null or o.valid_from <= ${day}) and (o.valid_to is null or o.valid_to >= ${day})`;
      const [byArea, city] = await Promise.all([
        db.execute(sql`
          with oa as (
            select distinct o.id, o.languages, p.area_id from offers o
            join offer_places op on op.tenant_id = ${tenantId} and op.offer_id = o.id
            join places p on p.tenant_id = ${tenantId} and p.id = op.place_id
            where ${published} and p.area_id is not null
          )
          select oa.area_id as "areaId", l.lang as "lang", count(*)::int as "offers"
          from oa cross join lateral unnest(oa.languages) l(lang) group by 1, 2`),
        db.execute(sql`
          select l.lang as "lang", count(distinct o.id)::int as "offers"
          from offers o cross join lateral unnest(o.languages) l(lang)
          where ${published} group by 1`),
      ]);
      const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
      return {
        byArea: rows<AreaLanguageSupply>(byArea).map((r) => ({ ...r, offers: Number(r.offers) })),
        city: rows<{ lang: string; offers: number }>(city).map((r) => ({ ...r, offers: Number(r.offers) })),
      };
    },
  };
}
/**
 * One aggregation over the published offers with their areas. Weekly minutes and the evening
 * flag are the offer's derived columns (kept from its opening hours by a trigger, decision 118),
 * so no offer's jsonb is read here. An offer at two places of one area counts once (the DISTINCT
 * of offer and area, hashed before the join).
 */
const supplySql = (tenantId: string, day: string, terms: string[]) => {
  const arr = sql`${`{${terms.join(",")}}`}::uuid[]`;
  return sql`
    with oa as (
      select distinct op.offer_id, p.area_id
      from offer_places op
      join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
      where op.tenant_id = ${tenantId} and p.area_id is not null
    )
    select oa.area_id as "areaId", t.id as "term", count(*)::int as "offers",
      coalesce(sum(o.weekly_minutes), 0)::int as "minutes",
      (count(*) filter (where o.evening_slot))::int as "evening",
      (count(*) filter (where o.childcare))::int as "childcare",
      (count(*) filter (where o.evening_slot and o.childcare))::int as "eveningChildcare"
    from offers o
    join oa on oa.offer_id = o.id
    cross join lateral unnest(o.term_ids) t(id)
    where o.tenant_id = ${tenantId} and o.status = 'published'
      and (o.valid_from is null or o.valid_from <= ${day}) and (o.valid_to is null or o.valid_to >= ${day})
      and o.term_ids && ${arr} and t.id = any(${arr})
    group by 1, 2`;
};

export type OfferFigures = ReturnType<typeof createOfferFigures>;
