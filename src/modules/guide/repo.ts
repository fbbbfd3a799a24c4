import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guidePages, guidePageVersions, guideTranslationBases } from "./schema.ts";

export type PageRow = typeof guidePages.$inferSelect;
export type PageInsert = typeof guidePages.$inferInsert;
/** What the public tree needs of a page (no texts). */
export type TreeRow = Pick<PageRow, "id" | "parentId" | "slug" | "publishedVersion" | "lastCheckedOn">;
export type VersionRow = typeof guidePageVersions.$inferSelect;

export const guideRepo = {
  async insert(db: DbOrTx, row: PageInsert): Promise<PageRow> {
    const [created] = await db.insert(guidePages).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PageRow | undefined> {
    const [row] = await db
      .select()
      .from(guidePages)
      .where(and(eq(guidePages.tenantId, tenantId), eq(guidePages.id, id)));
    return row;
  },
  /** Every page of the tenant, in tree order within each parent. */
  list(db: DbOrTx, tenantId: string): Promise<PageRow[]> {
    return db
      .select()
      .from(guidePages)
      .where(eq(guidePages.tenantId, tenantId))
      .orderBy(guidePages.sort, guidePages.title);
  },
  /** The tree without texts, in the same order as list(). */
  tree(db: DbOrTx, tenantId: string): Promise<TreeRow[]> {
    return db
      .select({
        id: guidePages.id,
        parentId: guidePages.parentId,
        slug: guidePages.slug,
        publishedVersion: guidePages.publishedVersion,
        lastCheckedOn: guidePages.lastCheckedOn,
      })
      .from(guidePages)
      .where(eq(guidePages.tenantId, tenantId))
      .orderBy(guidePages.sort, guidePages.title);
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Omit<PageInsert, "tenantId" | "id" | "version" | "createdAt">>,
    now: Date,
  ): Promise<PageRow | undefined> {
    const [row] = await db
      .update(guidePages)
      .set({ ...patch, version: sql`${guidePages.version} + 1`, updatedAt: now })
      .where(and(eq(guidePages.tenantId, tenantId), eq(guidePages.id, id), eq(guidePages.version, version)))
      .returning();
    return row;
  },
  async insertVersion(db: DbOrTx, row: typeof guidePageVersions.$inferInsert): Promise<VersionRow> {
    const [created] = await db.insert(guidePageVersions).values(row).returning();
    return created!;
  },
  versions(db: DbOrTx, tenantId: string, pageId: string): Promise<VersionRow[]> {
    return db
      .select()
      .from(guidePageVersions)
      .where(and(eq(guidePageVersions.tenantId, tenantId), eq(guidePageVersions.pageId, pageId)))
      .orderBy(desc(guidePageVersions.number));
  },
  async version(db: DbOrTx, tenantId: string, pageId: string, n: number): Promise<VersionRow | undefined> {
    const [row] = await db
      .select()
      .from(guidePageVersions)
      .where(
        and(
          eq(guidePageVersions.tenantId, tenantId),
          eq(guidePageVersions.pageId, pageId),
          eq(guidePageVersions.number, n),
        ),
      );
    return row;
  },
  /** The published version of each of these pages (their latest). */
  async published(db: DbOrTx, tenantId: string, pageIds: readonly string[]): Promise<VersionRow[]> {
    if (!pageIds.length) return [];
    return db
      .select({ v: guidePageVersions })
      .from(guidePageVersions)
      .innerJoin(
        guidePages,
        and(
          eq(guidePages.tenantId, guidePageVersions.tenantId),
          eq(guidePages.id, guidePageVersions.pageId),
          eq(guidePages.publishedVersion, guidePageVersions.number),
        ),
      )
      .where(and(eq(guidePageVersions.tenantId, tenantId), inArray(guidePageVersions.pageId, [...pageIds])))
      .then((rows) => rows.map((r) => r.v));
  },
  async bases(db: DbOrTx, tenantId: string, pageId: string): Promise<Map<string, number>> {
    const rows = await db
      .select()
      .from(guideTranslationBases)
      .where(and(eq(guideTranslationBases.tenantId, tenantId), eq(guideTranslationBases.pageId, pageId)));
    return new Map(rows.map((r) => [r.lang, r.versionNumber]));
  },
  async setBase(
    db: DbOrTx,
    tenantId: string,
    pageId: string,
    lang: string,
    versionNumber: number,
    now: Date,
  ) {
    await db
      .insert(guideTranslationBases)
      .values({ tenantId, pageId, lang, versionNumber, updatedAt: now })
      .onConflictDoUpdate({
        target: [guideTranslationBases.tenantId, guideTranslationBases.pageId, guideTranslationBases.lang],
        set: { versionNumber, updatedAt: now },
      });
  },
  /** The day the owner was reminded of these pages' check (the daily job). */
  async markReminded(db: DbOrTx, tenantId: string, ids: readonly string[], on: string) {
    if (!ids.length) return;
    await db
      .update(guidePages)
      .set({ checkRemindedOn: on })
      .where(and(eq(guidePages.tenantId, tenantId), inArray(guidePages.id, [...ids])));
  },
};
