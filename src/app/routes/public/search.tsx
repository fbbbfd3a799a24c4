import { useLoaderData } from "react-router";
import { htmlLang } from "#app/i18n/languages.ts";
import { GuideSearchForm } from "../../components/guide/search-form.tsx";
import { formatDateTime, isolate, openStateText } from "../../components/offers/format.ts";
import { LocalTextSpan } from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/search";

/** The combined search (issue 23): guide pages, offers and upcoming events for one query, no JavaScript needed. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const sp = new URL(request.url).searchParams;
  const simple = ctx.lang === "de" && sp.get("simple") === "1";
  const result = await ctx.services.guide.search(
    ctx.tenant.id,
    sp.get("q") ?? "",
    simple ? "de-simple" : ctx.lang,
  );
  return { result, simple, tenant: ctx.tenant.name, title: ctx.t("guide_public.search_title") };
}

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Lotse" }];
  // The query and the tenant's name isolated: either may be of another script than the title.
  const q = loaderData.result.q ? `${isolate(loaderData.result.q)} · ` : "";
  return [{ title: `${q}${loaderData.title} · ${isolate(loaderData.tenant)}` }];
}

export default function Search() {
  const { result, simple } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const qs = simple ? "?simple=1" : "";
  const enc = encodeURIComponent(result.q);
  return (
    <article className="guide-article" aria-labelledby="search-title">
      <h1 id="search-title">{t("guide_public.search_title")}</h1>
      <GuideSearchForm lang={lang} q={result.q} simple={simple} t={t} />
      {result.pages === null ? (
        result.q ? (
          <p>{t("guide_public.search_too_short")}</p>
        ) : null
      ) : (
        <>
          <section aria-labelledby="search-pages">
            <h2 id="search-pages">{t("guide_public.search_pages", { count: result.pages.total })}</h2>
            {result.pages.items.length ? (
              <ul className="search-hits">
                {result.pages.items.map((p) => (
                  <li key={p.id}>
                    <a href={`/${lang}/guide/${p.path}${qs}`}>
                      <span lang={htmlLang(p.title.lang)} dir="auto">
                        {p.title.text}
                      </span>
                    </a>
                    {p.title.isFallback ? (
                      <span className="fallback-note"> ({t("offers.shown_in_german")})</span>
                    ) : null}
                    {p.excerpt ? (
                      <p lang={htmlLang(p.excerpt.lang)} dir="auto">
                        {p.excerpt.text}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("guide_public.search_none")}</p>
            )}
          </section>
          <section aria-labelledby="search-offers">
            <h2 id="search-offers">{t("guide_public.search_offers", { count: result.offers.total })}</h2>
            {result.offers.items.length ? (
              <ul className="search-hits">
                {result.offers.items.map((o) => {
                  const state = openStateText(lang, o.open);
                  return (
                    <li key={o.id}>
                      <a href={`/${lang}/offers/${o.id}`}>
                        <LocalTextSpan text={o.title} t={t} />
                      </a>
                      {o.summary ? (
                        <p>
                          <LocalTextSpan text={o.summary} t={t} />
                        </p>
                      ) : null}
                      {state ? <p>{t(state.key, state.values)}</p> : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p>{t("guide_public.search_none")}</p>
            )}
            {result.offers.total > result.offers.items.length ? (
              <p>
                <a href={`/${lang}/offers?q=${enc}`}>
                  {t("guide_public.search_all_offers", { count: result.offers.total })}
                </a>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="search-events">
            <h2 id="search-events">{t("guide_public.search_events", { count: result.events.total })}</h2>
            {result.events.items.length ? (
              <ul className="search-hits">
                {result.events.items.map((e) => (
                  <li key={e.id}>
                    <LocalTextSpan text={e.title} t={t} />
                    {" · "}
                    <time dateTime={new Date(e.start).toISOString()}>
                      {formatDateTime(lang, new Date(e.start))}
                    </time>
                    {e.place ? (
                      <>
                        {" · "}
                        <bdi>{e.place}</bdi>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("guide_public.search_none")}</p>
            )}
            <p>
              <a href={`/${lang}/events?q=${enc}`}>{t("guide_public.search_all_events")}</a>
            </p>
          </section>
        </>
      )}
      <p>
        <a href={`/${lang}/guide${qs}`}>{t("guide_public.public_home")}</a>
      </p>
    </article>
  );
}
