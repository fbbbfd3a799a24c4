import { data, Form } from "react-router";
import { newsInput, newsTranslationInput } from "#app/modules/guide/contracts.ts";
import { SETTABLE_STATUSES, TARGET_LANGUAGES } from "#app/modules/translations/languages.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  CheckboxGroup,
  DateField,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/news";

/**
 * News (Aktuelles, decision 082): the coordinators write dated messages in German, pin them to
 * guide pages, translate them one language at a time, and delete them; expired ones stay listed.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [news, pages] = await Promise.all([
    ctx.services.guide.news(principal),
    ctx.services.guide.publicTree(principal.tenantId, "de"),
  ]);
  return {
    news: news.map((n) => ({
      id: n.id,
      title: n.title,
      publishedOn: n.publishedOn,
      expiresOn: n.expiresOn,
      current: n.current,
    })),
    pages: pages.map((p) => ({ id: p.id, title: p.title.text, depth: p.depth })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const id = formString(form, "id");
  const guide = ctx.services.guide;
  const r = await formAction(ctx.t, async () => {
    if (intent === "delete") return guide.deleteNews(principal, id, ctx.requestId);
    if (intent === "translate") {
      const lang = formString(form, "lang");
      const input = parseInput(newsTranslationInput, {
        title: form.get("title"),
        body: form.get("body") ?? "",
        status: form.get("status"),
      });
      const target = TARGET_LANGUAGES.find((l) => l === lang);
      if (!target) throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
      return guide.saveNewsTranslation(principal, id, target, input, ctx.requestId);
    }
    return guide.createNews(
      principal,
      parseInput(newsInput, {
        title: form.get("title"),
        body: form.get("body") ?? "",
        publishedOn: form.get("publishedOn"),
        expiresOn: form.get("expiresOn") ?? "",
        pageIds: form.getAll("pageIds"),
      }),
      ctx.requestId,
    );
  });
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return {
    ok: true as const,
    notice: intent === "delete" ? "deleted" : intent === "translate" ? "translated" : "saved",
  };
}

export default function GuideNews({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  return (
    <>
      <h1>{t("guide.news_title")}</h1>
      <p>{t("guide.news_intro")}</p>
      {notice ? <Notice kind="success">{t(`guide.news_${notice}`)}</Notice> : null}
      <ErrorSummary errors={errors} />
      {d.news.length === 0 ? (
        <p>{t("guide.news_none")}</p>
      ) : (
        <ul className="stack">
          {d.news.map((n) => (
            <li key={n.id}>
              <h2>{n.title}</h2>
              <p>
                {t("guide.news_dates", { from: n.publishedOn, to: n.expiresOn ?? "—" })}
                {" · "}
                {t(n.current ? "guide.news_current" : "guide.news_not_current")}
              </p>
              <details>
                <summary>{t("guide.news_translate")}</summary>
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="intent" value="translate" />
                  <input type="hidden" name="id" value={n.id} />
                  <Select
                    id={`news-lang-${n.id}`}
                    name="lang"
                    label={t("guide.package_lang")}
                    options={TARGET_LANGUAGES.map((l) => ({ value: l, label: t(`guide.lang_${l}`) }))}
                  />
                  <TextField id={`news-tt-${n.id}`} name="title" label={t("guide.field_title")} required />
                  <TextField id={`news-tb-${n.id}`} name="body" label={t("guide.news_field_body")} />
                  <Select
                    id={`news-status-${n.id}`}
                    name="status"
                    label={t("guide.field_status")}
                    defaultValue="reviewed"
                    options={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`guide.tstatus_${s}`) }))}
                  />
                  <p>
                    <button type="submit">{t("guide.news_translate_save")}</button>
                  </p>
                </Form>
              </details>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="secondary">
                  {t("guide.news_delete", { title: n.title })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="news-new">
        <h2 id="news-new">{t("guide.news_new")}</h2>
        <Form method="post" className="stack" noValidate>
          <TextField name="title" label={t("guide.field_title")} errors={errors} required />
          <TextField name="body" label={t("guide.news_field_body")} errors={errors} />
          <DateField name="publishedOn" label={t("guide.news_field_published")} errors={errors} required />
          <DateField name="expiresOn" label={t("guide.news_field_expires")} errors={errors} />
          {d.pages.length > 0 ? (
            <CheckboxGroup
              name="pageIds"
              legend={t("guide.news_field_pages")}
              errors={errors}
              options={d.pages.map((p) => ({ value: p.id, label: `${"· ".repeat(p.depth - 1)}${p.title}` }))}
            />
          ) : null}
          <p>
            <button type="submit">{t("guide.news_save")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
