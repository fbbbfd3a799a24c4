import { useLoaderData } from "react-router";
import { formatNumber, isolate, languageNames, openStateText } from "../../components/offers/format.ts";
import { HoursTable } from "../../components/offers/hours.tsx";
import { NearFields, NearMeScript, SearchNotices } from "../../components/offers/search-ui.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/offices";

/**
 * "Which office is responsible for me?" Without an external geocoder the page understands an
 * address or street of the tenant's address list (typos allowed, decision 095), a postcode
 * (also inside a typed address), a postcode area's name, a street where one of the directory's
 * places is, or coordinates in either order ("near me" fills them in where JavaScript and
 * geolocation are available). A postcode whose addresses lie in several offices' catchments
 * lists every candidate office.
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

type OfficeHit = NonNullable<Awaited<ReturnType<typeof loader>>["finding"]>["offices"][number];

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Offices() {
  const { near, finding, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const offices = finding?.offices ?? [];
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
              ? t("offers.offices_resolved", { label: isolate(finding.near.label) })
              : t("offers.offices_resolved_coords", {
                  lon: formatNumber(lang, finding.near.lon, 5),
                  lat: formatNumber(lang, finding.near.lat, 5),
                })}
            {finding.near.approximate
              ? ` ${t(finding.near.kind === "postcode" ? "offers.offices_approximate" : "offers.offices_approximate_street")}`
              : ""}
          </p>
          {offices.length > 1 ? <p>{t("offers.offices_several", { count: offices.length })}</p> : null}
          {offices.length ? (
            offices.map((office) => <OfficeCard key={office.id} office={office} today={today} />)
          ) : (
            <p>{t("offers.offices_none")}</p>
          )}
        </section>
      ) : null}
      <NearMeScript />
    </div>
  );
}

/** One responsible (or candidate) office: name, catchment, open state, address, contact, hours. */
function OfficeCard({ office, today }: { office: OfficeHit; today: string }) {
  const t = useT();
  const lang = useLang();
  const place = office.place;
  const state = openStateText(lang, office.open);
  return (
    <div className="office">
      <h3>
        <bdi>{office.name}</bdi>
      </h3>
      <p>
        {t(`offers.office_kind_${office.kind}`)} ·{" "}
        {t("offers.offices_for_area", { area: isolate(office.areaName) })}
      </p>
      {state ? (
        <ul className="badges">
          <li className={`badge badge-${office.open?.status ?? "closed"}`}>{t(state.key, state.values)}</li>
        </ul>
      ) : null}
      <dl className="facts">
        {place ? (
          <>
            <dt>{t("offers.address")}</dt>
            <dd>
              <address>
                <bdi>{place.name}</bdi>
                <br />
                {place.street ? (
                  <>
                    <bdi>{place.street}</bdi>
                    <br />
                  </>
                ) : null}
                <bdi>{[place.postcode, place.city].filter(Boolean).join(" ")}</bdi>
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
  );
}
