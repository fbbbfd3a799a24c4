import { htmlLang } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import type { OfferHit, OfferSearchResult } from "#app/modules/directory/search.ts";
import {
  DEFAULT_RADIUS_KM,
  offerSearchQuery,
  type SearchNotice,
} from "#app/modules/directory/search-params.ts";
import { useLanguageName } from "../../i18n.tsx";
import { formatNumber, isolate, languageNames, openStateText } from "./format.ts";

const RADII = [1, 2, 5, 10, 25, 50];

/** The notices about parameters the search did not understand. */
export function SearchNotices({ notices, t }: { notices: SearchNotice[]; t: Translate }) {
  if (!notices.length) return null;
  return (
    <div className="notice notice-warning" role="status">
      <p className="notice-title">{t("offers.notice_heading")}</p>
      <ul>
        {notices.map((n) => (
          <li key={`${n.code}-${n.param}-${n.value ?? ""}`}>
            {t(`offers.notice_${n.code}`, { param: n.param, value: n.value ?? "" })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Near": a postcode, street or coordinates, a radius, and (with JavaScript) "use my location". */
export function NearFields(props: {
  near: string;
  radius: number | null;
  t: Translate;
  withRadius?: boolean;
  label?: string;
}) {
  const { t } = props;
  return (
    <div className="near-fields">
      <div className="field">
        <label htmlFor="offers-near">{props.label ?? t("offers.filter_near")}</label>
        <p className="hint" id="offers-near-hint">
          {t("offers.filter_near_hint")}
        </p>
        <input
          id="offers-near"
          name="near"
          type="text"
          defaultValue={props.near}
          maxLength={200}
          autoComplete="postal-code"
          aria-describedby="offers-near-hint"
          data-near-input=""
        />
        <button type="button" className="button-secondary" data-near-me="" hidden>
          {t("offers.near_me")}
        </button>
        <p className="field-error" data-near-error="" hidden>
          {t("offers.near_me_error")}
        </p>
      </div>
      {props.withRadius === false ? null : (
        <div className="field">
          <label htmlFor="offers-radius">{t("offers.filter_radius")}</label>
          <select id="offers-radius" name="radius" defaultValue={String(props.radius ?? DEFAULT_RADIUS_KM)}>
            {RADII.map((r) => (
              <option key={r} value={String(r)}>
                {t("offers.radius_option", { km: r })}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

/** Loads the "near me" enhancement (GET /near-me.js, public-api.ts); the form works without it. */
export function NearMeScript() {
  return <script src="/near-me.js" defer />;
}

/** A text in another language than the page: marked with its language, and noted when it is German by fallback. */
export function LocalTextSpan({
  text,
  t,
}: {
  text: { text: string; lang: string; isFallback: boolean };
  t: Translate;
}) {
  return (
    <>
      <span lang={htmlLang(text.lang)} dir="auto">
        {text.text}
      </span>
      {text.isFallback ? <span className="fallback-note"> ({t("offers.shown_in_german")})</span> : null}
    </>
  );
}

export function OfferBadges({ offer, lang, t }: { offer: OfferHit; lang: string; t: Translate }) {
  const state = openStateText(lang, offer.open);
  return (
    <ul className="badges">
      {state ? (
        <li className={`badge badge-${offer.open?.status ?? "closed"}`}>{t(state.key, state.values)}</li>
      ) : null}
      {offer.appointmentOnly && offer.open?.status !== "appointment_only" ? (
        <li className="badge">{t("offers.badge_appointment")}</li>
      ) : null}
      {offer.free ? <li className="badge badge-good">{t("offers.badge_free")}</li> : null}
      {offer.childcare ? <li className="badge badge-good">{t("offers.badge_childcare")}</li> : null}
    </ul>
  );
}

/** The result list: complete without JavaScript, the accessible alternative to the map. */
export function OfferList(props: { result: OfferSearchResult; lang: string; t: Translate }) {
  const nameOf = useLanguageName();
  const { result, lang, t } = props;
  return (
    <ol className="offer-list">
      {result.items.map((o) => {
        const spoken = [...new Set([...o.languages, ...o.places.flatMap((p) => p.languages)])];
        return (
          <li key={o.id}>
            <article className="offer-card" aria-labelledby={`offer-${o.id}`}>
              <h3 id={`offer-${o.id}`}>
                <a href={`/${lang}/offers/${o.id}`}>
                  <LocalTextSpan text={o.title} t={t} />
                </a>
              </h3>
              {o.summary ? (
                <p className="offer-summary">
                  <LocalTextSpan text={o.summary} t={t} />
                </p>
              ) : null}
              <OfferBadges offer={o} lang={lang} t={t} />
              <dl className="offer-facts">
                {o.organization.name ? (
                  <>
                    <dt>{t("offers.provider")}</dt>
                    <dd>
                      <bdi>{o.organization.name}</bdi>
                    </dd>
                  </>
                ) : null}
                {o.places.length ? (
                  <>
                    <dt>{t("offers.places", { count: o.places.length })}</dt>
                    {o.places.slice(0, 3).map((p) => (
                      <dd key={p.id}>
                        <bdi>{p.name}</bdi>
                        {p.street ? (
                          <>
                            , <bdi>{p.street}</bdi>
                          </>
                        ) : null}
                        {p.areaName ? (
                          <>
                            {" "}
                            (<bdi>{p.areaName}</bdi>)
                          </>
                        ) : null}
                      </dd>
                    ))}
                    {o.places.length > 3 ? (
                      <dd>{t("offers.more_places", { count: o.places.length - 3 })}</dd>
                    ) : null}
                  </>
                ) : null}
                {o.distanceKm !== null ? (
                  <>
                    <dt>{t("offers.distance_label")}</dt>
                    <dd>{t("offers.distance", { km: formatNumber(lang, o.distanceKm) })}</dd>
                  </>
                ) : null}
                {spoken.length ? (
                  <>
                    <dt>{t("offers.languages_spoken")}</dt>
                    <dd>{languageNames(lang, spoken, nameOf)}</dd>
                  </>
                ) : null}
              </dl>
            </article>
          </li>
        );
      })}
    </ol>
  );
}

export function Pagination(props: { result: OfferSearchResult; base: string; t: Translate; lang: string }) {
  const { result, t } = props;
  if (result.pageCount <= 1) return null;
  const link = (page: number) => {
    const q = offerSearchQuery({ ...result.params, page }).toString();
    return q ? `${props.base}?${q}` : props.base;
  };
  return (
    <nav className="pagination" aria-label={t("offers.pagination_label")}>
      {result.page > 1 ? (
        <a href={link(result.page - 1)} rel="prev">
          {t("offers.page_prev")}
        </a>
      ) : null}
      <span aria-current="page">
        {t("offers.page_of", {
          page: formatNumber(props.lang, result.page, 0),
          pages: formatNumber(props.lang, result.pageCount, 0),
        })}
      </span>
      {result.page < result.pageCount ? (
        <a href={link(result.page + 1)} rel="next">
          {t("offers.page_next")}
        </a>
      ) : null}
    </nav>
  );
}

/** The heading line over the results: how many, and around which point. */
export function ResultSummary(props: { result: OfferSearchResult; lang: string; t: Translate }) {
  const { result, t, lang } = props;
  const near = result.near;
  return (
    <>
      <p className="result-count" role="status">
        {result.totalIsLowerBound
          ? t("offers.results_count_lower_bound", { count: result.total })
          : t("offers.results_count", { count: result.total })}
      </p>
      {near ? (
        <p className="hint">
          {near.label
            ? t("offers.near_resolved", { km: formatNumber(lang, near.radiusKm), label: isolate(near.label) })
            : t("offers.near_resolved_coords", { km: formatNumber(lang, near.radiusKm) })}
        </p>
      ) : null}
    </>
  );
}
