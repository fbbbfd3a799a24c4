import { useLoaderData } from "react-router";
import { htmlLang } from "#app/i18n/languages.ts";
import { GuideSearchForm } from "../../components/guide/search-form.tsx";
import { isolate } from "../../components/offers/format.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/guide";

/** The guide's start page: the published tree in the reader's language (easy German on request). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const simple = ctx.lang === "de" && new URL(request.url).searchParams.get("simple") === "1";
  const pages = await ctx.services.guide.publicTree(ctx.tenant.id, simple ? "de-simple" : ctx.lang);
  // The tenant's name isolated: a Latin name inside an Arabic or Farsi sentence keeps its place.
  return { pages, simple, title: ctx.t("guide_public.public_title", { tenant: isolate(ctx.tenant.name) }) };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? loaderData.title : "Lotse" }];
}

type Item = Awaited<ReturnType<typeof loader>>["pages"][number];

function Branch({ items, depth, prefix, q }: { items: Item[]; depth: number; prefix: string; q: string }) {
  const lang = useLang();
  const level = items.filter((i) => i.depth === depth && i.path.startsWith(prefix));
  if (!level.length) return null;
  return (
    <ul className="guide-tree">
      {level.map((i) => (
        <li key={i.id}>
          <a href={`/${lang}/guide/${i.path}${q}`}>
            <span lang={htmlLang(i.title.lang)} dir="auto">
              {i.title.text}
            </span>
          </a>
          <Branch items={items} depth={depth + 1} prefix={`${i.path}/`} q={q} />
        </li>
      ))}
    </ul>
  );
}

export default function GuideIndex() {
  const { pages, simple, title } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <article className="guide-article" aria-labelledby="guide-title">
      <h1 id="guide-title">{title}</h1>
      <p className="lead">{t("guide_public.public_intro")}</p>
      <p className="fallback-note" data-offline-note="" hidden>
        {t("guide_public.offline_copy")}
      </p>
      {lang === "de" ? (
        <p className="no-print">
          {simple ? (
            <a href="/de/guide">{t("guide_public.standard_german")}</a>
          ) : (
            <a href="/de/guide?simple=1">{t("guide_public.easy_german")}</a>
          )}
        </p>
      ) : null}
      {pages.length ? <GuideSearchForm lang={lang} simple={simple} t={t} /> : null}
      {pages.length ? (
        <p className="no-print">
          <a href={`/${lang}/welcome-package`}>{t("guide_public.package_request_link")}</a>
        </p>
      ) : null}
      {pages.length === 0 ? (
        <p>{t("guide_public.public_empty")}</p>
      ) : (
        <nav aria-labelledby="guide-title">
          <Branch items={pages} depth={1} prefix="" q={simple ? "?simple=1" : ""} />
        </nav>
      )}
    </article>
  );
}
