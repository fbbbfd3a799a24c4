import { useLoaderData } from "react-router";
import { formatNumber, languageNames, openStateText } from "../../components/offers/format.ts";
import { HoursTable } from "../../components/offers/hours.tsx";
import { NearFields, NearMeScript, SearchNotices } from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/offices";

/**
 * "Which office is responsible for me?" Without an external geocoder the page understands a
 * postcode (also inside a typed address), a street where one of the directory's places is, a
 * postcode area's name, or coordinates ("near me" fills them in where JavaScript and
 * geolocation are available). A postcode stands for its centroid, so at a catchment border
 * the answer can be the neighbouring office: the page says so.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const near = (new URL(request.url).searchParams.get("near") ?? "").trim().slice(0, 200);
  const finding = near ? await ctx.services.publicDirectory.findOffice(ctx.tenant.id, near) : null;
  return {
    near,
    finding,
    today: ctx.services.publicDirectory.today(),
    title: ctx.t("offers.offices_title"),
    tenant: ctx.tenant.name,
  };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Offices() {
  const { near, finding, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const office = finding?.office ?? null;
  const place = office?.place ?? null;
  const state = openStateText(lang, office?.open ?? null);
  return (
    <div className="offices-page">
      <h1>{t("offers.offices_title")}</h1>
      <p className="lead">{t("offers.offices_lead")}</p>
      <form method="get" action={`/${lang}/offices`} className="offer-search">
        <NearFields near={near} radius={null} t={t} withRadius={false} label={t("offers.offices_address")} />
        <div className="form-actions">
          <button type="submit">{t("offers.offices_submit")}</button>
        </div>
      </form>
      {finding ? <SearchNotices notices={finding.notices} t={t} /> : null}
      {finding?.near ? (
        <section aria-labelledby="office-heading" className="office-result">
          <h2 id="office-heading">{t("offers.offices_result_heading")}</h2>
          <p className="hint">
            {finding.near.label
              ? t("offers.offices_resolved", { label: finding.near.label })
              : t("offers.offices_resolved_coords", {
                  lon: formatNumber(lang, finding.near.lon, 5),
                  lat: formatNumber(lang, finding.near.lat, 5),
                })}
            {finding.near.approximate ? ` ${t("offers.offices_approximate")}` : ""}
          </p>
          {office ? (
            <div className="office">
              <h3>{office.name}</h3>
              <p>
                {t(`offers.office_kind_${office.kind}`)} ·{" "}
                {t("offers.offices_for_area", { area: office.areaName })}
              </p>
              {state ? (
                <ul className="badges">
                  <li className={`badge badge-${office.open?.status ?? "closed"}`}>
                    {t(state.key, state.values)}
                  </li>
                </ul>
              ) : null}
              <dl className="facts">
                {place ? (
                  <>
                    <dt>{t("offers.address")}</dt>
                    <dd>
                      <address>
                        {place.name}
                        <br />
                        {place.street ? (
                          <>
                            {place.street}
                            <br />
                          </>
                        ) : null}
                        {[place.postcode, place.city].filter(Boolean).join(" ")}
                      </address>
                    </dd>
                  </>
                ) : null}
                {office.phone ? (
                  <>
                    <dt>{t("offers.contact_phone")}</dt>
                    <dd>
                      <a href={`tel:${office.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                        {office.phone}
                      </a>
                    </dd>
                  </>
                ) : null}
                {office.email ? (
                  <>
                    <dt>{t("offers.contact_email")}</dt>
                    <dd>
                      <a href={`mailto:${office.email}`} dir="ltr">
                        {office.email}
                      </a>
                    </dd>
                  </>
                ) : null}
                {place?.languages.length ? (
                  <>
                    <dt>{t("offers.languages_spoken")}</dt>
                    <dd>{languageNames(lang, place.languages)}</dd>
                  </>
                ) : null}
              </dl>
              {place?.openingHours ? (
                <HoursTable
                  hours={place.openingHours}
                  caption={t("offers.offices_hours")}
                  today={today}
                  lang={lang}
                  t={t}
                />
              ) : null}
              {place ? (
                <ul className="directions">
                  <li>
                    <a
                      href={`https://www.openstreetmap.org/directions?to=${place.lat}%2C${place.lon}#map=17/${place.lat}/${place.lon}`}
                      rel="noopener noreferrer"
                    >
                      {t("offers.directions_osm")}
                    </a>
                  </li>
                  <li>
                    <a href={`geo:${place.lat},${place.lon}`}>{t("offers.directions_geo")}</a>
                  </li>
                </ul>
              ) : null}
            </div>
          ) : (
            <p>{t("offers.offices_none")}</p>
          )}
        </section>
      ) : null}
      <NearMeScript />
    </div>
  );
}
