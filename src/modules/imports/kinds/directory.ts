import { isAppError } from "../../../server/errors.ts";
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  type ImportAnalysis,
  type ImportService,
} from "../../directory/types.ts";
import { emptyResult, type ImportRunResult, MAX_ISSUES, PREVIEW_ROWS, type RowIssue } from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

/**
 * The directory import (CSV/XLSX of places and offers) as a run: rows are the spreadsheet's rows
 * (the header is row 1), columns its German headers. The run's starter was authorised with
 * `directory.import` by the imports module; the job calls the service as the system.
 */
export function directoryImportRunner(importer: Pick<ImportService, "asSystem">): ImportKindRunner {
  const { asSystem } = importer;
  return {
    permission: "directory.import",
    maxBytes: IMPORT_MAX_BYTES,
    async preview(tenantId, upload, filename, progress) {
      const analysis = await asSystem.preview(tenantId, upload, filename);
      await progress(analysis.rows.length, analysis.rows.length);
      return toResult(analysis);
    },
    async commit(tenantId, upload, filename, progress) {
      try {
        const written = await asSystem.commit(tenantId, upload, filename);
        await progress(written.places + written.offers, written.places + written.offers);
        return { ...emptyResult(true), committed: { ...written } };
      } catch (e) {
        // Changed between preview and commit so that the file no longer fits: nothing written.
        const preview = isAppError(e) && e.code === "validation_failed" ? e.extra?.preview : undefined;
        if (preview) return toResult(preview as ImportAnalysis);
        throw e;
      }
    },
  };
}

/** The file's own header for a column key (German, as in the template). */
const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)?.de ?? key;

function toResult(a: ImportAnalysis): ImportRunResult {
  const issues: RowIssue[] = [];
  for (const r of a.rows) {
    for (const e of r.errors)
      issues.push({ row: r.row, column: header(e.column), code: `validation.${e.code}`, params: e.params });
  }
  const shown = [...a.rows]
    .sort((x, y) => Number(y.errors.length > 0) - Number(x.errors.length > 0) || x.row - y.row)
    .slice(0, PREVIEW_ROWS);
  return {
    ok: a.ok,
    fileIssues: a.fileErrors.map((e) => ({ code: `validation.${e.code}`, params: e.params })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, issues.length - MAX_ISSUES),
    counts: { ...a.counts },
    columns: ["interchange.column_place", "interchange.column_offer", "interchange.col_action"],
    rows: shown.map((r) => ({
      row: r.row,
      cells: [r.place ?? "", r.offer ?? "", { code: `interchange.action_${r.action}` }],
      invalid: r.errors.length > 0,
    })),
    totalRows: a.rows.length,
    committed: null,
  };
}
