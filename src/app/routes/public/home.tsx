import { useLoaderData, useRouteLoaderData } from "react-router";
import { HOME_NEWS } from "#app/modules/guide/model.ts";
import { NewsList } from "../../components/guide/news-list.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/home";

/** The latest news of the guide (decision 082); nothing when there is none. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { news: await ctx.services.guide.publicNews(ctx.tenant.id, ctx.lang, { limit: HOME_NEWS }) };
}

export function meta() {
  return [{ title: "Lotse" }];
}

export default function PublicHome() {
  const t = useT();
  const lang = useLang();
  const root = useRouteLoaderData("root") as { tenant: { name: string } } | undefined;
  const { news } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("public.home_title", { tenant: root?.tenant.name ?? "" })}</h1>
      <p className="lead">{t("public.home_lead")}</p>
      <section aria-labelledby="what-heading">
        <h2 id="what-heading">{t("public.home_what_heading")}</h2>
        <ul className="cards">
          <li>
            <h3>
              <a href={`/${lang}/offers`}>{t("public.home_card_offers_title")}</a>
            </h3>
            <p>{t("public.home_card_offers_text")}</p>
            <p>
              <a href={`/${lang}/events`}>{t("offers.nav_events")}</a>
            </p>
          </li>
          <li>
            <h3>
              <a href={`/${lang}/offices`}>{t("public.home_card_help_title")}</a>
            </h3>
            <p>{t("public.home_card_help_text")}</p>
          </li>
          <li>
            <h3>{t("public.home_card_languages_title")}</h3>
            <p>{t("public.home_card_languages_text")}</p>
          </li>
        </ul>
      </section>
      {news.length ? (
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">{t("guide_public.news_public_title")}</h2>
          <NewsList items={news} lang={lang} t={t} level={3} />
          <p>
            <a href={`/${lang}/news`}>{t("guide_public.news_all")}</a>
          </p>
        </section>
      ) : null}
    </>
  );
}
