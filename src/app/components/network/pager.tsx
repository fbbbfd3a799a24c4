import type { Translate } from "#app/i18n/translator.ts";

/**
 * Links to the page before and after one page of a network list (decision 122): plain links with
 * `?offset=`, so they work without JavaScript on staff and public pages alike. `keep` carries the
 * page's other query parameters.
 */
export function Pager(props: {
  t: Translate;
  offset: number;
  limit: number;
  shown: number;
  total: number;
  /** The query parameter that carries the offset. */
  param?: string;
  keep?: Record<string, string>;
}) {
  const { t, offset, limit, shown, total, param = "offset", keep = {} } = props;
  if (total <= limit && offset === 0) return null;
  const href = (to: number) => {
    const q = new URLSearchParams(keep);
    if (to > 0) q.set(param, String(to));
    const s = q.toString();
    return s ? `?${s}` : "?";
  };
  return (
    <nav aria-label={t("network.pages")} className="pager">
      <span>{t("network.page_position", { from: shown ? offset + 1 : 0, to: offset + shown, total })}</span>
      {offset > 0 ? (
        <a href={href(Math.max(0, offset - limit))} rel="prev">
          {t("network.previous")}
        </a>
      ) : null}
      {offset + shown < total ? (
        <a href={href(offset + limit)} rel="next">
          {t("network.next")}
        </a>
      ) : null}
    </nav>
  );
}
