import { Link } from "react-router";
import { SITE_IMPORT_CRS, SITE_IMPORT_LIMITS } from "#app/modules/accommodation/model.ts";
import { Select, TextField } from "../../../components/form/index.ts";
import { ImportUploadStep } from "../../../components/import-wizard/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import { startImportRun } from "../../../server/import-wizard.server.ts";
import type { Route } from "./+types/sites-import";

/** The options of a site import (accommodation/contracts.ts `siteImportOptions`), as form fields. */
const ATTRIBUTE_FIELDS = [
  "nameAttribute",
  "capacityAttribute",
  "existingAttribute",
  "noteAttribute",
] as const;
const OPTION_FIELDS = ["crs", ...ATTRIBUTE_FIELDS, "values"] as const;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const criteria = await ctx.services.accommodation.listCriteria({ kind: "user", principal });
  return {
    title: ctx.t("accommodation.import_title"),
    maxMb: SITE_IMPORT_LIMITS.maxBytes / 2 ** 20,
    maxFeatures: SITE_IMPORT_LIMITS.maxFeatures,
    criteria: criteria.filter((c) => c.source === "manual").map((c) => c.name),
  };
}

/**
 * Step 1 of the one import wizard (decision 043) for candidate sites (decision 104): a GeoJSON
 * file as QGIS writes it and the attribute mapping become an import run; its page previews it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "accommodation_sites");
}

const EXAMPLE = `{ "type": "FeatureCollection",
  "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::25832" } },
  "features": [ { "type": "Feature",
    "properties": { "name": "Gahmener Str.", "plaetze": 40, "Entfernung Kita": 350 },
    "geometry": { "type": "MultiPolygon", "coordinates": [ [ [ [397020, 5719410], … ] ] ] } } ] }`;

export default function SitesImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors;
  const labels = Object.fromEntries(OPTION_FIELDS.map((f) => [f, t(`accommodation.import_option_${f}`)]));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff/accommodation">{t("accommodation.import_back")}</Link>
      </p>
      <ImportUploadStep
        title={loaderData.title}
        intro={
          <>
            <p>{t("accommodation.import_intro")}</p>
            <ul>
              <li>{t("accommodation.import_rule_crs")}</li>
              <li>{t("accommodation.import_rule_geometry")}</li>
              <li>{t("accommodation.import_rule_names")}</li>
              <li>{t("accommodation.import_rule_all_or_nothing")}</li>
            </ul>
            <pre dir="ltr">
              <code>{EXAMPLE}</code>
            </pre>
          </>
        }
        accept=".geojson,.json,application/geo+json,application/json"
        fileLabel={t("accommodation.import_file")}
        fileHint={t("accommodation.import_file_hint", {
          maxMb: loaderData.maxMb,
          max: loaderData.maxFeatures,
        })}
        errors={errors}
        labels={labels}
      >
        <Select
          name="crs"
          label={labels.crs}
          hint={t("accommodation.import_option_crs_hint")}
          errors={errors}
          empty={t("accommodation.import_option_from_file")}
          options={SITE_IMPORT_CRS.map((code) => ({
            value: String(code),
            label: t(`accommodation.import_crs_${code}`),
          }))}
        />
        <fieldset>
          <legend>{t("accommodation.import_option_attributes")}</legend>
          <p className="hint">{t("accommodation.import_option_attributes_hint")}</p>
          {ATTRIBUTE_FIELDS.map((f) => (
            <TextField key={f} name={f} label={labels[f]} errors={errors} />
          ))}
          <TextField
            name="values"
            label={labels.values}
            hint={t("accommodation.import_option_values_hint", {
              criteria: loaderData.criteria.length ? loaderData.criteria.join(", ") : "–",
            })}
            errors={errors}
            multiline
            rows={3}
            dir="ltr"
          />
        </fieldset>
      </ImportUploadStep>
    </>
  );
}
