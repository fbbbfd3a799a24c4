import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { TranslationStatus } from "./languages.ts";

/**
 * Translated content, for every module: one row per entity, field and language. The German
 * row (lang = 'de') is the source; every other row records the hash of the German text it was
 * translated from, so a changed source marks it outdated. An absent row means "missing".
 */
export const contentTranslations = pgTable(
  "content_translations",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The owning module's name for the record, e.g. "framework_term", "offer". */
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    /** e.g. "label", "description". */
    field: text("field").notNull(),
    /** A content language (CONTENT_LANGUAGES), validated in the service so new ones need no migration. */
    lang: text("lang").notNull(),
    text: text("text").notNull(),
    status: text("status").$type<TranslationStatus>().notNull(),
    /** sha-256 of the German source text this row was made from (for 'de': of its own text). */
    sourceHash: text("source_hash").notNull(),
    version: versionColumn(),
    updatedAt: updatedAt(),
    /** The user who last wrote the row; null for the system (templates, imports). */
    updatedBy: uuid("updated_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("content_translations_entity_field_lang_key").on(
      t.tenantId,
      t.entityType,
      t.entityId,
      t.field,
      t.lang,
    ),
    index("content_translations_tenant_type_lang_idx").on(t.tenantId, t.entityType, t.lang, t.status),
    check(
      "content_translations_status_check",
      sql`${t.status} in ('missing', 'machine', 'draft', 'reviewed', 'outdated')`,
    ),
  ],
);
