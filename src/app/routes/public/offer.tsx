import { data, useLoaderData } from "react-router";
import { htmlLang } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import { formatDate, formatIsoDate, languageNames, openStateText } from "../../components/offers/format.ts";
import { HoursTable } from "../../components/offers/hours.tsx";
import { LocalTextSpan } from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/offer";

/** An offer's public page: everything a newcomer needs to go there, printable. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const offer = await ctx.services.publicDirectory.offer(ctx.tenant.id, params.id, ctx.lang);
  if (!offer) throw data(null, { status: 404 });
  // The offer's calendar is offered only when it holds something: opening hours or events.
  const events = await ctx.services.publicDirectory.eventsOfOffers(ctx.tenant.id, [offer.id], ctx.lang);
  const hasCalendar = offer.openingHours !== null || events.length > 0;
  return { offer, hasCalendar, today: ctx.services.publicDirectory.today(), tenant: ctx.tenant.name };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.offer.title.text} · ${loaderData.tenant}` : "Lotse" }];
}

type Offer = Awaited<ReturnType<typeof loader>>["offer"];

function FallbackNote({ isFallback, t }: { isFallback: boolean; t: Translate }) {
  return isFallback ? <p className="fallback-note">{t("offers.fallback_field")}</p> : null;
}

function Accessibility({ a, t }: { a: Offer["places"][number]["accessibility"]; t: Translate }) {
  const items: string[] = [];
  if (a.wheelchair) items.push(t(`offers.wheelchair_${a.wheelchair}`));
  if (a.stepFreeEntrance) items.push(t("offers.step_free"));
  if (a.accessibleToilet) items.push(t("offers.accessible_toilet"));
  if (a.hearingLoop) items.push(t("offers.hearing_loop"));
  if (!items.length && !a.note) return null;
  return (
    <>
      <dt>{t("offers.detail_accessibility")}</dt>
      {items.map((i) => (
        <dd key={i}>{i}</dd>
      ))}
      {a.note ? (
        <dd lang="de" dir="auto">
          {a.note}
        </dd>
      ) : null}
    </>
  );
}

export default function OfferPage() {
  const { offer, hasCalendar, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const state = openStateText(lang, offer.open);
  const age =
    offer.ageMin !== null && offer.ageMax !== null
      ? t("offers.age_range", { min: offer.ageMin, max: offer.ageMax })
      : offer.ageMin !== null
        ? t("offers.age_from", { min: offer.ageMin })
        : offer.ageMax !== null
          ? t("offers.age_to", { max: offer.ageMax })
          : null;
  return (
    <article className="offer-detail" aria-labelledby="offer-title">
      <p className="back-link no-print">
        <a href={`/${lang}/offers`}>{t("offers.back_to_search")}</a>
      </p>
      <h1 id="offer-title">
        <span lang={htmlLang(offer.title.lang)} dir="auto">
          {offer.title.text}
        </span>
      </h1>
      <FallbackNote isFallback={offer.title.isFallback} t={t} />
      {offer.summary ? (
        <p className="lead">
          <LocalTextSpan text={offer.summary} t={t} />
        </p>
      ) : null}
      <ul className="badges">
        {state ? (
          <li className={`badge badge-${offer.open?.status ?? "closed"}`}>{t(state.key, state.values)}</li>
        ) : null}
        {offer.open?.holiday ? (
          <li className="badge">
            {t("offers.holiday_today", { holiday: t(`holidays.${offer.open.holiday}`) })}
          </li>
        ) : null}
        {offer.appointmentOnly ? <li className="badge">{t("offers.badge_appointment")}</li> : null}
        {offer.free ? <li className="badge badge-good">{t("offers.badge_free")}</li> : null}
        {offer.childcare ? <li className="badge badge-good">{t("offers.badge_childcare")}</li> : null}
      </ul>

      {offer.description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t("offers.section_about")}</h2>
          <FallbackNote isFallback={offer.description.isFallback} t={t} />
          <div
            className="rich-text"
            lang={htmlLang(offer.description.lang)}
            dir="auto"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: rich text is sanitised when it is written (sanitizeRichText).
            dangerouslySetInnerHTML={{ __html: offer.description.text }}
          />
        </section>
      ) : null}

      <section aria-labelledby="hours-heading">
        <h2 id="hours-heading">{t("offers.section_hours")}</h2>
        {offer.appointmentOnly ? <p>{t("offers.hours_appointment_only")}</p> : null}
        {offer.openingHours ? (
          <HoursTable
            hours={offer.openingHours}
            caption={offer.hoursArePlaces ? t("offers.hours_of_place") : t("offers.hours_caption")}
            today={today}
            lang={lang}
            t={t}
          />
        ) : (
          <p>{t("offers.hours_none")}</p>
        )}
        {hasCalendar ? (
          <p className="no-print">
            <a href={`/${lang}/offers/${offer.id}.ics`} type="text/calendar">
              {t("offers.ical_offer")}
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("offers.section_details")}</h2>
        <dl className="facts">
          {offer.organization.name ? (
            <>
              <dt>{t("offers.provider")}</dt>
              <dd>
                <bdi>{offer.organization.name}</bdi>
              </dd>
            </>
          ) : null}
          {offer.languages.length ? (
            <>
              <dt>{t("offers.languages_spoken")}</dt>
              <dd>{languageNames(lang, offer.languages)}</dd>
            </>
          ) : null}
          <dt>{t("offers.detail_cost")}</dt>
          <dd>{offer.free ? t("offers.badge_free") : t("offers.cost_paid")}</dd>
          {offer.costNote ? (
            <dd>
              <LocalTextSpan text={offer.costNote} t={t} />
            </dd>
          ) : null}
          <dt>{t("offers.detail_childcare")}</dt>
          <dd>{offer.childcare ? t("offers.childcare_yes") : t("offers.childcare_no")}</dd>
          <dt>{t("offers.detail_registration")}</dt>
          <dd>
            {offer.registrationRequired
              ? t("offers.registration_required")
              : t("offers.registration_not_required")}
          </dd>
          {offer.registrationNote ? (
            <dd>
              <LocalTextSpan text={offer.registrationNote} t={t} />
            </dd>
          ) : null}
          {age ? (
            <>
              <dt>{t("offers.detail_age")}</dt>
              <dd>{age}</dd>
            </>
          ) : null}
          {offer.validFrom || offer.validTo ? (
            <>
              <dt>{t("offers.detail_valid")}</dt>
              {offer.validFrom ? (
                <dd>{t("offers.valid_from", { date: formatIsoDate(lang, offer.validFrom) })}</dd>
              ) : null}
              {offer.validTo ? (
                <dd>{t("offers.valid_to", { date: formatIsoDate(lang, offer.validTo) })}</dd>
              ) : null}
            </>
          ) : null}
          {offer.terms.map((axis) => (
            <div key={axis.kind} className="facts-group">
              <dt>{axis.label ? <LocalTextSpan text={axis.label} t={t} /> : axis.kind}</dt>
              {axis.terms.map((term) => (
                <dd key={term.key}>{term.label ? <LocalTextSpan text={term.label} t={t} /> : term.key}</dd>
              ))}
            </div>
          ))}
        </dl>
      </section>

      {offer.contacts.length || offer.organization.phone || offer.organization.email ? (
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t("offers.section_contact")}</h2>
          {offer.contacts.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id; their order is stable.
            <div className="contact" key={i}>
              <dl className="facts">
                {c.name ? (
                  <>
                    <dt>{t("offers.contact_person")}</dt>
                    <dd>
                      <bdi>{c.name}</bdi>
                    </dd>
                  </>
                ) : null}
                {c.roleText ? (
                  <>
                    <dt>{t("offers.contact_function")}</dt>
                    <dd>
                      <LocalTextSpan text={c.roleText} t={t} />
                    </dd>
                  </>
                ) : null}
                {c.phone ? (
                  <>
                    <dt>{t("offers.contact_phone")}</dt>
                    <dd>
                      <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                        {c.phone}
                      </a>
                    </dd>
                  </>
                ) : null}
                {c.email ? (
                  <>
                    <dt>{t("offers.contact_email")}</dt>
                    <dd>
                      <a href={`mailto:${c.email}`} dir="ltr">
                        {c.email}
                      </a>
                    </dd>
                  </>
                ) : null}
              </dl>
              {c.hours ? (
                <HoursTable
                  hours={c.hours}
                  caption={t("offers.contact_hours")}
                  today={today}
                  lang={lang}
                  t={t}
                />
              ) : null}
            </div>
          ))}
          {offer.organization.phone || offer.organization.email || offer.organization.website ? (
            <dl className="facts">
              {offer.organization.name ? (
                <>
                  <dt>{t("offers.provider")}</dt>
                  <dd>
                    <bdi>{offer.organization.name}</bdi>
                  </dd>
                </>
              ) : null}
              {offer.organization.phone ? (
                <>
                  <dt>{t("offers.contact_phone")}</dt>
                  <dd>
                    <a href={`tel:${offer.organization.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                      {offer.organization.phone}
                    </a>
                  </dd>
                </>
              ) : null}
              {offer.organization.email ? (
                <>
                  <dt>{t("offers.contact_email")}</dt>
                  <dd>
                    <a href={`mailto:${offer.organization.email}`} dir="ltr">
                      {offer.organization.email}
                    </a>
                  </dd>
                </>
              ) : null}
              {offer.organization.website ? (
                <>
                  <dt>{t("offers.website")}</dt>
                  <dd>
                    <a href={offer.organization.website} dir="ltr" rel="noopener noreferrer">
                      {offer.organization.website}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </section>
      ) : null}

      {offer.places.length ? (
        <section aria-labelledby="places-heading">
          <h2 id="places-heading">{t("offers.places", { count: offer.places.length })}</h2>
          {offer.places.map((p) => {
            const placeState = openStateText(lang, p.open);
            return (
              <div className="place" key={p.id}>
                <h3>
                  <bdi>{p.name}</bdi>
                </h3>
                {/* Names and addresses keep their own direction in right-to-left pages (decision 094). */}
                <address>
                  {p.street ? (
                    <>
                      <bdi>{p.street}</bdi>
                      <br />
                    </>
                  ) : null}
                  <bdi>{[p.postcode, p.city].filter(Boolean).join(" ")}</bdi>
                </address>
                <dl className="facts">
                  {p.areaName ? (
                    <>
                      <dt>{t("offers.district")}</dt>
                      <dd>
                        <bdi>{p.areaName}</bdi>
                      </dd>
                    </>
                  ) : null}
                  {p.languages.length ? (
                    <>
                      <dt>{t("offers.languages_spoken")}</dt>
                      <dd>{languageNames(lang, p.languages)}</dd>
                    </>
                  ) : null}
                  {placeState && JSON.stringify(p.openingHours) !== JSON.stringify(offer.openingHours) ? (
                    <>
                      <dt>{t("offers.section_hours")}</dt>
                      <dd>{t(placeState.key, placeState.values)}</dd>
                    </>
                  ) : null}
                  <Accessibility a={p.accessibility} t={t} />
                </dl>
                {p.openingHours && JSON.stringify(p.openingHours) !== JSON.stringify(offer.openingHours) ? (
                  <HoursTable
                    hours={p.openingHours}
                    caption={t("offers.hours_of_place")}
                    today={today}
                    lang={lang}
                    t={t}
                  />
                ) : null}
                <ul className="directions no-print">
                  <li>
                    <a
                      href={`https://www.openstreetmap.org/directions?to=${p.lat}%2C${p.lon}#map=17/${p.lat}/${p.lon}`}
                      rel="noopener noreferrer"
                    >
                      {t("offers.directions_osm")}
                    </a>
                  </li>
                  <li>
                    <a href={`geo:${p.lat},${p.lon}`}>{t("offers.directions_geo")}</a>
                  </li>
                </ul>
                {p.approximate ? <p className="hint">{t("offers.coordinates_approximate")}</p> : null}
              </div>
            );
          })}
        </section>
      ) : null}

      <p className="hint">
        {offer.lastCheckedAt
          ? t("offers.last_checked", { date: formatDate(lang, new Date(offer.lastCheckedAt)) })
          : t("offers.last_updated", { date: formatDate(lang, new Date(offer.updatedAt)) })}
      </p>
    </article>
  );
}
