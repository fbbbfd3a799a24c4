import { data, Form, useNavigation } from "react-router";
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "#app/modules/directory/import.ts";
import { type ImportPreviewView, presentImport } from "#app/modules/directory/import-present.ts";
import { isAppError } from "#app/server/errors.ts";
import { Notice } from "../../../components/forms.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/import";

/** Rows shown in the preview table at most (rows with errors first). */
const MAX_SHOWN = 500;

type ActionResult =
  | { kind: "empty" }
  | { kind: "preview"; preview: ImportPreviewView; file: { name: string; base64: string } | null }
  | { kind: "committed"; places: number; offers: number }
  | { kind: "error"; message: string };

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
 * Step 1 (intent=preview): the uploaded file is checked row by row; nothing is written.
 * Step 2 (intent=commit): the previewed file comes back (base64 in a hidden field) and is
 * imported all-or-nothing; the service validates it again.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = form.get("intent") === "commit" ? "commit" : "preview";
  let bytes: Uint8Array | null = null;
  let name = "import.csv";
  if (intent === "commit") {
    const b = form.get("content");
    const n = form.get("filename");
    if (typeof b === "string" && b) bytes = new Uint8Array(Buffer.from(b, "base64"));
    if (typeof n === "string" && n) name = n;
  } else {
    const file = form.get("file");
    if (file && typeof file !== "string" && file.size > 0) {
      bytes = new Uint8Array(await file.arrayBuffer());
      name = file.name;
    }
  }
  if (!bytes || bytes.length === 0) return data({ kind: "empty" } satisfies ActionResult, { status: 400 });
  const importer = ctx.services.interchange.import;
  const showPreview = async () => {
    const analysis = await importer.preview(principal, bytes, name);
    const result: ActionResult = {
      kind: "preview",
      preview: presentImport(analysis, ctx.t),
      file: analysis.ok ? { name, base64: Buffer.from(bytes).toString("base64") } : null,
    };
    return data(result, { status: analysis.ok ? 200 : 422 });
  };
  if (intent === "preview") return showPreview();
  try {
    const r = await importer.commit(principal, bytes, name);
    return { kind: "committed", ...r } satisfies ActionResult;
  } catch (e) {
    if (isAppError(e) && e.code === "validation_failed") return showPreview();
    if (isAppError(e) && e.status < 500 && e.status !== 401 && e.status !== 403) {
      return data({ kind: "error", message: ctx.t(`errors.${e.code}`) } satisfies ActionResult, {
        status: e.status,
      });
    }
    throw e;
  }
}

export default function DirectoryImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <h1>{t("interchange.import_title")}</h1>
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

      {result?.kind === "committed" ? (
        <Notice kind="success">
          <p role="status">{t("interchange.committed", { places: result.places, offers: result.offers })}</p>
        </Notice>
      ) : null}
      {result?.kind === "error" ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{result.message}</p>
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data">
        {result?.kind === "empty" ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <p>{t("interchange.import_nothing")}</p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t("interchange.import_file")}</label>
          <p className="hint" id="import-file-hint">
            {t("interchange.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxRows })}
          </p>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
          />
        </div>
        <button type="submit" name="intent" value="preview" disabled={busy}>
          {t("interchange.import_preview")}
        </button>
      </Form>

      {result?.kind === "preview" ? <Preview result={result} busy={busy} /> : null}

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

function Preview({ result, busy }: { result: Extract<ActionResult, { kind: "preview" }>; busy: boolean }) {
  const t = useT();
  const { preview } = result;
  const rows = [...preview.rows].sort(
    (a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.row - b.row,
  );
  const shown = rows.slice(0, MAX_SHOWN);
  return (
    <section aria-labelledby="import-preview-title" className="import-preview">
      <h2 id="import-preview-title">{t("interchange.table_caption")}</h2>
      {preview.encoding ? (
        <p className="hint">{t("interchange.encoding", { encoding: preview.encoding })}</p>
      ) : null}
      {preview.fileErrors.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("interchange.preview_file_errors")}</p>
          <ul>
            {preview.fileErrors.map((e) => (
              <li key={e.code}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : preview.ok ? (
        <Notice kind="info">
          {t("interchange.preview_ok", {
            rows: preview.counts.rows,
            places: preview.counts.places,
            offers: preview.counts.offers,
          })}
        </Notice>
      ) : (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>
            {t("interchange.preview_errors", { invalid: preview.counts.invalid + preview.counts.duplicates })}
          </p>
        </div>
      )}
      {rows.length ? (
        <div className="table-wrap">
          <table className="import-preview-table">
            <caption>{t("interchange.table_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("interchange.col_row")}</th>
                <th scope="col">{t("interchange.column_place")}</th>
                <th scope="col">{t("interchange.column_offer")}</th>
                <th scope="col">{t("interchange.col_action")}</th>
                <th scope="col">{t("interchange.col_errors")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.row} className={r.errors.length ? "row-invalid" : undefined} data-row={r.row}>
                  <th scope="row">{r.row}</th>
                  <td>{r.place}</td>
                  <td>{r.offer}</td>
                  <td>{t(`interchange.action_${r.action}`)}</td>
                  <td>
                    {r.errors.length ? (
                      <ul className="import-errors">
                        {r.errors.map((e) => (
                          <li key={`${e.column}:${e.code}`} data-column={e.column}>
                            <strong>{e.columnLabel}</strong>: {e.message}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.ok && result.file ? (
        <Form method="post">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="filename" value={result.file.name} />
          <input type="hidden" name="content" value={result.file.base64} />
          <button type="submit" disabled={busy}>
            {t("interchange.import_commit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
