import { Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { CONTENT_LANGUAGES, CONTENT_SOURCE_LANGUAGE } from "#app/modules/translations/languages.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/translation-overview";

const TARGETS = CONTENT_LANGUAGES.filter((l) => l !== CONTENT_SOURCE_LANGUAGE);

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const asked = new URL(request.url).searchParams.get("lang") ?? "";
  const lang = (TARGETS as readonly string[]).includes(asked) ? asked : ctx.lang === "de" ? "en" : ctx.lang;
  return ctx.services.directory.translationOverview(principal, lang);
}

export default function TranslationOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { lang, counts, items } = loaderData;
  const langName = (l: string) =>
    l === "de-simple" ? t("directory.lang_de_simple") : (LANGUAGES.find((x) => x.code === l)?.name ?? l);
  return (
    <>
      <p>
        <Link to="/staff/directory">{t("directory.back_to_list")}</Link>
      </p>
      <h1>{t("directory.translation_overview")}</h1>
      <Form method="get" className="dir-filter">
        <div className="field">
          <label htmlFor="f-lang">{t("directory.language")}</label>
          <select id="f-lang" name="lang" defaultValue={lang}>
            {TARGETS.map((l) => (
              <option key={l} value={l}>
                {langName(l)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("directory.show")}</button>
      </Form>
      <table className="data-table">
        <caption>{t("directory.overview_counts", { lang: langName(lang) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("directory.col_type")}</th>
            <th scope="col">{t("directory.overview_total")}</th>
            <th scope="col">{t("directory.tr_status_missing")}</th>
            <th scope="col">{t("directory.tr_status_outdated")}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.entityType}>
              <th scope="row">{t(`directory.types_${c.entityType}`)}</th>
              <td>{c.total}</td>
              <td>{c.missing}</td>
              <td>{c.outdated}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? (
        <p>{t("directory.overview_complete", { lang: langName(lang) })}</p>
      ) : (
        <table className="data-table">
          <caption>{t("directory.overview_items", { count: items.length, lang: langName(lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.col_name")}</th>
              <th scope="col">{t("directory.col_type")}</th>
              <th scope="col">{t("directory.overview_fields")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.type}-${i.id}`}>
                <th scope="row">
                  <Link to={`/staff/directory/${i.type}/${i.id}/translations`}>{i.name}</Link>
                </th>
                <td>{t(`directory.type_${i.type}`)}</td>
                <td>
                  {i.fields
                    .map((f) => `${t(`directory.field_${f.field}`)}: ${t(`directory.tr_status_${f.status}`)}`)
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
