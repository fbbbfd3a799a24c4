import { and, asc, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { offers } from "./schema.ts";
import { isoDate, toLocal } from "./time-zone.ts";

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
  };
}
export type OfferFigures = ReturnType<typeof createOfferFigures>;
