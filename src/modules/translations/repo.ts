import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import { CONTENT_SOURCE_LANGUAGE } from "./languages.ts";
import { contentTranslations as ct } from "./schema.ts";

export type TranslationRow = typeof ct.$inferSelect;
export type TranslationInsert = typeof ct.$inferInsert;

export type FieldRef = { tenantId: string; entityType: string; entityId: string; field: string };

export const translationRepo = {
  /** Every row of these entities, optionally only in some languages: one query for a whole page. */
  async forEntities(
    db: DbOrTx,
    tenantId: string,
    entityType: string,
    entityIds: readonly string[],
    langs?: readonly string[],
  ): Promise<TranslationRow[]> {
    if (entityIds.length === 0) return [];
    const where = [
      eq(ct.tenantId, tenantId),
      eq(ct.entityType, entityType),
      inArray(ct.entityId, [...entityIds]),
    ];
    if (langs) where.push(inArray(ct.lang, [...langs]));
    return db
      .select()
      .from(ct)
      .where(and(...where));
  },

  async one(db: DbOrTx, ref: FieldRef, lang: string): Promise<TranslationRow | undefined> {
    const [row] = await db
      .select()
      .from(ct)
      .where(
        and(
          eq(ct.tenantId, ref.tenantId),
          eq(ct.entityType, ref.entityType),
          eq(ct.entityId, ref.entityId),
          eq(ct.field, ref.field),
          eq(ct.lang, lang),
        ),
      );
    return row;
  },

  async insert(db: DbOrTx, row: TranslationInsert): Promise<TranslationRow> {
    const [created] = await db.insert(ct).values(row).returning();
    return created!;
  },

  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<TranslationRow, "text" | "status" | "sourceHash" | "updatedBy">>,
    now: Date,
  ): Promise<TranslationRow | undefined> {
    const [row] = await db
      .update(ct)
      .set({ ...patch, version: sql`${ct.version} + 1`, updatedAt: now })
      .where(and(eq(ct.tenantId, tenantId), eq(ct.id, id), eq(ct.version, version)))
      .returning();
    return row;
  },

  /** Marks every translation of this field that was made from another source text as outdated. */
  async markOutdated(db: DbOrTx, ref: FieldRef, currentSourceHash: string, now: Date): Promise<number> {
    const rows = await db
      .update(ct)
      .set({ status: "outdated", version: sql`${ct.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(ct.tenantId, ref.tenantId),
          eq(ct.entityType, ref.entityType),
          eq(ct.entityId, ref.entityId),
          eq(ct.field, ref.field),
          ne(ct.lang, CONTENT_SOURCE_LANGUAGE),
          ne(ct.sourceHash, currentSourceHash),
          inArray(ct.status, ["machine", "draft", "reviewed"]),
        ),
      )
      .returning({ id: ct.id });
    return rows.length;
  },

  async deleteField(db: DbOrTx, ref: FieldRef): Promise<void> {
    await db
      .delete(ct)
      .where(
        and(
          eq(ct.tenantId, ref.tenantId),
          eq(ct.entityType, ref.entityType),
          eq(ct.entityId, ref.entityId),
          eq(ct.field, ref.field),
        ),
      );
  },

  async deleteEntity(db: DbOrTx, tenantId: string, entityType: string, entityId: string): Promise<void> {
    await db
      .delete(ct)
      .where(and(eq(ct.tenantId, tenantId), eq(ct.entityType, entityType), eq(ct.entityId, entityId)));
  },

  /**
   * Per entity type: how many German source fields there are, and how many of them have no
   * usable translation in `lang` (absent or 'missing') or an outdated one. One query.
   */
  async overview(
    db: DbOrTx,
    tenantId: string,
    lang: string,
  ): Promise<{ entityType: string; total: number; missing: number; outdated: number }[]> {
    const t = alias(ct, "t");
    const rows = await db
      .select({
        entityType: ct.entityType,
        total: sql<number>`count(*)::int`,
        missing: sql<number>`(count(*) filter (where ${t.id} is null or ${t.status} = 'missing'))::int`,
        outdated: sql<number>`(count(*) filter (where ${t.status} = 'outdated'))::int`,
      })
      .from(ct)
      .leftJoin(
        t,
        and(
          eq(t.tenantId, ct.tenantId),
          eq(t.entityType, ct.entityType),
          eq(t.entityId, ct.entityId),
          eq(t.field, ct.field),
          eq(t.lang, lang),
        ),
      )
      .where(and(eq(ct.tenantId, tenantId), eq(ct.lang, CONTENT_SOURCE_LANGUAGE)))
      .groupBy(ct.entityType)
      .orderBy(ct.entityType);
    return rows.map((r) => ({
      entityType: r.entityType,
      total: Number(r.total),
      missing: Number(r.missing),
      outdated: Number(r.outdated),
    }));
  },

  /** Outdated fields per language, for these entity types (the staff home's "translations outdated"). */
  async outdatedByLanguage(
    db: DbOrTx,
    tenantId: string,
    entityTypes: readonly string[],
  ): Promise<{ lang: string; outdated: number }[]> {
    if (entityTypes.length === 0) return [];
    const rows = await db
      .select({ lang: ct.lang, outdated: sql<number>`count(*)::int` })
      .from(ct)
      .where(
        and(eq(ct.tenantId, tenantId), eq(ct.status, "outdated"), inArray(ct.entityType, [...entityTypes])),
      )
      .groupBy(ct.lang)
      .orderBy(sql`count(*) desc`, ct.lang);
    return rows.map((r) => ({ lang: r.lang, outdated: Number(r.outdated) }));
  },
};
