import type { Translate } from "#app/i18n/translator.ts";

/**
 * The guide's one search box (pages, offers and events together): a plain GET form to
 * /{lang}/search, so it works without JavaScript; easy German readers stay in easy German.
 */
export function GuideSearchForm(props: {
  lang: string;
  q?: string;
  simple: boolean;
  t: Translate;
  id?: string;
}) {
  const { t } = props;
  const id = props.id ?? "guide-q";
  return (
    <form method="get" action={`/${props.lang}/search`} className="offer-search guide-search no-print">
      <div className="field">
        <label htmlFor={id}>{t("guide_public.search_label")}</label>
        <p className="hint" id={`${id}-hint`}>
          {t("guide_public.search_hint")}
        </p>
        <div className="search-row">
          <input
            id={id}
            name="q"
            type="search"
            defaultValue={props.q ?? ""}
            maxLength={200}
            dir="auto"
            aria-describedby={`${id}-hint`}
          />
          {props.simple ? <input type="hidden" name="simple" value="1" /> : null}
          <button type="submit">{t("guide_public.search_submit")}</button>
        </div>
      </div>
    </form>
  );
}
