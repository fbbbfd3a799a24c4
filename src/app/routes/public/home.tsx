import { useRouteLoaderData } from "react-router";
import { useLang, useT } from "../../i18n.tsx";

export function meta() {
  return [{ title: "Lotse" }];
}

export default function PublicHome() {
  const t = useT();
  const lang = useLang();
  const root = useRouteLoaderData("root") as { tenant: { name: string } } | undefined;
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
    </>
  );
}
