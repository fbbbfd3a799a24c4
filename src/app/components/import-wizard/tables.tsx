import { type Cell, codedText, type ImportRunResult } from "#app/modules/imports/model.ts";
import { useT } from "../../i18n.tsx";

/** The errors (or, with `warnings`, the notes) per row and column, as a table (row, column, message). */
export function IssuesTable({ result, warnings = false }: { result: ImportRunResult; warnings?: boolean }) {
  const t = useT();
  const list = warnings ? (result.warnings ?? []) : result.issues;
  if (!list.length) return null;
  const omitted = warnings ? 0 : result.issuesOmitted;
  return (
    <div className="table-wrap">
      <table className={warnings ? "import-warnings" : "import-issues"}>
        <caption>
          {warnings
            ? t("imports.warnings_caption", { count: list.length })
            : t("imports.issues_caption", { count: list.length + omitted })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("imports.col_row")}</th>
            <th scope="col">{t("imports.col_column")}</th>
            <th scope="col">{t("imports.col_message")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one row can repeat a column's code; the list is fixed
            <tr key={`${i.row}:${i.column}:${i.code}:${n}`}>
              <th scope="row">{i.row}</th>
              <td>
                <code>{i.column}</code>
              </td>
              <td>{codedText(t, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {omitted ? <p className="hint">{t("imports.issues_omitted", { count: omitted })}</p> : null}
    </div>
  );
}

/** What the reader found in the file: its format, coordinate system, attribute mapping. */
export function Notices({ result }: { result: ImportRunResult }) {
  const t = useT();
  if (!result.notices?.length) return null;
  return (
    <section aria-labelledby="import-notices">
      <h3 id="import-notices">{t("imports.notices_title")}</h3>
      <ul className="import-notices">
        {result.notices.map((n) => (
          <li key={n.code}>{codedText(t, n)}</li>
        ))}
      </ul>
    </section>
  );
}

/** The file's first rows as the import reads them (rows with errors first). */
export function PreviewTable({ result }: { result: ImportRunResult }) {
  const t = useT();
  if (!result.rows.length) return null;
  const cell = (c: Cell) => (typeof c === "string" ? c : codedText(t, c));
  return (
    <div className="table-wrap">
      <table className="import-preview">
        <caption>
          {t("imports.preview_caption", { shown: result.rows.length, total: result.totalRows })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("imports.col_row")}</th>
            {result.columns.map((c) => (
              <th scope="col" key={c}>
                {t(c)}
              </th>
            ))}
            <th scope="col">{t("imports.col_valid")}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.row} className={r.invalid ? "row-invalid" : undefined}>
              <th scope="row">{r.row}</th>
              {r.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={i}>{cell(c)}</td>
              ))}
              <td>{r.invalid ? t("imports.row_invalid") : t("imports.row_valid")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Counts as a definition list ("neu: 3"), labels from `imports.count.*`. */
export function Counts({ counts }: { counts: Record<string, number> }) {
  const t = useT();
  return (
    <dl className="import-counts">
      {Object.entries(counts).map(([k, v]) => (
        <div key={k}>
          <dt>{t(`imports.count_${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
