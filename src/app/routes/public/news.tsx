import { useLoaderData } from "react-router";
import { HOME_NEWS } from "#app/modules/guide/model.ts";
import { NewsList } from "../../components/guide/news-list.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/news";

/** News (Aktuelles, decision 082): the current messages in the reader's language, with its feeds. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const news = await ctx.services.guide.publicNews(ctx.tenant.id, ctx.lang, { limit: HOME_NEWS * 10 });
  return { news, tenant: ctx.tenant.name };
}

export function meta({ loaderData, params }: Route.MetaArgs) {
  const title = loaderData ? `Aktuelles · ${loaderData.tenant}` : "Lotse";
  return [
    { title },
    {
      tagName: "link",
      rel: "alternate",
      type: "application/atom+xml",
      href: `/${params.lang}/news/feed.atom`,
    },
    { tagName: "link", rel: "alternate", type: "application/rss+xml", href: `/${params.lang}/news/feed.rss` },
  ];
}

export default function News() {
  const { news } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <article aria-labelledby="news-h">
      <h1 id="news-h">{t("guide_public.news_public_title")}</h1>
      {news.length ? (
        <NewsList items={news} lang={lang} t={t} />
      ) : (
        <p>{t("guide_public.news_public_none")}</p>
      )}
      <p>
        {t("guide_public.news_feeds")} <a href={`/${lang}/news/feed.atom`}>Atom</a> ·{" "}
        <a href={`/${lang}/news/feed.rss`}>RSS</a>
      </p>
    </article>
  );
}
