import type { Principal } from "../../server/policy/roles.ts";
import { createDaily } from "./daily.ts";
import type { GuideDeps } from "./deps.ts";
import { createHandout } from "./handout.ts";
import { createInterchange } from "./interchange.ts";
import type { OwnerKind } from "./model.ts";
import { createNews } from "./news.ts";
import { createPackageRenderer } from "./package.ts";
import { createPackageRenders } from "./package-renders.ts";
import { createPackageRequests } from "./package-requests.ts";
import { createSavedPackages } from "./packages.ts";
import { createPages } from "./pages.ts";
import { createReading } from "./reading.ts";
import { createSearch } from "./search.ts";
import { applyTemplate } from "./template.ts";
import { createTranslate } from "./translate.ts";

export type { GuideDeps, OwnerChoice } from "./deps.ts";
export type { GuideInterchange, MdAnalysis } from "./interchange.ts";
export type { PublicNews } from "./news.ts";
export type { PackageRenderView } from "./package-renders.ts";
export type { PublicText } from "./reading.ts";
export { GUIDE_TEMPLATE } from "./template.ts";

/**
 * Welcome information (issue 23): the page tree with its review workflow and versions
 * (pages.ts), translations per language (translate.ts), the public guide (reading.ts) and the
 * combined public search (search.ts), the welcome package (package.ts, saved ones in
 * packages.ts, handed out from a case in handout.ts), news (news.ts) and the daily owner
 * reminders (daily.ts).
 */
export function createGuideService(deps: GuideDeps) {
  const reading = createReading(deps);
  const search = createSearch(deps, reading.visible);
  // Publishing and translating rewrite the page's search rows in their own transaction.
  const pages = createPages(deps, search.reindex);
  const renderer = createPackageRenderer(deps, reading.visible);
  const savedPackages = createSavedPackages(deps, renderer);
  const { load: _load, ...saved } = savedPackages;
  const renders = createPackageRenders(deps, renderer, savedPackages);
  const { queue: _queue, ...renderRoutes } = renders;
  return {
    ...pages,
    /** Adds the seed template's missing pages (headings only) as drafts owned by `owner`. */
    applyTemplate: (principal: Principal, owner: { ownerKind: OwnerKind; ownerId: string }) =>
      applyTemplate(pages, principal, owner),
    ...createTranslate(deps, search.reindex),
    publicTree: reading.publicTree,
    publicPage: reading.publicPage,
    offlineUrls: reading.offlineUrls,
    reindexSearch: search.reindexAll,
    ...saved,
    ...createHandout(deps, renderer, savedPackages),
    /**
     * Package PDFs rendered in the job queue, with progress and download (decision 115); the GET
     * routes serve a built file or queue one (decision 123).
     */
    ...renderRoutes,
    /** A newcomer's package request by mail, with a link to the file (decision 123). */
    ...createPackageRequests(deps, renderer, renders),
    ...createNews(deps, reading.visible),
    daily: createDaily(deps),
    /** The page tree as Markdown files and back (decision 090). */
    interchange: createInterchange(deps, search.reindex),
    /** The combined public search (guide pages, offers, events). */
    search: search.search,
  };
}
export type GuideService = ReturnType<typeof createGuideService>;
