import { data, Form, Link, type ShouldRevalidateFunctionArgs } from "react-router";
import { directionOf, isLanguage } from "#app/i18n/languages.ts";
import { translationInput } from "#app/modules/guide/contracts.ts";
import { isContentLanguage, SETTABLE_STATUSES } from "#app/modules/translations/languages.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, RadioGroup, TextField } from "../../../components/form/index.ts";
import { TextChanges } from "../../../components/guide/text-changes.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/translate";

function langOf(raw: string) {
  if (!isContentLanguage(raw) || raw === "de") throw data(null, { status: 404 });
  return raw;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  return ctx.services.guide.translatorView(principal, params.id, langOf(params.lang)).catch((e) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const lang = langOf(params.lang);
  const form = await request.formData();
  // Sent back on failure: the page shows the translator's own text again, never the stored one.
  const values = {
    title: formString(form, "title"),
    body: formString(form, "body"),
    status: formString(form, "status"),
    sourceVersion: Number(formString(form, "sourceVersion")),
  };
  const result = await formAction(ctx.t, () =>
    ctx.services.guide.saveTranslation(
      principal,
      params.id,
      lang,
      parseInput(translationInput, {
        ...values,
        titleVersion: Number(formString(form, "titleVersion")),
        bodyVersion: Number(formString(form, "bodyVersion")),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, values }, result.init ?? undefined);
  return { ok: true as const };
}

/**
 * After a version conflict the page must show the stored state and carry its versions (React
 * Router skips reloading after a 4xx answer): the translator's text comes back from the action.
 */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 || defaultShouldRevalidate;
}

/** The translator's view: the German source beside the translation, with what changed since it was made. */
export default function GuideTranslate({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { source, translation, changes, lang, basedOn, status } = loaderData;
  const language = t(`guide.lang_${lang}`);
  const dir = isLanguage(lang) ? directionOf(lang) : "ltr";
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const errors = failed?.errors;
  const kept = failed?.values;
  const conflict = errors?.code === "version_conflict";
  // The loader ran again after the refused save: a newer German version, or someone else's save.
  const sourceChanged = conflict && kept?.sourceVersion !== source.version;
  return (
    <>
      <p>
        <Link to={`/staff/guide/translations/${lang}`}>{t("guide.overview_title", { language })}</Link>
      </p>
      <h1>{t("guide.translate_title", { title: loaderData.title, language })}</h1>
      <p>
        {t("guide.translation_status")}: {t(`guide.tstatus_${status}`)}
        {basedOn !== null ? ` · ${t("guide.based_on", { n: basedOn, current: source.version })}` : null}
      </p>
      {actionData && "ok" in actionData ? (
        <Notice kind="success">{t("guide.done_translation")}</Notice>
      ) : null}
      {conflict ? (
        <Notice kind="warning">
          {sourceChanged
            ? t("guide.translation_conflict_source", { n: source.version })
            : t("guide.translation_conflict_other")}
        </Notice>
      ) : null}
      {changes ? (
        <section aria-labelledby="guide-changes">
          <h2 id="guide-changes">{t("guide.changes_title", { n: basedOn ?? 0 })}</h2>
          <p className="hint">{t("guide.changes_hint")}</p>
          <TextChanges parts={changes.title} />
          <TextChanges parts={changes.body} />
        </section>
      ) : null}
      <div className="guide-side-by-side">
        <section aria-labelledby="guide-source" lang="de" dir="ltr">
          <h2 id="guide-source">{t("guide.source_title", { n: source.version })}</h2>
          <h3>{source.title}</h3>
          <div
            className="rich-text"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: guide bodies are sanitised when they are written (sanitizeRichText).
            dangerouslySetInnerHTML={{ __html: source.body }}
          />
        </section>
        <section aria-labelledby="guide-target">
          <h2 id="guide-target">{t("guide.target_title", { language })}</h2>
          <ErrorSummary errors={conflict ? undefined : errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="titleVersion" value={translation.title.version} />
            <input type="hidden" name="bodyVersion" value={translation.body.version} />
            <input type="hidden" name="sourceVersion" value={source.version} />
            <TextField
              name="title"
              label={t("guide.field_title")}
              required
              maxLength={200}
              defaultValue={kept ? kept.title : (translation.title.text ?? "")}
              lang={lang}
              dir={dir}
              errors={conflict ? undefined : errors}
            />
            {source.body.trim() ? (
              <TextField
                name="body"
                label={t("guide.field_body")}
                hint={t("guide.body_hint")}
                multiline
                rows={12}
                defaultValue={kept ? kept.body : (translation.body.text ?? "")}
                lang={lang}
                dir={dir}
                errors={conflict ? undefined : errors}
              />
            ) : null}
            <RadioGroup
              name="status"
              legend={t("guide.translation_status")}
              options={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`guide.tstatus_${s}`) }))}
              defaultValue={kept?.status || "draft"}
              errors={conflict ? undefined : errors}
            />
            <p>
              <button type="submit">{t("guide.save_translation")}</button>
            </p>
          </Form>
          {conflict && !sourceChanged ? (
            <details className="guide-saved-meanwhile">
              <summary>{t("guide.saved_meanwhile")}</summary>
              <div lang={lang} dir={dir}>
                <h3>{translation.title.text}</h3>
                <div
                  className="rich-text"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: translations are sanitised when they are written (sanitizeRichText).
                  dangerouslySetInnerHTML={{ __html: translation.body.text ?? "" }}
                />
              </div>
            </details>
          ) : null}
        </section>
      </div>
    </>
  );
}
