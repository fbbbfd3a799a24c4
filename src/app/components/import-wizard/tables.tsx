import type { Cell, ImportRunResult } from "#app/modules/imports/model.ts";
import { useT } from "../../i18n.tsx";

/** The errors per row and column, as a table (row, column, message). */
export function IssuesTable({ result }: { result: ImportRunResult }) {
  const t = useT();
  if (!result.issues.length) return null;
  return (
    <div className="table-wrap">
      <table className="import-issues">
        <caption>
          {t("imports.issues_caption", { count: result.issues.length + result.issuesOmitted })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("imports.col_row")}</th>
            <th scope="col">{t("imports.col_column")}</th>
            <th scope="col">{t("imports.col_message")}</th>
          </tr>
        </thead>
        <tbody>
          {result.issues.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one row can repeat a column's code; the list is fixed
            <tr key={`${i.row}:${i.column}:${i.code}:${n}`}>
              <th scope="row">{i.row}</th>
              <td>
                <code>{i.column}</code>
              </td>
              <td>{t(i.code, i.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.issuesOmitted ? (
        <p className="hint">{t("imports.issues_omitted", { count: result.issuesOmitted })}</p>
      ) : null}
    </div>
  );
}

/** The file's first rows as the import reads them (rows with errors first). */
export function PreviewTable({ result }: { result: ImportRunResult }) {
  const t = useT();
  if (!result.rows.length) return null;
  const cell = (c: Cell) => (typeof c === "string" ? c : t(c.code, c.params));
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
