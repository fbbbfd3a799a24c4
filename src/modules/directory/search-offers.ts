import type { ContentLanguage } from "../translations/languages.ts";
import type { OpenState } from "./hours.ts";
import type { OpeningHours } from "./schema.ts";
import {
  type LocalText,
  local,
  type PublicContext,
  type PublicPlace,
  toPublicPlace,
} from "./search-context.ts";
import type { ResolvedFilter, ResolveFilter } from "./search-filter.ts";
import {
  type OfferSearchParams,
  OPEN_NOW_CANDIDATES,
  PAGE_SIZE,
  type SearchNotice,
  TERM_FILTER_NAMES,
  TERM_FILTERS,
  type TermFilter,
} from "./search-params.ts";
import { searchRepo } from "./search-repo.ts";

/** The offer search (a page of hits) and the search form's filter choices. */

export type OfferHit = {
  id: string;
  title: LocalText;
  summary: LocalText | null;
  organization: { id: string; name: string | null };
  places: PublicPlace[];
  distanceKm: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** The offer's own opening hours, else those of its first place with hours. */
  openingHours: OpeningHours | null;
  /** Null when neither the offer nor its places publish opening hours. */
  open: OpenState | null;
  appointmentOnly: boolean;
  languages: string[];
  free: boolean;
  childcare: boolean;
};

export type OfferSearchResult = {
  params: OfferSearchParams;
  items: OfferHit[];
  total: number;
  /** True when "open now" checked only the first OPEN_NOW_CANDIDATES matches. */
  totalIsLowerBound: boolean;
  page: number;
  pageCount: number;
  pageSize: number;
  near: ResolvedFilter["near"];
  notices: SearchNotice[];
};

export function createOfferSearch(ctx: PublicContext, resolveFilter: ResolveFilter) {
  const { db, deps, stateOf } = ctx;
  return {
    /** The offer search behind /{lang}/offers and GET /api/public/offers. */
    async searchOffers(
      tenantId: string,
      input: OfferSearchParams,
      lang: ContentLanguage,
      opts: { notices?: SearchNotice[]; pageSize?: number } = {},
    ): Promise<OfferSearchResult> {
      const params = { ...input };
      const notices = [...(opts.notices ?? [])];
      const pageSize = opts.pageSize ?? PAGE_SIZE;
      const { filter, empty, near } = await resolveFilter(tenantId, params, lang, notices);
      const base = { params, pageSize, near, notices, totalIsLowerBound: false };
      if (empty) return { ...base, items: [], total: 0, page: 1, pageCount: 0 };

      let rows: Awaited<ReturnType<typeof searchRepo.searchOffers>>;
      let total: number;
      let totalIsLowerBound = false;
      const openStates = new Map<string, OpenState | null>();
      if (params.open) {
        const candidates = await searchRepo.searchOffers(db, tenantId, filter, {
          limit: OPEN_NOW_CANDIDATES,
          offset: 0,
        });
        const open = candidates.filter((r) => {
          const s = stateOf(r.opening_hours ?? r.place_hours);
          openStates.set(r.id, s);
          return s?.status === "open";
        });
        totalIsLowerBound = (candidates[0]?.total ?? 0) > OPEN_NOW_CANDIDATES;
        total = open.length;
        rows = open.slice((params.page - 1) * pageSize, params.page * pageSize);
      } else {
        rows = await searchRepo.searchOffers(db, tenantId, filter, {
          limit: pageSize,
          offset: (params.page - 1) * pageSize,
        });
        total = rows[0]?.total ?? 0;
        if (!rows.length && params.page > 1) {
          // Past the last page (a stale link): the total still tells how many there are.
          const first = await searchRepo.searchOffers(db, tenantId, filter, { limit: 1, offset: 0 });
          total = first[0]?.total ?? 0;
        }
      }
      const ids = rows.map((r) => r.id);
      const [places, texts] = await Promise.all([
        searchRepo.placesOfOffers(db, tenantId, ids),
        deps.translations.resolve(tenantId, "offer", ids, lang),
      ]);
      const areaNames = await ctx.areaNameMap(
        tenantId,
        places.flatMap((p) => (p.area_id ? [p.area_id] : [])),
      );
      const items: OfferHit[] = rows.map((r) => {
        const own = places.filter((p) => p.offer_id === r.id).map((p) => toPublicPlace(p, areaNames));
        const hours = r.opening_hours ?? own.find((p) => p.openingHours)?.openingHours ?? null;
        return {
          id: r.id,
          title: local(texts.get(r.id), "title", r.title, lang)!,
          summary: local(texts.get(r.id), "summary", r.summary, lang),
          organization: { id: r.organization_id, name: r.organization_name },
          places: own,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
          openingHours: hours,
          open: openStates.has(r.id) ? (openStates.get(r.id) ?? null) : stateOf(hours),
          appointmentOnly: r.appointment_only,
          languages: r.languages ?? [],
          free: r.free,
          childcare: r.childcare,
        };
      });
      return {
        ...base,
        items,
        total,
        totalIsLowerBound,
        page: params.page,
        pageCount: Math.ceil(total / pageSize),
      };
    },

    /** Filter choices for the search form: the terms of each filter axis and the areas. */
    async filterOptions(tenantId: string, lang: ContentLanguage) {
      const [axes, areas] = await Promise.all([ctx.framework(tenantId, lang), ctx.areaList(tenantId)]);
      const terms = Object.fromEntries(
        TERM_FILTER_NAMES.map((name) => [
          name,
          axes
            .filter((a) => a.kind === TERM_FILTERS[name])
            .flatMap((a) => a.terms)
            .map((t) => ({
              key: t.key,
              label: t.label?.text ?? t.key,
              isFallback: t.label?.isFallback ?? false,
            })),
        ]),
      ) as Record<TermFilter, { key: string; label: string; isFallback: boolean }[]>;
      return {
        terms,
        areas: areas
          .filter((a) => a.level !== "city")
          .map((a) => ({ code: a.code, name: a.name, level: a.level }))
          .sort((a, b) => a.name.localeCompare(b.name, "de")),
      };
    },
  };
}
