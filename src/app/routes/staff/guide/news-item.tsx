import { data, Form, Link } from "react-router";
import { directionOf, htmlLang, isLanguage } from "#app/i18n/languages.ts";
import { newsTranslationInput, updateNewsInput } from "#app/modules/guide/contracts.ts";
import { MAX_TITLE, pageTranslationStatus } from "#app/modules/guide/model.ts";
import { SETTABLE_STATUSES, TARGET_LANGUAGES } from "#app/modules/translations/languages.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, RadioGroup, TextField } from "../../../components/form/index.ts";
import { NewsFields, newsFormInput } from "../../../components/guide/news-fields.tsx";
import { TextChanges } from "../../../components/guide/text-changes.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/news-item";

type Cell = { status: string; text: string | null; version: number };
const MISSING: Cell = { status: "missing", text: null, version: 0 };

/**
 * One news message (decision 105): its German fields under the version the editor read, and its
 * translations one language at a time (`?lang=`), the German source beside the translation.
 */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const requested = new URL(request.url).searchParams.get("lang");
  const lang = TARGET_LANGUAGES.find((l) => l === requested) ?? null;
  const [item, pages] = await Promise.all([
    ctx.services.guide.newsItem(principal, params.id, lang ?? undefined).catch((e) => {
      if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
      throw e;
    }),
    ctx.services.guide.publicTree(principal.tenantId, "de"),
  ]);
  const { row, translations } = item;
  const hasBody = row.body.trim() !== "";
  const cell = (field: "title" | "body", lang: string): Cell => translations[field]?.[lang] ?? MISSING;
  return {
    news: {
      id: row.id,
      title: row.title,
      body: row.body,
      publishedOn: row.publishedOn,
      expiresOn: row.expiresOn,
      pageIds: row.pageIds,
      version: row.version,
    },
    pages: pages.map((p) => ({ id: p.id, title: p.title.text, depth: p.depth })),
    languages: TARGET_LANGUAGES.map((l) => ({
      lang: l,
      status: pageTranslationStatus(
        (hasBody ? [cell("title", l), cell("body", l)] : [cell("title", l)]).map(
          (c) => c.status as Parameters<typeof pageTranslationStatus>[0][number],
        ),
      ),
    })),
    lang,
    translation: lang ? { title: cell("title", lang), body: cell("body", lang) } : null,
    // Decision 115: what changed in the German text since this language was saved.
    basedOn: item.basedOn?.version ?? null,
    changes: item.changes,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent") === "translate" ? "translate" : "save";
  const guide = ctx.services.guide;
  const r = await formAction(ctx.t, async () => {
    if (intent === "translate") {
      const lang = TARGET_LANGUAGES.find((l) => l === formString(form, "lang"));
      if (!lang) throw AppError.notFound();
      return guide.saveNewsTranslation(
        principal,
        params.id,
        lang,
        parseInput(newsTranslationInput, {
          title: formString(form, "title"),
          body: formString(form, "body"),
          status: formString(form, "status"),
          titleVersion: Number(formString(form, "titleVersion")),
          bodyVersion: Number(formString(form, "bodyVersion")),
          sourceVersion: Number(formString(form, "sourceVersion")),
        }),
        ctx.requestId,
      );
    }
    return guide.updateNews(
      principal,
      params.id,
      parseInput(updateNewsInput, { ...newsFormInput(form), version: Number(formString(form, "version")) }),
      ctx.requestId,
    );
  });
  if ("data" in r) return data({ ...r.data, intent }, r.init ?? undefined);
  return { ok: true as const, intent };
}

export default function GuideNewsItem({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { news, pages, languages, lang, translation, basedOn, changes } = loaderData;
  const status = languages.find((l) => l.lang === lang)?.status;
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const conflict = failed?.errors.code === "version_conflict";
  const errorsOf = (intent: "save" | "translate") =>
    failed && failed.intent === intent && !conflict ? failed.errors : undefined;
  const done = actionData && "ok" in actionData ? actionData.intent : null;
  const language = lang ? t(`guide.lang_${lang}`) : "";
  const dir = lang && isLanguage(lang) ? directionOf(lang) : "ltr";
  return (
    <>
      <p>
        <Link to="/staff/guide/news">{t("guide_public.news_all")}</Link>
      </p>
      <h1>{t("guide.news_edit_title", { title: news.title })}</h1>
      {done === "save" ? <Notice kind="success">{t("guide.news_saved")}</Notice> : null}
      {done === "translate" ? <Notice kind="success">{t("guide.news_translated")}</Notice> : null}
      {conflict ? <Notice kind="warning">{t("guide.news_conflict")}</Notice> : null}
      <section aria-labelledby="news-german">
        <h2 id="news-german">{t("guide.news_german")}</h2>
        <p className="hint">{t("guide.news_edit_hint")}</p>
        <ErrorSummary errors={errorsOf("save")} />
        {/* The key makes the form take the stored values again after each save. */}
        <Form method="post" className="stack" noValidate key={news.version}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={news.version} />
          <NewsFields pages={pages} errors={errorsOf("save")} news={news} />
          <p>
            <button type="submit">{t("guide.news_save")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="news-translations">
        <h2 id="news-translations">{t("guide.news_translations")}</h2>
        <table>
          <caption className="visually-hidden">{t("guide.news_translations")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("guide.package_lang")}</th>
              <th scope="col">{t("guide.translation_status")}</th>
            </tr>
          </thead>
          <tbody>
            {languages.map((l) => (
              <tr key={l.lang}>
                <th scope="row">
                  <Link to={`?lang=${l.lang}`} aria-current={l.lang === lang ? "page" : undefined}>
                    {t(`guide.lang_${l.lang}`)}
                  </Link>
                </th>
                <td>{t(`guide.tstatus_${l.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {lang && status === "outdated" ? (
        <section aria-labelledby="news-changes">
          <h2 id="news-changes">
            {changes && basedOn !== null
              ? t("guide.changes_title", { n: basedOn })
              : t("guide.news_outdated_title", { language })}
          </h2>
          <p>
            {basedOn !== null ? `${t("guide.based_on", { n: basedOn, current: news.version })}. ` : null}
            {t("guide.news_outdated_hint")}
          </p>
          {changes ? (
            <>
              <p className="hint">{t("guide.changes_hint")}</p>
              <TextChanges parts={changes.title} />
              <TextChanges parts={changes.body} />
            </>
          ) : (
            <p className="hint">{t("guide.news_no_base")}</p>
          )}
        </section>
      ) : null}
      {lang && translation ? (
        <div className="guide-side-by-side">
          <section aria-labelledby="news-source" lang="de" dir="ltr">
            <h2 id="news-source">{t("guide.news_source")}</h2>
            <h3>{news.title}</h3>
            <div
              className="rich-text"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: news bodies are sanitised when they are written (sanitizeRichText).
              dangerouslySetInnerHTML={{ __html: news.body }}
            />
          </section>
          <section aria-labelledby="news-target">
            <h2 id="news-target">{t("guide.target_title", { language })}</h2>
            <ErrorSummary errors={errorsOf("translate")} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="translate" />
              <input type="hidden" name="lang" value={lang} />
              <input type="hidden" name="titleVersion" value={translation.title.version} />
              <input type="hidden" name="bodyVersion" value={translation.body.version} />
              <input type="hidden" name="sourceVersion" value={news.version} />
              <TextField
                key={`title-${lang}-${translation.title.version}`}
                name="title"
                label={t("guide.field_title")}
                required
                maxLength={MAX_TITLE}
                defaultValue={translation.title.text ?? ""}
                lang={htmlLang(lang)}
                dir={dir}
                errors={errorsOf("translate")}
              />
              {news.body.trim() ? (
                <TextField
                  key={`body-${lang}-${translation.body.version}`}
                  name="body"
                  label={t("guide.news_field_body")}
                  hint={t("guide.body_hint")}
                  multiline
                  rows={6}
                  defaultValue={translation.body.text ?? ""}
                  lang={htmlLang(lang)}
                  dir={dir}
                  errors={errorsOf("translate")}
                />
              ) : null}
              <RadioGroup
                name="status"
                legend={t("guide.translation_status")}
                options={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`guide.tstatus_${s}`) }))}
                defaultValue="draft"
                errors={errorsOf("translate")}
              />
              <p>
                <button type="submit">{t("guide.news_translate_save")}</button>
              </p>
            </Form>
          </section>
        </div>
      ) : null}
    </>
  );
}
