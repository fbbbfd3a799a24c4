import { readOnlyMethods } from "../../server/db/ambient.ts";
import { createPublicContext, type PublicDirectoryDeps } from "./search-context.ts";
import { createEventSearch } from "./search-events.ts";
import { createFilterResolver } from "./search-filter.ts";
import { createMapSearch } from "./search-map.ts";
import { createNearResolver } from "./search-near.ts";
import { createOfferPage } from "./search-offer-page.ts";
import { createOfferSearch } from "./search-offers.ts";
import { createOfficeFinder } from "./search-offices.ts";

export type { LocalText, PublicDirectoryDeps, PublicPlace } from "./search-context.ts";
export { hoursOpts } from "./search-context.ts";
export type { PublicEvent } from "./search-events.ts";
export type { MapFeatureCollection } from "./search-map.ts";
export type { NearPoint } from "./search-near.ts";
export type { OfferHit, OfferSearchResult } from "./search-offers.ts";
export type { OfficeFinding, OfficeHit } from "./search-offices.ts";
export * from "./search-params.ts";

/**
 * The public read model of the directory (the public search, map, detail pages, office finder):
 * published entries only, valid today, in the reader's language with German as the fallback.
 * One part per sub-resource (decision 028's layout): the offer search (search-offers.ts), the
 * map (search-map.ts), the offer page (search-offer-page.ts), events (search-events.ts) and the
 * office finder (search-offices.ts), over the shared context (search-context.ts), the "near"
 * resolver (search-near.ts) and the URL filter (search-filter.ts).
 *
 * Text search: a query's words are folded like search_text (search-text.ts) and looked up in
 * the tenant's vocabulary by trigram similarity (typos: "sprachkurz" → "sprachkurs"; parts of
 * compounds: "kurs" → "sprachkurs"); an offer must hold one of the found words for every
 * query word that has any. search_text holds every language, so a German query finds an
 * offer whose page is in Arabic and vice versa. The word index (GIN over search_words) keeps
 * this fast at state scale.
 */
export function createPublicDirectory(deps: PublicDirectoryDeps) {
  const ctx = createPublicContext(deps);
  const resolveNear = createNearResolver(ctx);
  const resolveFilter = createFilterResolver(ctx, resolveNear);
  // Published data only: every method reads on the read path (a replica when configured, decision 083).
  return readOnlyMethods({
    resolveNear,
    ...createOfferSearch(ctx, resolveFilter),
    ...createMapSearch(ctx, resolveFilter),
    ...createOfferPage(ctx),
    ...createEventSearch(ctx),
    ...createOfficeFinder(ctx, resolveNear),
    today: ctx.today,
    now: () => deps.clock.now(),
  });
}
export type PublicDirectory = ReturnType<typeof createPublicDirectory>;
