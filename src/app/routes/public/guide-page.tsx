import { data, useLoaderData } from "react-router";
import { formatLanguage, htmlLang } from "#app/i18n/languages.ts";
import { NewsList } from "../../components/guide/news-list.tsx";
import { GuideSearchForm } from "../../components/guide/search-form.tsx";
import { formatIsoDate, isolate, openStateText } from "../../components/offers/format.ts";
import { HoursTable } from "../../components/offers/hours.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/guide-page";

/** One guide page: breadcrumbs, text (German with a note when no current translation exists), linked offers as they are today. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const simple = ctx.lang === "de" && new URL(request.url).searchParams.get("simple") === "1";
  const path = (params["*"] ?? "").split("/").filter(Boolean);
  const page = await ctx.services.guide.publicPage(
    ctx.tenant.id,
    path,
    simple ? "de-simple" : ctx.lang,
    formatLanguage(ctx.lang),
  );
  if (!page) throw data(null, { status: 404 });
  const news = await ctx.services.guide.publicNews(ctx.tenant.id, ctx.lang, { limit: 3, pageId: page.id });
  return { page, news, simple, today: ctx.services.publicDirectory.today(), tenant: ctx.tenant.name };
}

export function meta({ loaderData }: Route.MetaArgs) {
  // Both values isolated: a page title in Arabic beside a Latin tenant name keeps its order.
  return [
    {
      title: loaderData ? `${isolate(loaderData.page.title.text)} · ${isolate(loaderData.tenant)}` : "Lotse",
    },
  ];
}

export default function GuidePage() {
  const { page, news, simple, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const q = simple ? "?simple=1" : "";
  const fallback = page.title.isFallback || page.body?.isFallback;
  return (
    <article className="guide-article" aria-labelledby="guide-page-title">
      <nav className="breadcrumbs" aria-label={t("guide_public.breadcrumbs")}>
        <ol>
          <li>
            <a href={`/${lang}/guide${q}`}>{t("guide_public.public_home")}</a>
          </li>
          {page.breadcrumbs.map((b) => (
            <li key={b.path}>
              <a href={`/${lang}/guide/${b.path}${q}`}>
                <span lang={htmlLang(b.title.lang)} dir="auto">
                  {b.title.text}
                </span>
              </a>
            </li>
          ))}
          <li aria-current="page">
            <span lang={htmlLang(page.title.lang)} dir="auto">
              {page.title.text}
            </span>
          </li>
        </ol>
      </nav>
      <h1 id="guide-page-title">
        <span lang={htmlLang(page.title.lang)} dir="auto">
          {page.title.text}
        </span>
      </h1>
      <p className="fallback-note" data-offline-note="" hidden>
        {t("guide_public.offline_copy")}
      </p>
      {fallback ? <p className="fallback-note">{t("guide_public.fallback_note")}</p> : null}
      {lang === "de" ? (
        <p className="no-print">
          <a href={simple ? `/de/guide/${page.path}` : `/de/guide/${page.path}?simple=1`}>
            {simple ? t("guide_public.standard_german") : t("guide_public.easy_german")}
          </a>
        </p>
      ) : null}
      {page.body ? (
        <div
          className="rich-text"
          lang={htmlLang(page.body.lang)}
          dir="auto"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: guide bodies are sanitised when they are written (sanitizeRichText).
          dangerouslySetInnerHTML={{ __html: page.body.text }}
        />
      ) : null}

      {page.children.length ? (
        <section aria-labelledby="guide-sub">
          <h2 id="guide-sub">{t("guide_public.public_children")}</h2>
          <ul>
            {page.children.map((c) => (
              <li key={c.path}>
                <a href={`/${lang}/guide/${c.path}${q}`}>
                  <span lang={htmlLang(c.title.lang)} dir="auto">
                    {c.title.text}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {page.offers.length ? (
        <section aria-labelledby="guide-offers">
          <h2 id="guide-offers">{t("guide_public.public_offers")}</h2>
          {page.offers.map((o) =>
            o.available ? (
              <div key={o.id} className="guide-offer">
                <h3>
                  <a href={`/${lang}/offers/${o.id}`}>
                    <span lang={htmlLang(o.title.lang)} dir="auto">
                      {o.title.text}
                    </span>
                  </a>
                </h3>
                {(() => {
                  const state = openStateText(lang, o.open);
                  return state ? <p>{t(state.key, state.values)}</p> : null;
                })()}
                {o.appointmentOnly ? <p>{t("offers.hours_appointment_only")}</p> : null}
                {o.openingHours ? (
                  <HoursTable
                    hours={o.openingHours}
                    caption={t("offers.hours_caption")}
                    today={today}
                    lang={lang}
                    t={t}
                  />
                ) : null}
              </div>
            ) : (
              <p key={o.id} className="guide-offer">
                {t("guide_public.no_longer_available")}
              </p>
            ),
          )}
        </section>
      ) : null}

      {news.length ? (
        <section aria-labelledby="guide-news">
          <h2 id="guide-news">{t("guide_public.news_public_title")}</h2>
          <NewsList items={news} lang={lang} t={t} level={3} />
        </section>
      ) : null}

      <GuideSearchForm lang={lang} simple={simple} t={t} />
      <footer>
        {page.lastCheckedOn ? (
          <p>{t("guide_public.public_checked", { date: formatIsoDate(lang, page.lastCheckedOn) })}</p>
        ) : null}
        <p className="guide-print">{t("guide_public.print_hint")}</p>
        <p className="no-print">
          <a href={`/${lang}/offices`}>{t("guide_public.office_finder")}</a>
        </p>
      </footer>
    </article>
  );
}
