/**
 * The combined public search (issue 23, "one search box"): guide pages from the guide's own
 * read model, offers and upcoming events through the directory's public service. Typo-tolerant
 * and across languages: a query's words are folded as the directory folds them and looked up
 * in the guide's vocabulary by trigram similarity; every language of a page is indexed, so a
 * German query finds a page read in Farsi and the hit is shown in the reader's language.
 */
import type { DbOrTx } from "../../server/db/client.ts";
import { plainTextOf, queryWords, searchTextOf } from "../directory/service.ts";
import { CONTENT_LANGUAGES, type ContentLanguage } from "../translations/languages.ts";
import type { GuideDeps } from "./deps.ts";
import { GUIDE_ENTITY } from "./model.ts";
import type { PublicText } from "./reading.ts";
import { guideRepo } from "./repo.ts";
import { guideSearchRepo, type SearchRow } from "./search-repo.ts";

/** Hits of each kind shown on the results page; the offers link on to their full search. */
export const SEARCH_PAGE_HITS = 10;
export const SEARCH_OFFER_HITS = 5;
export const SEARCH_EVENT_HITS = 5;
/** Upcoming events are looked for in this many days. */
export const SEARCH_EVENT_DAYS = 56;
const VARIANTS_PER_WORD = 24;
const CANDIDATES = 200;
const EXCERPT = 180;

type OfferParams = Parameters<GuideDeps["offers"]["searchOffers"]>[1];
const offerParams = (q: string): OfferParams => ({
  q,
  category: [],
  field: [],
  phase: [],
  target: [],
  spoken: [],
  free: false,
  childcare: false,
  open: false,
  near: "",
  radius: null,
  district: "",
  place: "",
  page: 1,
});

function excerpt(html: string): string {
  const text = plainTextOf(html).replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT - 30))} …`;
}

export type VisibleTree = Map<string, { slugs: string[] }>;

export function createSearch(deps: GuideDeps, visible: (tenantId: string) => Promise<VisibleTree>) {
  const { db } = deps;

  /**
   * Rewrites the search rows of these pages from their published texts: German from the source,
   * every other language only where a current (not outdated) translation exists.
   */
  async function reindex(tenantId: string, pageIds: readonly string[], tx?: DbOrTx) {
    const conn = tx ?? db;
    const next: SearchRow[] = [];
    for (const lang of CONTENT_LANGUAGES) {
      const texts = await deps.translations.resolve(tenantId, GUIDE_ENTITY, pageIds, lang, {
        skipOutdated: true,
        db: conn,
      });
      for (const [pageId, fields] of texts) {
        const own = (f: "title" | "body") => (fields[f] && !fields[f].isFallback ? fields[f].text : null);
        const title = own("title");
        const body = own("body");
        if (!title && !body) continue;
        const words = searchTextOf([title, body ? plainTextOf(body) : null])
          .split(" ")
          .filter(Boolean);
        const titleWords = searchTextOf([title]).split(" ").filter(Boolean);
        if (words.length) next.push({ pageId, lang, words, titleWords });
      }
    }
    await guideSearchRepo.replace(conn, tenantId, pageIds, next);
  }

  async function pages(tenantId: string, q: string, lang: ContentLanguage) {
    const words = queryWords(q);
    if (!words.length) return { items: [], total: 0 };
    const variants = await guideSearchRepo.similarWords(db, tenantId, words, VARIANTS_PER_WORD);
    const groups = words
      .map((_, i) => variants.filter((v) => v.query === i))
      .filter((g) => g.length > 0)
      .map((g) => ({
        all: g.map((v) => v.word),
        exact: g.filter((v) => v.similarity >= 0.999).map((v) => v.word),
      }));
    // Words nobody wrote are left out, unless none is known at all.
    if (!groups.length) return { items: [], total: 0 };
    const [hits, tree] = await Promise.all([
      guideSearchRepo.pages(db, tenantId, groups, lang, CANDIDATES),
      visible(tenantId),
    ]);
    const shown = hits.filter((h) => tree.has(h.page_id)).sort((a, b) => b.score - a.score);
    const top = shown.slice(0, SEARCH_PAGE_HITS);
    const ids = top.map((h) => h.page_id);
    const texts = await deps.translations.resolve(tenantId, GUIDE_ENTITY, ids, lang, { skipOutdated: true });
    const items = top.map((h) => {
      const f = texts.get(h.page_id) ?? {};
      const title: PublicText = f.title
        ? { text: f.title.text, lang: f.title.lang, isFallback: f.title.isFallback }
        : { text: "", lang: "de", isFallback: true };
      return {
        id: h.page_id,
        path: tree.get(h.page_id)!.slugs.join("/"),
        title,
        excerpt: f.body ? { text: excerpt(f.body.text), lang: f.body.lang } : null,
      };
    });
    return { items, total: shown.length };
  }

  return {
    /** Rebuilds the search rows of every page of the tenant (after a bulk load or restore). */
    async reindexAll(tenantId: string) {
      const all = await guideRepo.list(db, tenantId);
      const ids = all.filter((p) => p.publishedVersion !== null).map((p) => p.id);
      for (let i = 0; i < ids.length; i += 500) await reindex(tenantId, ids.slice(i, i + 500));
    },
    reindex,

    /** Guide pages, offers and the next weeks' events for one query, in the reader's language. */
    async search(tenantId: string, q: string, lang: ContentLanguage) {
      const query = q.trim().slice(0, 200);
      if (!queryWords(query).length) return { q: query, pages: null, offers: null, events: null };
      const now = deps.clock.now();
      const range = { from: now, to: new Date(now.getTime() + SEARCH_EVENT_DAYS * 86_400_000) };
      const [found, offers, events] = await Promise.all([
        pages(tenantId, query, lang),
        deps.offers.searchOffers(tenantId, offerParams(query), lang, { pageSize: SEARCH_OFFER_HITS }),
        deps.offers.eventsInRange(tenantId, range, query, lang),
      ]);
      const upcoming = events
        .map((e) => ({
          id: e.id,
          title: e.title,
          start: e.occurrences[0]!.start,
          place: e.place?.name ?? null,
        }))
        .sort((a, b) => a.start.getTime() - b.start.getTime());
      return {
        q: query,
        pages: found,
        offers: {
          total: offers.total,
          items: offers.items.map((o) => ({ id: o.id, title: o.title, summary: o.summary, open: o.open })),
        },
        events: { total: upcoming.length, items: upcoming.slice(0, SEARCH_EVENT_HITS) },
      };
    },
  };
}
