import { data, Form, Link, useNavigation } from "react-router";
import { IMPORT_MAX_BYTES, IMPORT_MAX_VALUES, type ImportResult } from "#app/modules/monitoring/import.ts";
import { FIRST_PERIOD } from "#app/modules/monitoring/import-parse.ts";
import { type ImportPreviewView, presentPreview } from "#app/modules/monitoring/import-present.ts";
import { isAppError } from "#app/server/errors.ts";
import { Notice } from "../../../components/forms.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/import";

type ActionResult =
  | { kind: "empty" }
  | { kind: "preview"; preview: ImportPreviewView; file: { name: string; base64: string } | null }
  | { kind: "committed"; result: ImportResult }
  | { kind: "error"; message: string };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const elements = await ctx.services.monitoringImport.columns(principal, ctx.tenant.id);
  return {
    title: ctx.t("monitoring_import.title"),
    maxMb: IMPORT_MAX_BYTES / 2 ** 20,
    maxValues: IMPORT_MAX_VALUES,
    // Years as text: a number would be shown with a digit group ("1.950").
    firstPeriod: String(FIRST_PERIOD),
    lastPeriod: String(ctx.services.core.clock.now().getUTCFullYear()),
    elements: elements.map((e) => ({
      code: e.code,
      name: e.labelKey ? ctx.t(e.labelKey) : e.name,
      count: e.valueType === "count",
      dimensions: Object.entries(e.dimensions)
        .filter(([, options]) => options && options.length > 0)
        .map(([dim, options]) => ({ dim, options: options ?? [] })),
    })),
  };
}

/**
 * Step 1 (intent=preview): the uploaded file is checked; nothing is written.
 * Step 2 (intent=commit): the previewed file comes back (base64 in a hidden field, as in the
 * directory import) and is imported all-or-nothing; the service checks it again.
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
  const importer = ctx.services.monitoringImport;
  const file = { name, bytes };
  const showPreview = async () => {
    const preview = await importer.preview(principal, ctx.tenant.id, file);
    const result: ActionResult = {
      kind: "preview",
      preview: presentPreview(preview, ctx.t),
      file: preview.ok ? { name, base64: Buffer.from(bytes).toString("base64") } : null,
    };
    return data(result, { status: preview.ok ? 200 : 422 });
  };
  if (intent === "preview") return showPreview();
  try {
    const result = await importer.commit(principal, ctx.tenant.id, file);
    return { kind: "committed", result } satisfies ActionResult;
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

const LONG_EXAMPLE = `Gebiet;Jahr;Merkmal;Wert;Geschlecht
unna-mitte;2023;population;17900;
unna-mitte;2023;population;9120;f`;
const WIDE_EXAMPLE = `Gebiet;Jahr;population;population{sex:f};population{age:65+}
unna-mitte;2023;17900;9120;4800`;

export default function MonitoringImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff/monitoring/data">{t("monitoring_import.back_to_data")}</Link>
      </p>
      <h1>{t("monitoring_import.title")}</h1>
      <p>{t("monitoring_import.intro")}</p>

      {result?.kind === "committed" ? (
        <Notice kind="success">
          <p>
            {t("monitoring_import.committed", {
              values: result.result.values,
              created: result.result.created,
              updated: result.result.updated,
              unchanged: result.result.unchanged,
            })}
          </p>
          {result.result.reopened.length ? (
            <p>{t("monitoring_import.committed_reopened", { periods: result.result.reopened.join(", ") })}</p>
          ) : null}
          <p>
            <Link to="/staff/monitoring/data">{t("monitoring_import.to_data")}</Link>
          </p>
        </Notice>
      ) : null}
      {result?.kind === "error" ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{result.message}</p>
        </div>
      ) : null}

      <section aria-labelledby="import-formats-title" className="monitoring-import-formats">
        <h2 id="import-formats-title">{t("monitoring_import.formats_title")}</h2>
        <h3>{t("monitoring_import.long_title")}</h3>
        <p>{t("monitoring_import.long_text")}</p>
        <pre dir="ltr">
          <code>{LONG_EXAMPLE}</code>
        </pre>
        <h3>{t("monitoring_import.wide_title")}</h3>
        <p>{t("monitoring_import.wide_text")}</p>
        <pre dir="ltr">
          <code>{WIDE_EXAMPLE}</code>
        </pre>
        <ul>
          <li>{t("monitoring_import.rule_numbers")}</li>
          <li>{t("monitoring_import.rule_counts")}</li>
          <li>
            {t("monitoring_import.rule_periods", {
              first: loaderData.firstPeriod,
              last: loaderData.lastPeriod,
            })}
          </li>
          <li>{t("monitoring_import.rule_all_or_nothing")}</li>
        </ul>
        <p>
          <a href="/api/v1/monitoring/import/template.csv" download>
            {t("monitoring_import.template")}
          </a>
        </p>
        <details>
          <summary>{t("monitoring_import.elements_caption")}</summary>
          <div className="table-wrap">
            <table>
              <caption>{t("monitoring_import.elements_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring_import.col_code")}</th>
                  <th scope="col">{t("monitoring_import.col_name")}</th>
                  <th scope="col">{t("monitoring_import.col_type")}</th>
                  <th scope="col">{t("monitoring_import.col_breakdowns")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.elements.map((e) => (
                  <tr key={e.code}>
                    <th scope="row">
                      <code>{e.code}</code>
                    </th>
                    <td>{e.name}</td>
                    <td>{t(e.count ? "monitoring_import.type_count" : "monitoring_import.type_number")}</td>
                    <td>
                      {e.dimensions.map((d) => (
                        <span key={d.dim} className="monitoring-import-dim">
                          <code>{d.dim}</code>: <code>{d.options.join(" | ")}</code>{" "}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <Form method="post" encType="multipart/form-data">
        {result?.kind === "empty" ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <p>{t("monitoring_import.nothing_chosen")}</p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t("monitoring_import.file")}</label>
          <p className="hint" id="import-file-hint">
            {t("monitoring_import.file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxValues })}
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
          {t("monitoring_import.preview")}
        </button>
      </Form>

      {result?.kind === "preview" ? <Preview result={result} busy={busy} /> : null}
    </>
  );
}

function Preview({ result, busy }: { result: Extract<ActionResult, { kind: "preview" }>; busy: boolean }) {
  const t = useT();
  const { preview } = result;
  const reopens = preview.periods.filter((p) => p.reopens).map((p) => p.period);
  return (
    <section aria-labelledby="import-preview-title" className="monitoring-import-preview">
      <h2 id="import-preview-title">{t("monitoring_import.preview_title")}</h2>
      {preview.fileFormat ? (
        <p className="hint">
          {t("monitoring_import.file_read", {
            format: preview.fileFormat.toUpperCase(),
            encoding: preview.encoding ?? "–",
            layout: preview.layout ?? "–",
          })}
        </p>
      ) : null}
      {preview.ok ? (
        <Notice kind="info">
          <p>{t("monitoring_import.preview_ok", { values: preview.valueCount })}</p>
        </Notice>
      ) : (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("monitoring_import.preview_errors", { count: preview.errorCount })}</p>
        </div>
      )}

      {preview.errors.length ? (
        <div className="table-wrap">
          <table className="monitoring-import-errors">
            <caption>
              {t("monitoring_import.errors_caption")}
              {preview.errorCount > preview.errors.length
                ? ` ${t("monitoring_import.errors_capped", { shown: preview.errors.length, total: preview.errorCount })}`
                : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("monitoring_import.col_row")}</th>
                <th scope="col">{t("monitoring_import.col_column")}</th>
                <th scope="col">{t("monitoring_import.col_message")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((e, i) => (
                <tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is static; a row can have several errors
                  key={i}
                  data-row={e.row ?? ""}
                  data-column={e.column ?? ""}
                >
                  <th scope="row">{e.row ?? t("monitoring_import.whole_file")}</th>
                  <td>{e.column ? <code>{e.column}</code> : "–"}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {preview.ok ? (
        <>
          <div className="table-wrap">
            <table className="monitoring-import-summary">
              <caption>{t("monitoring_import.summary_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring_import.col_period")}</th>
                  <th scope="col">{t("monitoring_import.col_status")}</th>
                  <th scope="col">{t("monitoring_import.col_new")}</th>
                  <th scope="col">{t("monitoring_import.col_changed")}</th>
                  <th scope="col">{t("monitoring_import.col_unchanged")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.periods.map((p) => (
                  <tr key={p.period} data-period={p.period}>
                    <th scope="row">{p.period}</th>
                    <td>
                      {t(`monitoring_import.status_${p.status}`)}
                      {p.reopens ? ` — ${t("monitoring_import.reopens")}` : ""}
                    </td>
                    <td>{p.new}</td>
                    <td>{p.changed}</td>
                    <td>{p.unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reopens.length ? (
            <Notice kind="warning">
              <p>{t("monitoring_import.reopen_warning", { periods: reopens.join(", ") })}</p>
            </Notice>
          ) : null}
          <div className="table-wrap">
            <table className="monitoring-import-rows">
              <caption>
                {t("monitoring_import.rows_caption", {
                  shown: preview.rows.length,
                  total: preview.valueCount,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring_import.col_row")}</th>
                  <th scope="col">{t("monitoring_import.col_area")}</th>
                  <th scope="col">{t("monitoring_import.col_period")}</th>
                  <th scope="col">{t("monitoring_import.col_element")}</th>
                  <th scope="col">{t("monitoring_import.col_breakdown")}</th>
                  <th scope="col">{t("monitoring_import.col_value")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={`${r.row}:${r.element}:${r.breakdown}`}>
                    <th scope="row">{r.row}</th>
                    <td>
                      <code>{r.area}</code>
                    </td>
                    <td>{r.period}</td>
                    <td>
                      <code>{r.element}</code>
                    </td>
                    <td>{r.breakdown ? <code>{r.breakdown}</code> : t("monitoring_import.total")}</td>
                    <td>{r.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {preview.ok && result.file ? (
        <Form method="post">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="filename" value={result.file.name} />
          <input type="hidden" name="content" value={result.file.base64} />
          <button type="submit" disabled={busy}>
            {t("monitoring_import.commit", { values: preview.valueCount })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
