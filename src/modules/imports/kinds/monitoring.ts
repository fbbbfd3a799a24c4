import { isAppError } from "../../../server/errors.ts";
import {
  IMPORT_MAX_BYTES,
  type ImportPreview,
  type MonitoringImportService,
} from "../../monitoring/service.ts";
import { emptyResult, type ImportRunResult, MAX_ISSUES, type RowIssue } from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

/**
 * The monitoring data import (CSV/XLSX, long or wide layout) as a run: rows are the file's rows
 * (the header is row 1), the preview shows the first values read. The run's starter was
 * authorised with `monitoring.data.manage` by the imports module; the job calls the service as
 * the system.
 */
export function monitoringImportRunner(
  importer: Pick<MonitoringImportService, "asSystem">,
): ImportKindRunner {
  const { asSystem } = importer;
  return {
    permission: "monitoring.data.manage",
    maxBytes: IMPORT_MAX_BYTES,
    async preview(tenantId, upload, filename, progress) {
      const preview = await asSystem.preview(tenantId, { name: filename, bytes: upload });
      await progress(preview.valueCount, preview.valueCount);
      return toResult(preview);
    },
    async commit(tenantId, upload, filename, progress) {
      try {
        const r = await asSystem.commit(tenantId, { name: filename, bytes: upload });
        await progress(r.values, r.values);
        const written = { values: r.values, created: r.created, updated: r.updated, unchanged: r.unchanged };
        return { ...emptyResult(true), committed: { ...written, reopened: r.reopened.length } };
      } catch (e) {
        // Changed between preview and commit so that the file no longer fits: nothing written.
        const preview = isAppError(e) && e.code === "validation_failed" ? e.extra?.preview : undefined;
        if (preview) return toResult(preview as ImportPreview);
        throw e;
      }
    },
  };
}

const message = (code: string) => `monitoring_import.error_${code}`;

function toResult(p: ImportPreview): ImportRunResult {
  const issues: RowIssue[] = [];
  const fileIssues: ImportRunResult["fileIssues"] = [];
  for (const e of p.errors) {
    if (e.row === null) fileIssues.push({ code: message(e.code), params: e.params });
    else issues.push({ row: e.row, column: e.column ?? "", code: message(e.code), params: e.params });
  }
  const sum = (k: "new" | "changed" | "unchanged") => p.periods.reduce((n, s) => n + s[k], 0);
  return {
    ok: p.ok,
    fileIssues,
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, p.errorCount - fileIssues.length - Math.min(issues.length, MAX_ISSUES)),
    counts: p.ok
      ? {
          values: p.valueCount,
          create: sum("new"),
          update: sum("changed"),
          unchanged: sum("unchanged"),
          reopened: p.periods.filter((s) => s.reopens).length,
        }
      : { invalid: p.errorCount },
    columns: [
      "monitoring_import.col_area",
      "monitoring_import.col_period",
      "monitoring_import.col_element",
      "monitoring_import.col_breakdown",
      "monitoring_import.col_value",
    ],
    rows: p.rows.map((r) => ({
      row: r.row,
      cells: [
        r.area,
        r.period,
        r.element,
        r.breakdown || { code: "monitoring_import.total" },
        String(r.value),
      ],
      invalid: false,
    })),
    totalRows: p.valueCount,
    committed: null,
  };
}
