import { useLoaderData } from "react-router";
import { offerSearchQuery, parseOfferSearch } from "#app/modules/directory/search-params.ts";
import { OfferSearchForm } from "../../components/offers/search-form.tsx";
import {
  NearMeScript,
  OfferList,
  Pagination,
  ResultSummary,
  SearchNotices,
} from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/offers";

/** The public offer search: server-rendered list and filters (GET), no JavaScript needed. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const { params, notices } = parseOfferSearch(new URL(request.url).searchParams);
  const [result, options] = await Promise.all([
    ctx.services.publicDirectory.searchOffers(ctx.tenant.id, params, ctx.lang, { notices }),
    ctx.services.publicDirectory.filterOptions(ctx.tenant.id, ctx.lang),
  ]);
  return { result, options, title: ctx.t("offers.title"), tenant: ctx.tenant.name };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Offers() {
  const { result, options } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const base = `/${lang}/offers`;
  const query = offerSearchQuery({ ...result.params, page: 1 }).toString();
  const suffix = query ? `?${query}` : "";
  return (
    <div className="offers-page">
      <h1>{t("offers.title")}</h1>
      <p className="lead">{t("offers.lead")}</p>
      <OfferSearchForm action={base} params={result.params} options={options} lang={lang} t={t} />
      <SearchNotices notices={result.notices} t={t} />
      <section aria-labelledby="results-heading" className="offer-results">
        <h2 id="results-heading">{t("offers.results_heading")}</h2>
        <ResultSummary result={result} lang={lang} t={t} />
        <ul className="view-links">
          <li>
            <a href={`${base}/map${suffix}`}>{t("offers.view_map")}</a>
          </li>
          {result.items.length ? (
            <li>
              <a href={`${base}.ics${suffix}`} type="text/calendar">
                {t("offers.ical_feed")}
              </a>
            </li>
          ) : null}
        </ul>
        {result.items.length ? (
          <OfferList result={result} lang={lang} t={t} />
        ) : (
          <p>{t("offers.no_results_hint")}</p>
        )}
        <Pagination result={result} base={base} t={t} lang={lang} />
      </section>
      <NearMeScript />
    </div>
  );
}
