import { and, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guideNewsTranslationBases as bases, guideNews } from "./schema.ts";

export type NewsRow = typeof guideNews.$inferSelect;
type Fields = Pick<NewsRow, "title" | "body" | "publishedOn" | "expiresOn" | "pageIds">;
export type NewsBaseRow = typeof bases.$inferSelect;

/** News (Aktuelles, decision 082). */
export const newsRepo = {
  /** Every message, newest first (staff). */
  list(db: DbOrTx, tenantId: string): Promise<NewsRow[]> {
    return db
      .select()
      .from(guideNews)
      .where(eq(guideNews.tenantId, tenantId))
      .orderBy(desc(guideNews.publishedOn), desc(guideNews.createdAt));
  },
  /** Messages shown on `today` (published, not expired), newest first; optionally pinned to a page. */
  current(db: DbOrTx, tenantId: string, today: string, limit: number, pageId?: string): Promise<NewsRow[]> {
    return db
      .select()
      .from(guideNews)
      .where(
        and(
          eq(guideNews.tenantId, tenantId),
          lte(guideNews.publishedOn, today),
          or(isNull(guideNews.expiresOn), gte(guideNews.expiresOn, today)),
          pageId ? sql`${pageId}::uuid = any(${guideNews.pageIds})` : undefined,
        ),
      )
      .orderBy(desc(guideNews.publishedOn), desc(guideNews.createdAt))
      .limit(limit);
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<NewsRow | undefined> {
    const [row] = await db
      .select()
      .from(guideNews)
      .where(and(eq(guideNews.tenantId, tenantId), eq(guideNews.id, id)));
    return row;
  },
  async insert(db: DbOrTx, tenantId: string, fields: Fields, now: Date): Promise<NewsRow> {
    const [row] = await db
      .insert(guideNews)
      .values({ tenantId, ...fields, createdAt: now, updatedAt: now })
      .returning();
    return row!;
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    fields: Fields,
    now: Date,
  ): Promise<NewsRow | undefined> {
    const [row] = await db
      .update(guideNews)
      .set({ ...fields, version: sql`${guideNews.version} + 1`, updatedAt: now })
      .where(and(eq(guideNews.tenantId, tenantId), eq(guideNews.id, id), eq(guideNews.version, version)))
      .returning();
    return row;
  },
  async remove(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
    const rows = await db
      .delete(guideNews)
      .where(and(eq(guideNews.tenantId, tenantId), eq(guideNews.id, id)))
      .returning({ id: guideNews.id });
    return rows.length > 0;
  },
  /** The German text a language's translation was last saved against (decision 115). */
  async base(db: DbOrTx, tenantId: string, newsId: string, lang: string): Promise<NewsBaseRow | undefined> {
    const [row] = await db
      .select()
      .from(bases)
      .where(and(eq(bases.tenantId, tenantId), eq(bases.newsId, newsId), eq(bases.lang, lang)));
    return row;
  },
  async setBase(db: DbOrTx, row: Omit<NewsBaseRow, "updatedAt">, now: Date) {
    const { title, body, newsVersion } = row;
    await db
      .insert(bases)
      .values({ ...row, updatedAt: now })
      .onConflictDoUpdate({
        target: [bases.tenantId, bases.newsId, bases.lang],
        set: { title, body, newsVersion, updatedAt: now },
      });
  },
};
