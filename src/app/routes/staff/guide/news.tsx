import { data, Form, Link } from "react-router";
import { newsInput } from "#app/modules/guide/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { NewsFields, newsFormInput } from "../../../components/guide/news-fields.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/news";

/**
 * News (Aktuelles, decisions 082 and 105): the coordinators write dated messages in German, pin
 * them to guide pages and delete them; expired ones stay listed. Each message is edited and
 * translated on its own page (`news-item.tsx`).
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
  const guide = ctx.services.guide;
  const r = await formAction(ctx.t, async () => {
    if (intent === "delete") return guide.deleteNews(principal, formString(form, "id"), ctx.requestId);
    return guide.createNews(principal, parseInput(newsInput, newsFormInput(form)), ctx.requestId);
  });
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, notice: intent === "delete" ? "deleted" : "saved" };
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
              <p>
                <Link to={`/staff/guide/news/${n.id}`}>{t("guide.news_edit_link", { title: n.title })}</Link>
              </p>
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
        <ErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <NewsFields pages={d.pages} errors={errors} />
          <p>
            <button type="submit">{t("guide.news_save")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
