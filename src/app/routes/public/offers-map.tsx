import { islands } from "virtual:lotse-islands";
import { useLoaderData } from "react-router";
import { type AreaGeometry, geometryBbox } from "#app/modules/areas/geo.ts";
import { offerSearchQuery, parseOfferSearch } from "#app/modules/directory/search-params.ts";
import { OfferList, Pagination, ResultSummary, SearchNotices } from "../../components/offers/search-ui.tsx";
import { staticMap } from "../../components/offers/static-map.server.ts";
import { StaticMap } from "../../components/offers/static-map.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { OFFERS_MAP_ISLAND_ID, type OffersMapIslandConfig } from "../../islands/offers-map-config.ts";
import { pageCatalog } from "../../page-catalog.server.ts";
import type { Route } from "./+types/offers-map";

/**
 * The map view of an offer search (same URL parameters as /{lang}/offers). Plain HTML like every
 * public page: a small island script (`islands/offers-map.ts`, decision 033) adds the map
 * toggle, and MapLibre loads only on request. The list below is the complete, accessible
 * alternative and the whole page without JavaScript.
 */

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const { params, notices } = parseOfferSearch(new URL(request.url).searchParams);
  const result = await ctx.services.publicDirectory.searchOffers(ctx.tenant.id, params, ctx.lang, {
    notices,
  });
  const [areas, points] = await Promise.all([
    ctx.services.areas.featureCollection(ctx.tenant.id),
    ctx.services.publicDirectory.mapPoints(ctx.tenant.id, params, ctx.lang),
  ]);
  const root = areas.features.find((f) => f.properties.parent === null);
  const query = new URLSearchParams(offerSearchQuery({ ...result.params, page: 1 }));
  query.delete("place");
  const t = ctx.t;
  const island: OffersMapIslandConfig = {
    lang: ctx.lang,
    query: query.toString(),
    styleUrl: ctx.services.core.config.basemapStyleUrl ?? null,
    // Without results the map shows the tenant's area; the demo's fallback is Unna.
    center: root ? centerOf(root.geometry) : [7.69, 51.537],
    strings: {
      show: t("offers.map_show"),
      hide: t("offers.map_hide"),
      loading: t("offers.map_loading"),
      unavailable: t("offers.map_unavailable"),
      title: t("offers.map_label"),
      zoomIn: t("offers.map_zoom_in"),
      zoomOut: t("offers.map_zoom_out"),
      close: t("offers.map_popup_close"),
      offersAtPlacePattern: pattern(ctx.lang, "offers.map_offers_at_place"),
      showOffers: t("offers.map_show_offers"),
    },
  };
  return {
    result,
    picture: staticMap(areas, points.features),
    island,
    islandSrc: islands.offersMap ?? null,
    title: t("offers.map_title"),
    tenant: ctx.tenant.name,
  };
}

/** A catalogue entry as written (ICU), in the reader's language or German. */
function pattern(lang: Parameters<typeof pageCatalog>[0], key: string): string {
  const { messages, fallback } = pageCatalog(lang, [key.split(".")[0]!]);
  return messages[key] ?? fallback?.[key] ?? key;
}

function centerOf(geometry: AreaGeometry): [number, number] {
  const b = geometryBbox(geometry);
  return [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function OffersMapPage() {
  const { result, picture, island, islandSrc } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const query = offerSearchQuery({ ...result.params, page: 1 }).toString();
  const suffix = query ? `?${query}` : "";
  return (
    <div className="offers-page">
      <h1>{t("offers.map_title")}</h1>
      <ul className="view-links">
        <li>
          <a href={`/${lang}/offers${suffix}`}>{t("offers.view_list")}</a>
        </li>
      </ul>
      <SearchNotices notices={result.notices} t={t} />
      {picture ? <StaticMap model={picture} t={t} /> : null}
      {islandSrc ? (
        <>
          <template id={OFFERS_MAP_ISLAND_ID} data-config={JSON.stringify(island)}>
            <div className="area-map-frame offers-map-frame">
              <p className="hint">{t("offers.map_hint")}</p>
              <button type="button" className="button-secondary" aria-expanded="false">
                {t("offers.map_show")}
              </button>
              <p aria-live="polite" className="area-map-status" />
            </div>
          </template>
          <script type="module" src={islandSrc} />
        </>
      ) : null}
      <section aria-labelledby="results-heading" className="offer-results">
        <h2 id="results-heading">{t("offers.results_heading")}</h2>
        <ResultSummary result={result} lang={lang} t={t} />
        {result.items.length ? (
          <OfferList result={result} lang={lang} t={t} />
        ) : (
          <p>{t("offers.no_results_hint")}</p>
        )}
        <Pagination result={result} base={`/${lang}/offers/map`} t={t} lang={lang} />
      </section>
    </div>
  );
}
