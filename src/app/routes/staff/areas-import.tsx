import { KNOWN_CRS, KNOWN_EPSG } from "#app/modules/areas/crs-list.ts";
import { AREA_LEVELS, IMPORT_LIMITS, LEVEL_LABEL_KEYS } from "#app/modules/areas/model.ts";
import { Checkbox, type ErrorSource, findError, Select, TextField } from "../../components/form/index.ts";
import { ImportUploadStep } from "../../components/import-wizard/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { startImportRun } from "../../server/import-wizard.server.ts";
import type { Route } from "./+types/areas-import";

const MAX_MB = IMPORT_LIMITS.maxBytes / 2 ** 20;
/** The options of an area import (areas/contracts.ts `areaImportOptions`), as form fields. */
const ATTRIBUTE_FIELDS = ["codeAttribute", "nameAttribute", "levelAttribute", "parentAttribute"] as const;
const OPTION_FIELDS = ["level", "crs", "layer", ...ATTRIBUTE_FIELDS, "swapAxes", "repair"] as const;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { title: ctx.t("areas.import_title"), maxMb: MAX_MB, maxFeatures: IMPORT_LIMITS.maxFeatures };
}

/**
 * Step 1 of the wizard (decision 043): the uploaded file (GeoJSON, a zipped Shapefile, a
 * GeoPackage; or pasted GeoJSON) and its options become an import run; its preview runs as a
 * job and the run's page shows it (decision 042).
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "areas");
}

export default function AreasImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors;
  const labels = Object.fromEntries(OPTION_FIELDS.map((f) => [f, t(`areas.import_option_${f}`)]));
  return (
    <ImportUploadStep
      title={t("areas.import_title")}
      intro={
        <>
          <p>{t("areas.import_intro")}</p>
          <p className="hint">{t("areas.import_format")}</p>
        </>
      }
      accept=".geojson,.json,.zip,.gpkg,application/geo+json,application/json,application/zip,application/geopackage+sqlite3"
      fileLabel={t("areas.import_file")}
      fileHint={t("areas.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxFeatures })}
      errors={errors}
      labels={labels}
    >
      <div className="field">
        <label htmlFor="areas-text">{t("areas.import_text")}</label>
        <textarea id="areas-text" name="text" rows={6} dir="ltr" spellCheck={false} />
      </div>
      <ImportOptions errors={errors} labels={labels} />
    </ImportUploadStep>
  );
}

/** GIS options, closed unless one of them has an error: most files need none. */
function ImportOptions({
  errors,
  labels,
}: {
  errors: ErrorSource | undefined;
  labels: Record<string, string>;
}) {
  const t = useT();
  const open = OPTION_FIELDS.some((f) => findError(errors ?? {}, [f]) !== undefined);
  return (
    <details className="import-options" open={open}>
      <summary>{t("areas.import_options_title")}</summary>
      <p className="hint">{t("areas.import_options_intro")}</p>
      <Select
        name="level"
        label={labels.level}
        hint={t("areas.import_option_level_hint")}
        errors={errors}
        empty={t("areas.import_option_from_file")}
        options={AREA_LEVELS.map((l) => ({ value: l, label: t(LEVEL_LABEL_KEYS[l]) }))}
      />
      <Select
        name="crs"
        label={labels.crs}
        hint={t("areas.import_option_crs_hint")}
        errors={errors}
        empty={t("areas.import_option_from_file")}
        options={KNOWN_EPSG.map((code) => ({
          value: String(code),
          label: `EPSG:${code} – ${KNOWN_CRS[code].name}`,
        }))}
      />
      <TextField
        name="layer"
        label={labels.layer}
        hint={t("areas.import_option_layer_hint")}
        errors={errors}
      />
      <fieldset>
        <legend>{t("areas.import_option_attributes")}</legend>
        <p className="hint">{t("areas.import_option_attributes_hint")}</p>
        {ATTRIBUTE_FIELDS.map((f) => (
          <TextField key={f} name={f} label={labels[f]} errors={errors} />
        ))}
      </fieldset>
      <Checkbox
        name="swapAxes"
        label={labels.swapAxes}
        hint={t("areas.import_option_swapAxes_hint")}
        errors={errors}
      />
      <Checkbox
        name="repair"
        label={labels.repair}
        hint={t("areas.import_option_repair_hint")}
        errors={errors}
      />
    </details>
  );
}
