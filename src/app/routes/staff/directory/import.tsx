import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "#app/modules/directory/import-columns.ts";
import { ImportUploadStep } from "../../../components/import-wizard/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { startImportRun } from "../../../server/import-wizard.server.ts";
import type { Route } from "./+types/import";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return {
    title: ctx.t("interchange.import_title"),
    maxMb: IMPORT_MAX_BYTES / 2 ** 20,
    maxRows: IMPORT_MAX_ROWS,
  };
}

/**
 * Step 1 of the wizard (decision 043): the uploaded file becomes an import run; its preview
 * runs as a job and the run's page (directory/import/:runId) shows it and confirms it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "directory");
}

export default function DirectoryImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <ImportUploadStep
        title={t("interchange.import_title")}
        intro={<Intro />}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        fileLabel={t("interchange.import_file")}
        fileHint={t("interchange.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxRows })}
        errors={actionData?.errors}
      />
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">{t("interchange.exports_title")}</h2>
        <ul>
          <li>
            <a href="/api/hsds/export" download>
              {t("interchange.export_hsds")}
            </a>
          </li>
          <li>
            <a href="/api/public/places.geojson" download="places.geojson">
              {t("interchange.export_geojson")}
            </a>
          </li>
          <li>
            <a href="/staff/directory/postcodes">{t("interchange.postcodes_link")}</a>
          </li>
        </ul>
      </section>
    </>
  );
}

/** What the file must look like: the template and the columns. */
function Intro() {
  const t = useT();
  return (
    <>
      <p>{t("interchange.import_intro")}</p>
      <p className="hint">{t("interchange.import_format")}</p>
      <p>
        <a href="/api/v1/directory/import/template.csv" download>
          {t("interchange.import_template")}
        </a>
      </p>
      <details className="import-columns">
        <summary>{t("interchange.columns_caption")}</summary>
        <div className="table-wrap">
          <table>
            <caption>{t("interchange.columns_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("interchange.col_header")}</th>
                <th scope="col">{t("interchange.col_meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((c) => (
                <tr key={c.key}>
                  <th scope="row">
                    <code>{c.de}</code> / <code>{c.en}</code>
                  </th>
                  <td>
                    {t(`interchange.column_${c.key}`)}
                    {c.required ? ` (${t("interchange.required_column")})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
