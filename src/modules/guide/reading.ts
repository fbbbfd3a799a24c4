/** The public guide: the published tree and one page by its path, in the reader's language. */
import type { Language, PublicLanguage } from "../../i18n/languages.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { GuideDeps } from "./deps.ts";
import { GUIDE_ENTITY } from "./model.ts";
import { guideRepo, type TreeRow } from "./repo.ts";

/** Guide pages in a language's offline copy (the directory's offers are capped likewise). */
export const MAX_OFFLINE_GUIDE_PAGES = 500;

export type PublicText = { text: string; lang: ContentLanguage; isFallback: boolean };

export function createReading(deps: GuideDeps) {
  const { db } = deps;

  /** Published pages whose ancestors are all published, each with its path of slugs. */
  async function visible(tenantId: string) {
    const pages = await guideRepo.tree(db, tenantId);
    const byId = new Map(pages.map((p) => [p.id, p]));
    const out = new Map<string, { page: TreeRow; slugs: string[] }>();
    const resolvePath = (p: TreeRow, seen: Set<string>): string[] | null => {
      if (p.publishedVersion === null || seen.has(p.id)) return null;
      if (!p.parentId) return [p.slug];
      const parent = byId.get(p.parentId);
      const up = parent ? resolvePath(parent, new Set([...seen, p.id])) : null;
      return up ? [...up, p.slug] : null;
    };
    for (const p of pages) {
      const slugs = resolvePath(p, new Set());
      if (slugs) out.set(p.id, { page: p, slugs });
    }
    return out;
  }

  async function titles(tenantId: string, ids: string[], lang: ContentLanguage) {
    const texts = await deps.translations.resolve(tenantId, GUIDE_ENTITY, ids, lang, { skipOutdated: true });
    return (id: string): PublicText => {
      const t = texts.get(id)?.title;
      return t
        ? { text: t.text, lang: t.lang, isFallback: t.isFallback }
        : { text: "", lang: "de", isFallback: true };
    };
  }

  return {
    visible,
    /**
     * What "save for offline" adds to the language's offline copy (the PWA's offline manifest):
     * the guide's index and every public page, tree order, at most MAX_OFFLINE_GUIDE_PAGES;
     * nothing while no page is published. German readers get easy German as well.
     */
    async offlineUrls(tenantId: string, lang: PublicLanguage): Promise<string[]> {
      const pages = [...(await visible(tenantId)).values()].slice(0, MAX_OFFLINE_GUIDE_PAGES);
      if (!pages.length) return [];
      const base = `/${lang}/guide`;
      const urls = [base, ...pages.map((p) => `${base}/${p.slugs.join("/")}`)];
      return lang === "de" ? [...urls, ...urls.map((u) => `${u}?simple=1`)] : urls;
    },

    /** The tree for the guide's start page, in reading order. */
    async publicTree(tenantId: string, lang: ContentLanguage) {
      const pages = await visible(tenantId);
      const ids = [...pages.keys()];
      const title = await titles(tenantId, ids, lang);
      const out: { id: string; path: string; depth: number; title: PublicText }[] = [];
      const visit = (parentId: string | null) => {
        for (const { page, slugs } of pages.values()) {
          if (page.parentId !== parentId) continue;
          out.push({ id: page.id, path: slugs.join("/"), depth: slugs.length, title: title(page.id) });
          visit(page.id);
        }
      };
      visit(null);
      return out;
    },

    /**
     * One published page by its path: text in `lang` (falling back to German past missing or
     * outdated translations), breadcrumbs, sub-pages and the linked offers as they are today.
     */
    async publicPage(tenantId: string, path: readonly string[], lang: ContentLanguage, uiLang: Language) {
      const pages = await visible(tenantId);
      const wanted = path.join("/");
      const hit = [...pages.values()].find((p) => p.slugs.join("/") === wanted);
      if (!hit) return null;
      const { page, slugs } = hit;
      const ancestors = slugs.slice(0, -1).map((_, i) => {
        const prefix = slugs.slice(0, i + 1).join("/");
        return [...pages.values()].find((p) => p.slugs.join("/") === prefix)!;
      });
      const children = [...pages.values()].filter((p) => p.page.parentId === page.id);
      const ids = [page.id, ...ancestors.map((a) => a.page.id), ...children.map((c) => c.page.id)];
      const [title, texts, published] = await Promise.all([
        titles(tenantId, ids, lang),
        deps.translations.resolve(tenantId, GUIDE_ENTITY, [page.id], lang, { skipOutdated: true }),
        guideRepo.version(db, tenantId, page.id, page.publishedVersion!),
      ]);
      const body = texts.get(page.id)?.body;
      const offers = await Promise.all(
        (published?.offerIds ?? []).map(async (id) => ({
          id,
          offer: await deps.offers.offer(tenantId, id, uiLang),
        })),
      );
      return {
        id: page.id,
        path: slugs.join("/"),
        title: title(page.id),
        body: body ? { text: body.text, lang: body.lang, isFallback: body.isFallback } : null,
        lastCheckedOn: page.lastCheckedOn,
        breadcrumbs: ancestors.map((a) => ({ path: a.slugs.join("/"), title: title(a.page.id) })),
        children: children.map((c) => ({ path: c.slugs.join("/"), title: title(c.page.id) })),
        offers: offers.map(({ id, offer }) =>
          offer
            ? {
                id,
                available: true as const,
                title: offer.title,
                openingHours: offer.openingHours,
                open: offer.open,
                appointmentOnly: offer.appointmentOnly,
              }
            : { id, available: false as const },
        ),
      };
    },
  };
}
