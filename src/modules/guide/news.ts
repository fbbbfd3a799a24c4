/**
 * News (Aktuelles, issue 23 item 4, decision 082): dated messages of a tenant with translations
 * (translated-content pattern, entity guide_news: the German text is the source, a change marks
 * the translations outdated), optionally pinned to guide pages; shown from their date until they
 * expire, on the public home page, a public list and an Atom/RSS feed per language.
 */
import { catalogs } from "../../i18n/catalogs.server.ts";
import { type PublicLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { sanitizeRichText } from "../directory/service.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { NewsInput, NewsTranslationInput, UpdateNews } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import { FEED_NEWS, NEWS_ENTITY, readableText, wordDiff } from "./model.ts";
import { type NewsRow, newsRepo } from "./news.repo.ts";
import { newsFeedXml } from "./news-feed.ts";
import type { PublicText } from "./reading.ts";
import type { VisibleTree } from "./search.ts";

const auditView = (n: NewsRow) => ({
  title: n.title,
  publishedOn: n.publishedOn,
  expiresOn: n.expiresOn,
  pageIds: n.pageIds,
});

export type PublicNews = {
  id: string;
  title: PublicText;
  body: PublicText | null;
  publishedOn: string;
  pages: { id: string; title: PublicText; path: string }[];
};

export function createNews(deps: GuideDeps, visible: (tenantId: string) => Promise<VisibleTree>) {
  const { db } = deps;
  const today = () =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(deps.clock.now());

  async function load(tenantId: string, id: string) {
    const row = await newsRepo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }
  async function checkPages(tenantId: string, pageIds: readonly string[]) {
    const tree = await visible(tenantId);
    const errors = pageIds.flatMap((id, i) =>
      tree.has(id) ? [] : [{ field: `pageIds.${i}`, code: "guide_package_page_unknown" }],
    );
    if (errors.length) throw AppError.validation(errors);
  }
  /** The German source rows: a changed text marks the other languages outdated. */
  async function setSources(tx: DbOrTx, principal: Principal, row: NewsRow) {
    const entity = { tenantId: principal.tenantId, entityType: NEWS_ENTITY, entityId: row.id };
    const opts = { db: tx, actorUserId: principal.userId };
    await deps.translations.setSource(entity, "title", row.title, opts);
    if (row.body.trim()) await deps.translations.setSource(entity, "body", row.body, opts);
    else await deps.translations.clearField(entity, "body", tx);
  }
  const record = (
    principal: Principal,
    action: string,
    id: string,
    changes: ReturnType<typeof diff>,
    requestId: string | undefined,
    tx: DbOrTx,
  ) =>
    deps.audit.record(
      {
        actor: { kind: "user", principal },
        requestId: requestId ?? null,
        action,
        entityType: NEWS_ENTITY,
        entityId: id,
        changes,
      },
      tx,
    );

  /** Current messages in a language, texts along the fallback chain (outdated ones skipped). */
  async function publicNews(
    tenantId: string,
    lang: ContentLanguage,
    opts: { limit: number; pageId?: string },
  ): Promise<PublicNews[]> {
    const rows = await newsRepo.current(db, tenantId, today(), opts.limit, opts.pageId);
    if (!rows.length) return [];
    const tree = await visible(tenantId);
    const pinned = [...new Set(rows.flatMap((r) => r.pageIds))].filter((id) => tree.has(id));
    const [texts, pageTexts] = await Promise.all([
      deps.translations.resolve(
        tenantId,
        NEWS_ENTITY,
        rows.map((r) => r.id),
        lang,
        { skipOutdated: true },
      ),
      deps.translations.resolve(tenantId, "guide_page", pinned, lang, { skipOutdated: true }),
    ]);
    const text = (
      t: { text: string; lang: ContentLanguage; isFallback: boolean } | undefined,
      german: string,
    ): PublicText =>
      t
        ? { text: t.text, lang: t.lang, isFallback: t.isFallback }
        : { text: german, lang: "de", isFallback: lang !== "de" };
    return rows.map((r) => {
      const f = texts.get(r.id) ?? {};
      return {
        id: r.id,
        title: text(f.title, r.title),
        body: r.body.trim() ? text(f.body, r.body) : null,
        publishedOn: r.publishedOn,
        pages: r.pageIds
          .filter((id) => tree.has(id))
          .map((id) => ({
            id,
            title: text(pageTexts.get(id)?.title, ""),
            path: tree.get(id)!.slugs.join("/"),
          })),
      };
    });
  }

  return {
    /** Every message for the staff list, newest first, with whether it is shown today. */
    async news(principal: Principal) {
      authorize(principal, "guide.news");
      const d = today();
      return (await newsRepo.list(db, principal.tenantId)).map((n) => ({
        ...n,
        current: n.publishedOn <= d && (n.expiresOn === null || n.expiresOn >= d),
      }));
    },
    /**
     * One message with every language's translation status; with `lang`, also the German text
     * that language was last saved against and the word changes to the German text since then
     * (decision 115). The translation stays outdated until it is saved again as reviewed.
     */
    async newsItem(principal: Principal, id: string, lang?: ContentLanguage) {
      authorize(principal, "guide.news");
      const row = await load(principal.tenantId, id);
      const [matrix, base] = await Promise.all([
        deps.translations.matrix(principal.tenantId, NEWS_ENTITY, [id]),
        lang ? newsRepo.base(db, principal.tenantId, id, lang) : undefined,
      ]);
      const changed = base && (base.title !== row.title || base.body !== row.body);
      return {
        row,
        translations: matrix.get(id) ?? {},
        basedOn: base ? { version: base.newsVersion, savedAt: base.updatedAt } : null,
        changes: changed
          ? {
              title: wordDiff(base.title, row.title),
              body: wordDiff(readableText(base.body), readableText(row.body)),
            }
          : null,
      };
    },
    async createNews(principal: Principal, input: NewsInput, requestId?: string) {
      authorize(principal, "guide.news");
      await checkPages(principal.tenantId, input.pageIds);
      return db.transaction(async (tx) => {
        const row = await newsRepo.insert(
          tx,
          principal.tenantId,
          { ...input, body: sanitizeRichText(input.body) },
          deps.clock.now(),
        );
        await setSources(tx, principal, row);
        await record(principal, "create", row.id, diff(null, auditView(row)), requestId, tx);
        return row;
      });
    },
    async updateNews(principal: Principal, id: string, input: UpdateNews, requestId?: string) {
      authorize(principal, "guide.news");
      const before = await load(principal.tenantId, id);
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      const { version, ...fields } = input;
      await checkPages(principal.tenantId, fields.pageIds);
      return db.transaction(async (tx) => {
        const after = await newsRepo.updateIfVersion(
          tx,
          principal.tenantId,
          id,
          version,
          { ...fields, body: sanitizeRichText(fields.body) },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict();
        await setSources(tx, principal, after);
        await record(principal, "update", id, diff(auditView(before), auditView(after)), requestId, tx);
        return after;
      });
    },
    async deleteNews(principal: Principal, id: string, requestId?: string) {
      authorize(principal, "guide.news");
      const before = await load(principal.tenantId, id);
      await db.transaction(async (tx) => {
        await newsRepo.remove(tx, principal.tenantId, id);
        await deps.translations.removeEntity(
          { tenantId: principal.tenantId, entityType: NEWS_ENTITY, entityId: id },
          tx,
        );
        await record(principal, "delete", id, diff(auditView(before), null), requestId, tx);
      });
    },
    /** One language of a message (title and body at once). */
    async saveNewsTranslation(
      principal: Principal,
      id: string,
      lang: ContentLanguage,
      input: NewsTranslationInput,
      requestId?: string,
    ) {
      authorize(principal, "guide.news");
      const row = await load(principal.tenantId, id);
      if (input.sourceVersion !== undefined && input.sourceVersion !== row.version)
        throw AppError.versionConflict(row.version);
      const body = sanitizeRichText(input.body);
      if (row.body.trim() && !body) throw AppError.validation([{ field: "body", code: "required" }]);
      const entity = { tenantId: principal.tenantId, entityType: NEWS_ENTITY, entityId: id };
      await db.transaction(async (tx) => {
        const opts = { db: tx, actorUserId: principal.userId };
        await deps.translations.setTranslation(entity, "title", lang, input.title, input.status, {
          ...opts,
          expectedVersion: input.titleVersion,
        });
        if (row.body.trim())
          await deps.translations.setTranslation(entity, "body", lang, body, input.status, {
            ...opts,
            expectedVersion: input.bodyVersion,
          });
        // Against which German text: the next change to it is then shown as a diff.
        await newsRepo.setBase(
          tx,
          {
            tenantId: principal.tenantId,
            newsId: id,
            lang,
            title: row.title,
            body: row.body,
            newsVersion: row.version,
          },
          deps.clock.now(),
        );
        await record(
          principal,
          "guide.translate",
          id,
          diff(null, { lang, status: input.status, basedOn: row.version }),
          requestId,
          tx,
        );
      });
    },
    publicNews,
    /** The feed of a public language as Atom 1.0 or RSS 2.0 (`news-feed.ts`). */
    async newsFeed(
      tenantId: string,
      tenantName: string,
      lang: PublicLanguage,
      format: "atom" | "rss",
    ): Promise<string> {
      const items = await publicNews(tenantId, lang, { limit: FEED_NEWS });
      const all = catalogs();
      const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
      const title = t("guide_public.news_feed_title", { tenant: tenantName });
      return newsFeedXml(
        items,
        {
          lang,
          tenantName,
          title,
          description: t("guide_public.news_feed_description", { tenant: tenantName }),
          baseUrl: deps.config.baseUrl,
        },
        format,
      );
    },
  };
}
