import { htmlLang } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import type { PublicNews } from "#app/modules/guide/service.ts";
import { formatIsoDate } from "../offers/format.ts";

/**
 * News messages (Aktuelles, decision 082) as server-rendered articles: date, title, the
 * sanitised text, German with a note where no current translation exists, and the guide pages
 * a message is pinned to. `level` is the heading level of each title.
 */
export function NewsList({
  items,
  lang,
  t,
  level = 2,
}: {
  items: readonly PublicNews[];
  lang: string;
  t: Translate;
  level?: 2 | 3;
}) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <ul className="news-list">
      {items.map((n) => (
        <li key={n.id} id={`news-${n.id}`}>
          <article aria-labelledby={`news-title-${n.id}`}>
            <p className="news-date">
              <time dateTime={n.publishedOn}>{formatIsoDate(lang, n.publishedOn)}</time>
            </p>
            <H id={`news-title-${n.id}`}>
              <span lang={htmlLang(n.title.lang)} dir="auto">
                {n.title.text}
              </span>
            </H>
            {n.title.isFallback || n.body?.isFallback ? (
              <p className="fallback-note">{t("guide_public.fallback_note")}</p>
            ) : null}
            {n.body ? (
              <div
                className="rich-text"
                lang={htmlLang(n.body.lang)}
                dir="auto"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: news bodies are sanitised when they are written (sanitizeRichText).
                dangerouslySetInnerHTML={{ __html: n.body.text }}
              />
            ) : null}
            {n.pages.length ? (
              <p>
                {t("guide_public.news_pinned")}{" "}
                {n.pages.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 ? (lang === "ar" || lang === "fa" ? "، " : ", ") : null}
                    <a href={`/${lang}/guide/${p.path}`}>
                      <span lang={htmlLang(p.title.lang)} dir="auto">
                        {p.title.text}
                      </span>
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
          </article>
        </li>
      ))}
    </ul>
  );
}
