import { sql } from "drizzle-orm";
import {
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { OwnerKind, PageStatus } from "./model.ts";

/**
 * Guide pages (Willkommensinformation, issue 23): one row per page of a tenant's tree
 * (adjacency list). title/body are the German working copy; what readers see is the latest
 * row of guide_page_versions. Translations live in content_translations (entity guide_page).
 */
export const guidePages = pgTable(
  "guide_pages",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    parentId: uuid("parent_id"),
    /** The page's segment of its public path (/de/guide/ankommen/wohnsitz-anmelden). */
    slug: text("slug").notNull(),
    sort: integer("sort").notNull().default(0),
    ownerKind: text("owner_kind").$type<OwnerKind>().notNull(),
    /** A directory organization or an office (no foreign key across modules). */
    ownerId: uuid("owner_id").notNull(),
    lastCheckedOn: date("last_checked_on"),
    /** When the owner was last mailed that the check is due (the daily job, decision 082). */
    checkRemindedOn: date("check_reminded_on"),
    status: text("status").$type<PageStatus>().notNull().default("draft"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Directory offers the page links to; read live when the page is shown. */
    offerIds: uuid("offer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Number of the latest published version; null while never published. */
    publishedVersion: integer("published_version"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("guide_pages_parent_idx").on(t.tenantId, t.parentId, t.sort),
  ],
);

/** Every published state of a page's German text, numbered from 1. */
export const guidePageVersions = pgTable(
  "guide_page_versions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    pageId: uuid("page_id").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    offerIds: uuid("offer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("guide_page_versions_number_key").on(t.tenantId, t.pageId, t.number),
    foreignKey({
      name: "guide_page_versions_page_fk",
      columns: [t.tenantId, t.pageId],
      foreignColumns: [guidePages.tenantId, guidePages.id],
    }).onDelete("cascade"),
  ],
);

/** Which published version each language's translation of a page was made from. */
export const guideTranslationBases = pgTable(
  "guide_translation_bases",
  {
    tenantId: tenantIdColumn(),
    pageId: uuid("page_id").notNull(),
    lang: text("lang").notNull(),
    versionNumber: integer("version_number").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.pageId, t.lang] }),
    foreignKey({
      name: "guide_translation_bases_page_fk",
      columns: [t.tenantId, t.pageId],
      foreignColumns: [guidePages.tenantId, guidePages.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The public search's read model: per published page and language with a current text, the
 * folded words of its title and body (directory's searchTextOf, so a query folds the same way).
 * Rewritten by the service when a page is published or a translation saved (search.ts).
 */
export const guideSearch = pgTable(
  "guide_search",
  {
    tenantId: tenantIdColumn(),
    pageId: uuid("page_id").notNull(),
    lang: text("lang").notNull(),
    words: text("words").array().notNull(),
    /** Words of the title alone (a title hit ranks first). */
    titleWords: text("title_words").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.pageId, t.lang] }),
    index("guide_search_words_idx").using("gin", t.words),
    foreignKey({
      name: "guide_search_page_fk",
      columns: [t.tenantId, t.pageId],
      foreignColumns: [guidePages.tenantId, guidePages.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Every word of the guide's search rows (never pruned: a stale word just matches nothing); a
 * query's words are looked up here by trigram similarity (typos, parts of compounds).
 */
export const guideSearchVocabulary = pgTable(
  "guide_search_vocabulary",
  {
    tenantId: tenantIdColumn(),
    word: text("word").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.word] }),
    index("guide_search_vocabulary_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
  ],
);

/**
 * A saved welcome package (issue 23 item 5, decision 082): a named, ordered choice of guide
 * pages and directory offers a coordinator keeps and reuses. Ids only (offers live in the
 * directory, read through its public service when the package is rendered). No personal data.
 */
export const guidePackages = pgTable(
  "guide_packages",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    /** The title printed on the package (the name when empty). */
    title: text("title").notNull().default(""),
    pageIds: uuid("page_ids").array().notNull().default(sql`'{}'::uuid[]`),
    offerIds: uuid("offer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("guide_packages_name_key").on(t.tenantId, t.name),
  ],
);

/**
 * News (Aktuelles, issue 23 item 4, decision 082): a dated message of a tenant. title/body are
 * the German source; other languages live in content_translations (entity guide_news). Shown
 * from `publishedOn` until `expiresOn` (inclusive); optionally pinned to guide pages.
 */
export const guideNews = pgTable(
  "guide_news",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    publishedOn: date("published_on").notNull(),
    expiresOn: date("expires_on"),
    pageIds: uuid("page_ids").array().notNull().default(sql`'{}'::uuid[]`),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("guide_news_published_idx").on(t.tenantId, t.publishedOn),
  ],
);

/**
 * Per news message and language, the German title and body the translation was last saved
 * against (decision 115). News keeps no versions of its own, so the text itself is kept: the
 * translator then sees the changes to the German text since the translation was made.
 */
export const guideNewsTranslationBases = pgTable(
  "guide_news_translation_bases",
  {
    tenantId: tenantIdColumn(),
    newsId: uuid("news_id").notNull(),
    lang: text("lang").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** The message's version when the translation was saved (shown to the translator). */
    newsVersion: integer("news_version").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.newsId, t.lang] }),
    foreignKey({
      name: "guide_news_translation_bases_news_fk",
      columns: [t.tenantId, t.newsId],
      foreignColumns: [guideNews.tenantId, guideNews.id],
    }).onDelete("cascade"),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Welcome package PDFs rendered in the job queue (decision 115): what was asked for (ids only,
 * no personal data), the job's outcome and the file for download. The requester downloads it;
 * the daily job deletes rows older than KEEP_RENDER_DAYS.
 */
export const guidePackageRenders = pgTable(
  "guide_package_renders",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The signed-in requester; null for a public request by mail (decision 123). */
    requestedBy: uuid("requested_by"),
    lang: text("lang").notNull(),
    /** The saved package it was made from (no foreign key: deleting the package keeps the file). */
    packageId: uuid("package_id"),
    title: text("title").notNull().default(""),
    pageIds: uuid("page_ids").array().notNull(),
    offerIds: uuid("offer_ids").array().notNull(),
    status: text("status", { enum: ["queued", "done", "failed"] })
      .notNull()
      .default("queued"),
    /** Pages and offers in the rendered file (withdrawn ones are left out). */
    pages: integer("pages"),
    offers: integer("offers"),
    pdf: bytea("pdf"),
    /** What was asked for (language, title, ids): a second GET while it is queued joins it. */
    contentKey: text("content_key").notNull().default(""),
    /** The hash of the model rendered (decision 123): a later GET with the same model gets this file. */
    modelHash: text("model_hash"),
    /** A public request's link token (SHA-256; the token itself is only in the mail). */
    tokenHash: text("token_hash"),
    /** A public request's rate-limit keys: keyed hashes of the mail address and the client address. */
    addressKey: text("address_key"),
    sourceKey: text("source_key"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("guide_package_renders_created_idx").on(t.tenantId, t.createdAt),
    index("guide_package_renders_model_idx").on(t.tenantId, t.modelHash),
    index("guide_package_renders_token_idx").on(t.tokenHash),
  ],
);
