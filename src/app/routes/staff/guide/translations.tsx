import { data, Link } from "react-router";
import { isContentLanguage } from "#app/modules/translations/languages.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/translations";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isContentLanguage(params.lang) || params.lang === "de") throw data(null, { status: 404 });
  return ctx.services.guide.overview(principal, params.lang);
}

/** One language's translation overview: which published pages are missing, outdated or done. */
export default function GuideTranslations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { lang, items, counts } = loaderData;
  const language = t(`guide.lang_${lang}`);
  return (
    <>
      <p>
        <Link to="/staff/guide">{t("guide.title")}</Link>
      </p>
      <h1>{t("guide.overview_title", { language })}</h1>
      <p>
        {t("guide.overview_counts", {
          missing: counts.missing,
          outdated: counts.outdated,
          reviewed: counts.reviewed,
          draft: counts.draft + counts.machine,
        })}
      </p>
      {items.length === 0 ? (
        <p>{t("guide.overview_empty")}</p>
      ) : (
        <table>
          <caption>{t("guide.overview_caption", { language })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("guide.field_title")}</th>
              <th scope="col">{t("guide.translation_status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row" style={{ paddingInlineStart: `${(i.depth - 1) * 1.5}rem` }}>
                  <Link to={`/staff/guide/${i.id}/translate/${lang}`}>{i.title}</Link>
                </th>
                <td className={`translation-${i.status}`}>{t(`guide.tstatus_${i.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
