import { Form, Link } from "react-router";
import type { ApplicationLinksView, FundedProjectView } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { useLang, useT } from "../i18n.tsx";
import { type ErrorSource, ErrorSummary, type Option, Select } from "./form/index.ts";

/** Offer rows in the links form: the linked ones plus this many empty ones (the contract allows 20). */
const EMPTY_OFFER_ROWS = 2;
export const MAX_OFFER_ROWS = 20;

export type LinkChoices = { measures: Option[]; offers: Option[] };

/**
 * An application's links to a strategy measure and directory offers (decisions 086, 102): what
 * is linked, and for the integration officer a plain form (no JavaScript needed) to change it.
 */
export function FundingLinksSection(props: {
  links: ApplicationLinksView;
  choices: LinkChoices | null;
  errors: ErrorSource;
}) {
  const t = useT();
  const { links, choices } = props;
  const rows = Math.min(MAX_OFFER_ROWS, links.offers.length + EMPTY_OFFER_ROWS);
  return (
    <section aria-labelledby="funding-links">
      <h2 id="funding-links">{t("funding.links_title")}</h2>
      <dl>
        <dt>{t("funding.links_measure")}</dt>
        <dd>
          {links.measure ? (
            <Link to={`/staff/strategy/${links.measure.id}`}>
              {[...links.measure.path, links.measure.title].join(" › ")}
            </Link>
          ) : (
            t("funding.links_none")
          )}
        </dd>
        <dt>{t("funding.links_offers")}</dt>
        <dd>
          {links.offers.length ? (
            <ul>
              {links.offers.map((o) => (
                <li key={o.id}>
                  <Link to={`/staff/directory/offer/${o.id}`}>
                    <bdi>{o.name}</bdi>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            t("funding.links_none")
          )}
        </dd>
      </dl>
      {choices ? (
        <Form method="post" className="stack" noValidate key={links.version}>
          <h3>{t("funding.links_edit")}</h3>
          <ErrorSummary errors={props.errors} />
          <input type="hidden" name="intent" value="links" />
          <input type="hidden" name="version" value={links.version} />
          <Select
            id="links-measure"
            name="measureId"
            label={t("funding.links_measure")}
            hint={t("funding.links_measure_hint")}
            empty={t("funding.links_none")}
            options={choices.measures}
            defaultValue={links.measure?.id ?? ""}
            errors={props.errors}
          />
          <fieldset>
            <legend>{t("funding.links_offers")}</legend>
            <p className="hint">{t("funding.links_offers_hint", { max: MAX_OFFER_ROWS })}</p>
            {Array.from({ length: rows }, (_, i) => (
              <Select
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
                key={i}
                id={`links-offer-${i}`}
                name={`offerIds.${i}`}
                label={t("funding.links_offer_row", { n: i + 1 })}
                empty={t("funding.links_none")}
                options={choices.offers}
                defaultValue={links.offers[i]?.id ?? ""}
                errors={props.errors}
              />
            ))}
          </fieldset>
          <p>
            <button type="submit">{t("funding.links_save")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

/** The funded projects linked to a measure or an offer, on the goal tree's and the directory's pages. */
export function FundedProjects({ projects }: { projects: readonly FundedProjectView[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="funded-projects">
      <h2 id="funded-projects">{t("funding.funded_projects_title")}</h2>
      {projects.length === 0 ? (
        <p>{t("funding.funded_projects_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("funding.funded_projects_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funding.col_title")}</th>
                <th scope="col">{t("funding.col_org")}</th>
                <th scope="col">{t("funding.funded_col_year")}</th>
                <th scope="col" className="num">
                  {t("funding.col_granted")}
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/staff/funding/applications/${p.id}`}>
                      <bdi>{p.title}</bdi>
                    </Link>
                  </th>
                  <td>
                    <bdi>{p.organizationName}</bdi>
                  </td>
                  <td>{p.year}</td>
                  <td className="num">{formatMoney(p.grantedCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
