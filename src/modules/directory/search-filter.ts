import type { AreaListItem } from "../areas/service.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import { type PublicContext, VARIANTS_PER_WORD } from "./search-context.ts";
import type { NearPoint, ResolveNear } from "./search-near.ts";
import {
  DEFAULT_RADIUS_KM,
  type OfferSearchParams,
  type SearchNotice,
  TERM_FILTER_NAMES,
  TERM_FILTERS,
} from "./search-params.ts";
import { type OfferFilter, searchRepo } from "./search-repo.ts";
import { queryWords } from "./search-text.ts";
import { SPOKEN_LANGUAGES } from "./spoken-languages.ts";

/** The offer search's URL parameters turned into ids and numbers (shared by the list and the map). */

export type ResolvedFilter = {
  filter: OfferFilter;
  /** A part cannot match anything (no query word known): the result is empty without asking further. */
  empty: boolean;
  near: (NearPoint & { radiusKm: number }) | null;
};

function descendants(all: AreaListItem[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const a of all) {
    if (!a.parentId) continue;
    if (!children.has(a.parentId)) children.set(a.parentId, []);
    children.get(a.parentId)!.push(a.id);
  }
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export function createFilterResolver(ctx: PublicContext, resolveNear: ResolveNear) {
  const { db } = ctx;
  return async function resolveFilter(
    tenantId: string,
    params: OfferSearchParams,
    lang: ContentLanguage,
    notices: SearchNotice[],
  ): Promise<ResolvedFilter> {
    const filter: OfferFilter = { today: ctx.today() };
    let empty = false;
    const words = queryWords(params.q);
    // A query of only emoji, punctuation or single letters has no word to look for: it finds
    // nothing, rather than everything as no query does.
    if (params.q.trim() && !words.length) empty = true;
    if (words.length) {
      const variants = await searchRepo.similarWords(db, tenantId, words, VARIANTS_PER_WORD);
      const groups = words.map((_, i) => variants.filter((v) => v.query === i));
      const known = groups.filter((g) => g.length > 0);
      // Words nobody wrote are left out, unless none is known at all.
      if (!known.length) empty = true;
      filter.words = known.map((g) => ({
        all: g.map((v) => v.word),
        exact: g.filter((v) => v.similarity >= 0.999).map((v) => v.word),
      }));
    }
    const termFilters = TERM_FILTER_NAMES.filter((n) => params[n].length);
    if (termFilters.length) {
      const axes = await ctx.framework(tenantId, lang);
      filter.termGroups = [];
      for (const name of termFilters) {
        const terms = axes.filter((a) => a.kind === TERM_FILTERS[name]).flatMap((a) => a.terms);
        const ids: string[] = [];
        for (const key of params[name]) {
          const term = terms.find((t) => t.key === key);
          if (!term) {
            notices.push({ code: "unknown_term", param: name, value: key });
            continue;
          }
          // A term includes its refinements.
          const stack = [term.id];
          while (stack.length) {
            const id = stack.pop()!;
            if (ids.includes(id)) continue;
            ids.push(id);
            stack.push(...terms.filter((t) => t.parentId === id).map((t) => t.id));
          }
        }
        if (ids.length) filter.termGroups.push(ids);
      }
    }
    if (params.spoken.length) {
      const known = params.spoken.filter((l) => (SPOKEN_LANGUAGES as readonly string[]).includes(l));
      for (const l of params.spoken)
        if (!known.includes(l)) notices.push({ code: "unknown_language", param: "spoken", value: l });
      if (known.length) filter.spoken = known;
    }
    if (params.free) filter.free = true;
    if (params.childcare) filter.childcare = true;
    let near: ResolvedFilter["near"] = null;
    if (params.near) {
      const point = await resolveNear(tenantId, params.near);
      if (point) {
        const radiusKm = params.radius ?? DEFAULT_RADIUS_KM;
        near = { ...point, radiusKm };
        filter.near = { lon: point.lon, lat: point.lat, radiusKm };
      } else notices.push({ code: "near_not_found", param: "near", value: params.near });
    }
    if (params.district) {
      const all = await ctx.areaList(tenantId);
      const area = all.find((a) => a.code.toLowerCase() === params.district.toLowerCase());
      if (area) filter.areaIds = descendants(all, area.id);
      else notices.push({ code: "unknown_district", param: "district", value: params.district });
    }
    if (params.place) filter.placeId = params.place;
    if (params.open) filter.withHours = true;
    return { filter, empty, near };
  };
}
export type ResolveFilter = ReturnType<typeof createFilterResolver>;
