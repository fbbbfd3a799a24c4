import type { Translate } from "#app/i18n/translator.ts";
import type { OfferSearchParams, TermFilter } from "#app/modules/directory/search-params.ts";
import { SPOKEN_LANGUAGES } from "#app/modules/directory/spoken-languages.ts";
import { NearFields } from "./search-ui.tsx";

export type FilterOptions = {
  terms: Record<TermFilter, { key: string; label: string; isFallback: boolean }[]>;
  areas: { code: string; name: string; level: string }[];
};

const TERM_LABELS: Record<TermFilter, string> = {
  category: "offers.filter_category",
  field: "offers.filter_field",
  phase: "offers.filter_phase",
  target: "offers.filter_target",
};

/**
 * The search form: a plain GET form, so every state is a shareable URL and it works without
 * JavaScript. "Near me" is a button that only appears when a small script finds geolocation.
 */
export function OfferSearchForm(props: {
  action: string;
  params: OfferSearchParams;
  options: FilterOptions;
  lang: string;
  t: Translate;
}) {
  const { params: p, options, t, lang } = props;
  const spokenNames = new Intl.DisplayNames([lang], { type: "language" });
  const spoken = SPOKEN_LANGUAGES.map((code) => ({
    code,
    name: code === "gsg" ? t("offers.sign_language") : (spokenNames.of(code) ?? code),
  })).sort((a, b) => a.name.localeCompare(b.name, lang));
  const filtersSet =
    p.category.length +
      p.field.length +
      p.phase.length +
      p.target.length +
      p.spoken.length +
      Number(p.free) +
      Number(p.childcare) +
      Number(p.open) +
      Number(Boolean(p.near)) +
      Number(Boolean(p.district)) >
    0;
  return (
    <form method="get" action={props.action} className="offer-search">
      <div className="field">
        <label htmlFor="offers-q">{t("offers.search_label")}</label>
        <p className="hint" id="offers-q-hint">
          {t("offers.search_hint")}
        </p>
        <div className="search-row">
          <input
            id="offers-q"
            name="q"
            type="search"
            defaultValue={p.q}
            maxLength={200}
            dir="auto"
            aria-describedby="offers-q-hint"
          />
          <button type="submit">{t("offers.search_submit")}</button>
        </div>
      </div>
      <details className="offer-filters" open={filtersSet}>
        <summary>{t("offers.filters_heading")}</summary>
        {options.terms.category.length ? (
          <fieldset>
            <legend>{t("offers.filter_category")}</legend>
            <ul className="checkbox-list">
              {options.terms.category.map((o) => (
                <li key={o.key}>
                  <label>
                    <input
                      type="checkbox"
                      name="category"
                      value={o.key}
                      defaultChecked={p.category.includes(o.key)}
                    />{" "}
                    {o.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {(["field", "phase", "target"] as const).map((name) =>
          options.terms[name].length ? (
            <div className="field" key={name}>
              <label htmlFor={`offers-${name}`}>{t(TERM_LABELS[name])}</label>
              <select id={`offers-${name}`} name={name} defaultValue={p[name][0] ?? ""}>
                <option value="">{t("offers.filter_any")}</option>
                {options.terms[name].map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null,
        )}
        <div className="field">
          <label htmlFor="offers-spoken">{t("offers.filter_spoken")}</label>
          <select id="offers-spoken" name="spoken" defaultValue={p.spoken[0] ?? ""}>
            <option value="">{t("offers.filter_any")}</option>
            {spoken.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t("offers.filter_features")}</legend>
          <ul className="checkbox-list">
            <li>
              <label>
                <input type="checkbox" name="open" value="now" defaultChecked={p.open} />{" "}
                {t("offers.filter_open_now")}
              </label>
            </li>
            <li>
              <label>
                <input type="checkbox" name="free" value="1" defaultChecked={p.free} />{" "}
                {t("offers.filter_free")}
              </label>
            </li>
            <li>
              <label>
                <input type="checkbox" name="childcare" value="1" defaultChecked={p.childcare} />{" "}
                {t("offers.filter_childcare")}
              </label>
            </li>
          </ul>
        </fieldset>
        <NearFields near={p.near} radius={p.radius} t={t} />
        {options.areas.length ? (
          <div className="field">
            <label htmlFor="offers-district">{t("offers.filter_district")}</label>
            <select id="offers-district" name="district" defaultValue={p.district}>
              <option value="">{t("offers.filter_any")}</option>
              {options.areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit">{t("offers.filters_apply")}</button>
          {filtersSet || p.q ? <a href={props.action}>{t("offers.filters_reset")}</a> : null}
        </div>
      </details>
    </form>
  );
}
