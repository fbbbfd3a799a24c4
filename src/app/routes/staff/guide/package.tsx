import { PACKAGE_LANGUAGES } from "#app/modules/guide/model.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/package";

/**
 * The welcome package (issue 23 item 5): published pages and a language in a plain GET form to
 * the API's PDF (no JavaScript needed; the browser downloads the file).
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return { pages: await ctx.services.guide.publicTree(principal.tenantId, "de") };
}

export default function GuidePackage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pages } = loaderData;
  return (
    <>
      <h1>{t("guide.package_title")}</h1>
      <p>{t("guide.package_intro")}</p>
      {pages.length === 0 ? (
        <p>{t("guide.package_none")}</p>
      ) : (
        <form method="get" action="/api/v1/guide/package.pdf" className="stack">
          <fieldset>
            <legend>{t("guide.package_pages")}</legend>
            {pages.map((p) => (
              <div
                key={p.id}
                className="checkbox"
                style={{ paddingInlineStart: `${(p.depth - 1) * 1.5}rem` }}
              >
                <input
                  type="checkbox"
                  name="page"
                  value={p.id}
                  id={`package-${p.id}`}
                  defaultChecked={p.depth > 1}
                />
                <label htmlFor={`package-${p.id}`}>{p.title.text}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="package-lang">{t("guide.package_lang")}</label>
            <select id="package-lang" name="lang" defaultValue="de">
              {PACKAGE_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`guide.lang_${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="package-title">{t("guide.package_field_title")}</label>
            <input id="package-title" name="title" maxLength={200} />
          </div>
          <p>
            <button type="submit">{t("guide.package_submit")}</button>
          </p>
        </form>
      )}
    </>
  );
}
