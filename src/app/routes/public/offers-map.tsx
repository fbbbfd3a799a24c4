import { useLoaderData } from "react-router";
import { type AreaGeometry, geometryBbox } from "#app/modules/areas/geo.ts";
import { offerSearchQuery, parseOfferSearch } from "#app/modules/directory/search-params.ts";
import { OffersMap } from "../../components/offers/offers-map.tsx";
import { OfferList, Pagination, ResultSummary, SearchNotices } from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { pageCatalog } from "../../page-catalog.server.ts";
import { PUBLIC_LAYOUT_NAMESPACES, type RouteHandle } from "../../root.tsx";
import type { Route } from "./+types/offers-map";

/**
 * The map view of an offer search (same URL parameters as /{lang}/offers). The only public
 * page that loads JavaScript: it hydrates for the map island, and MapLibre loads on demand.
 * The list below the map is the complete, accessible alternative.
 */
export const handle = { hydrate: true, namespaces: PUBLIC_LAYOUT_NAMESPACES } satisfies RouteHandle;

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const { params, notices } = parseOfferSearch(new URL(request.url).searchParams);
  const result = await ctx.services.publicDirectory.searchOffers(ctx.tenant.id, params, ctx.lang, {
    notices,
  });
  const areas = await ctx.services.areas.list(ctx.tenant.id);
  const root = areas.find((a) => !a.parentId);
  return {
    result,
    styleUrl: ctx.services.core.config.basemapStyleUrl ?? null,
    // Without results the map shows the tenant's area; the demo's fallback is Unna.
    center: (root ? await centerOf(ctx, root.code) : [7.69, 51.537]) as [number, number],
    title: ctx.t("offers.map_title"),
    tenant: ctx.tenant.name,
    catalog: pageCatalog(ctx.lang, handle.namespaces),
  };
}

async function centerOf(
  ctx: {
    services: {
      areas: {
        featureCollection(
          id: string,
        ): Promise<{ features: { properties: { code: string }; geometry: AreaGeometry }[] }>;
      };
    };
    tenant: { id: string };
  },
  code: string,
): Promise<[number, number]> {
  const fc = await ctx.services.areas.featureCollection(ctx.tenant.id);
  const f = fc.features.find((x) => x.properties.code === code);
  if (!f) return [7.69, 51.537];
  const b = geometryBbox(f.geometry);
  return [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function OffersMapPage() {
  const { result, styleUrl, center } = useLoaderData<typeof loader>();
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
      <OffersMap query={query} lang={lang} styleUrl={styleUrl} center={center} />
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
