/** Queries of the guide's public search: its read model (guide_search) and vocabulary. */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guideSearch, guideSearchVocabulary } from "./schema.ts";

export type SearchRow = { pageId: string; lang: string; words: string[]; titleWords: string[] };
export type WordVariant = { query: number; word: string; similarity: number };
export type PageHitRow = { page_id: string; lang: string; score: number };

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A PostgreSQL array literal: one parameter on both drivers. */
function pgArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
const textArray = (items: readonly string[]) => sql`${pgArray(items)}::text[]`;

export const guideSearchRepo = {
  /** Replaces the search rows of these pages (every language) with `next`, and adds new words to the vocabulary. */
  async replace(db: DbOrTx, tenantId: string, pageIds: readonly string[], next: readonly SearchRow[]) {
    if (!pageIds.length) return;
    await db
      .delete(guideSearch)
      .where(and(eq(guideSearch.tenantId, tenantId), inArray(guideSearch.pageId, [...pageIds])));
    for (let i = 0; i < next.length; i += 500) {
      await db.insert(guideSearch).values(next.slice(i, i + 500).map((r) => ({ tenantId, ...r })));
    }
    const words = [...new Set(next.flatMap((r) => r.words))];
    for (let i = 0; i < words.length; i += 2000) {
      await db
        .insert(guideSearchVocabulary)
        .values(words.slice(i, i + 2000).map((word) => ({ tenantId, word })))
        .onConflictDoNothing();
    }
  },

  /**
   * Vocabulary words similar to each query word, best first: word_similarity(query word,
   * vocabulary word) ≥ pg_trgm.word_similarity_threshold (0.6), as the directory's search.
   */
  async similarWords(db: DbOrTx, tenantId: string, words: string[], perWord: number): Promise<WordVariant[]> {
    if (!words.length) return [];
    const found = await rows<{ q: number; word: string; sim: number }>(
      db,
      sql`select q.i::int as q, v.word, v.sim::float8 as sim
        from unnest(${textArray(words)}) with ordinality as q(w, i)
        cross join lateral (
          select s.word, word_similarity(q.w, s.word) as sim
          from guide_search_vocabulary s
          where s.tenant_id = ${tenantId}::uuid and q.w <% s.word
          order by sim desc, length(s.word), s.word
          limit ${perWord}
        ) v`,
    );
    return found.map((r) => ({ query: Number(r.q) - 1, word: r.word, similarity: Number(r.sim) }));
  },

  /**
   * Pages with a language row that holds one of each group's words; per page its best row:
   * per word 2 points for the word itself, 1 for a near spelling, 1 more when it is in the
   * title; the reader's language wins a tie.
   */
  async pages(
    db: DbOrTx,
    tenantId: string,
    groups: { exact: string[]; all: string[] }[],
    lang: string,
    limit: number,
  ): Promise<PageHitRow[]> {
    if (!groups.length) return [];
    const where = groups.map((g) => sql`s.words && ${textArray(g.all)}`);
    const score = sql.join(
      groups.map(
        (g) =>
          sql`(${g.exact.length ? sql`case when s.words && ${textArray(g.exact)} then 2 else 1 end` : sql`1`}
            + case when s.title_words && ${textArray(g.all)} then 1 else 0 end)`,
      ),
      sql` + `,
    );
    const found = await rows<PageHitRow>(
      db,
      sql`select distinct on (s.page_id) s.page_id, s.lang, (${score})::int as score
        from guide_search s
        where s.tenant_id = ${tenantId}::uuid and ${sql.join(where, sql` and `)}
        order by s.page_id, score desc, (s.lang = ${lang}) desc, (s.lang = 'de') desc
        limit ${limit}`,
    );
    return found.map((r) => ({ ...r, score: Number(r.score) }));
  },
};
