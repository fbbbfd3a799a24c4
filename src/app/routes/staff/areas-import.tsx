import { IMPORT_LIMITS } from "#app/modules/areas/model.ts";
import { ImportUploadStep } from "../../components/import-wizard/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { startImportRun } from "../../server/import-wizard.server.ts";
import type { Route } from "./+types/areas-import";

const MAX_MB = IMPORT_LIMITS.maxBytes / 2 ** 20;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { title: ctx.t("areas.import_title"), maxMb: MAX_MB, maxFeatures: IMPORT_LIMITS.maxFeatures };
}

/**
 * Step 1 of the wizard (decision 043): the uploaded file (or the pasted text) becomes an import
 * run; its preview runs as a job and the run's page shows it (decision 042).
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "areas");
}

export default function AreasImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors;
  return (
    <ImportUploadStep
      title={t("areas.import_title")}
      intro={
        <>
          <p>{t("areas.import_intro")}</p>
          <p className="hint">{t("areas.import_format")}</p>
        </>
      }
      accept=".geojson,.json,application/geo+json,application/json"
      fileLabel={t("areas.import_file")}
      fileHint={t("areas.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxFeatures })}
      errors={errors}
    >
      <div className="field">
        <label htmlFor="areas-text">{t("areas.import_text")}</label>
        <textarea id="areas-text" name="text" rows={6} dir="ltr" spellCheck={false} />
      </div>
    </ImportUploadStep>
  );
}
