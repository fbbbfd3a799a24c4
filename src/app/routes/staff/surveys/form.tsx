import { data, Link } from "react-router";
import { labelFor } from "#app/modules/surveys/engine.ts";
import { isAppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { Notice } from "../../../components/form/index.ts";
import { SurveyFormFields, surveyDir } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/form";
import { languageName } from "./capture.tsx";

/** One questionnaire: its versions, the XLSForm out, and a preview in each of its languages. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const versionParam = Number(url.searchParams.get("version"));
  const f = await ctx.services.surveys
    .getForm(
      principal,
      params.id,
      Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined,
    )
    .catch((e: unknown) => {
      if (isAppError(e) && (e.status === 404 || e.status === 403)) throw data(null, { status: e.status });
      throw e;
    });
  const langParam = url.searchParams.get("lang") ?? "";
  const def = f.definition;
  const previewLang = def.languages.includes(langParam)
    ? langParam
    : def.languages.includes(ctx.lang)
      ? ctx.lang
      : def.defaultLanguage;
  return {
    form: { id: f.form.id, code: f.form.code, title: f.form.title, currentVersion: f.form.currentVersion },
    number: f.number,
    versions: f.versions.map((v) => ({
      number: v.number,
      createdAt: v.createdAt.toISOString(),
      responses: v.responses,
    })),
    definition: def,
    previewLang,
    today: ctx.services.surveys.today(),
    imported: url.searchParams.get("imported"),
    replaced: url.searchParams.get("replaced") === "1",
    canManage: can(principal, "surveys.forms.manage"),
  };
}

export default function FormDetail({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const def = d.definition;
  return (
    <>
      <p>
        <Link to="/staff/forms">{t("surveys.back_to_forms")}</Link>
      </p>
      <h1>{d.form.title}</h1>
      {d.imported ? (
        <Notice kind="success">
          {d.replaced
            ? t("surveys.imported_replaced", { version: d.imported })
            : t("surveys.imported_version", { version: d.imported })}
        </Notice>
      ) : null}
      <p>
        <code>{d.form.code}</code> · {t("surveys.version_n", { n: String(d.number) })}
        {d.number !== d.form.currentVersion ? ` · ${t("surveys.old_version")}` : null}
      </p>
      <ul className="actions-list">
        <li>
          <a href={`/api/v1/surveys/forms/${d.form.id}/xlsform?version=${d.number}`} download>
            {t("surveys.export_xlsform")}
          </a>
        </li>
        {d.canManage ? (
          <li>
            <Link to={`/staff/forms/import?formId=${d.form.id}`}>{t("surveys.import_new_version")}</Link>
          </li>
        ) : null}
        {d.canManage ? (
          <li>
            <Link to={`/staff/surveys/forms/${d.form.id}/edit`}>{t("surveys.editor_link")}</Link>
          </li>
        ) : null}
      </ul>

      <div className="table-wrap">
        <table>
          <caption>{t("surveys.versions_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_version")}</th>
              <th scope="col">{t("surveys.col_created")}</th>
              <th scope="col">{t("surveys.col_responses")}</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.number}>
                <td>
                  <Link
                    to={`?version=${v.number}&lang=${d.previewLang}`}
                    aria-current={v.number === d.number ? "true" : undefined}
                  >
                    {t("surveys.version_n", { n: String(v.number) })}
                  </Link>
                </td>
                <td>{v.createdAt.slice(0, 10)}</td>
                <td>{v.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="preview-h">{t("surveys.preview")}</h2>
      <nav aria-label={t("surveys.form_language")} className="survey-languages-nav">
        <span>{t("surveys.form_language")}: </span>
        {def.languages.map((l) => (
          <Link
            key={l}
            to={`?version=${d.number}&lang=${l}`}
            aria-current={l === d.previewLang ? "true" : undefined}
            lang={l}
          >
            {languageName(l)}
          </Link>
        ))}
      </nav>
      <section
        aria-labelledby="preview-h"
        className="survey-preview"
        lang={d.previewLang}
        dir={surveyDir(d.previewLang)}
      >
        <p className="survey-preview-title">{labelFor(def.title, d.previewLang, def)}</p>
        {/* A preview: it never submits. */}
        <form onSubmit={(e) => e.preventDefault()} aria-label={t("surveys.preview")}>
          <SurveyFormFields definition={def} lang={d.previewLang} values={{}} errors={{}} today={d.today} />
        </form>
      </section>
    </>
  );
}
