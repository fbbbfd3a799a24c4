import { isAppError } from "../../../server/errors.ts";
import { IMPORT_LIMITS, LEVEL_LABEL_KEYS } from "../../areas/model.ts";
import type { AreaService } from "../../areas/service.ts";
import { emptyResult, type ImportRunResult, MAX_ISSUES, PREVIEW_ROWS, type RowIssue } from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

const SYSTEM = { kind: "system" } as const;
type ImportAnalysis = Awaited<ReturnType<AreaService["previewImport"]>>;

/** The area import (GeoJSON) as a run: rows are features, columns their properties. */
export function areasImportRunner(
  areas: Pick<AreaService, "previewImport" | "commitImport">,
): ImportKindRunner {
  return {
    permission: "areas.import",
    maxBytes: IMPORT_LIMITS.maxBytes,
    async preview(tenantId, upload, _filename, progress) {
      const analysis = await areas.previewImport(SYSTEM, tenantId, upload.toString("utf8"));
      await progress(analysis.features.length, analysis.features.length);
      return toResult(analysis);
    },
    async commit(tenantId, upload, _filename, progress) {
      const text = upload.toString("utf8");
      try {
        const written = await areas.commitImport(SYSTEM, tenantId, text);
        const total = written.created + written.updated + written.unchanged;
        await progress(total, total);
        return { ...emptyResult(true), committed: { ...written } };
      } catch (e) {
        // Changed between preview and commit so that the file no longer fits: nothing written.
        if (isAppError(e) && e.code === "validation_failed") {
          return toResult(await areas.previewImport(SYSTEM, tenantId, text));
        }
        throw e;
      }
    },
  };
}

function toResult(a: ImportAnalysis): ImportRunResult {
  const issues: RowIssue[] = [];
  for (const f of a.features) {
    for (const e of f.errors)
      issues.push({ row: f.index + 1, column: e.field, code: `validation.${e.code}`, params: e.params });
  }
  const shown = [...a.features]
    .sort((x, y) => Number(y.errors.length > 0) - Number(x.errors.length > 0) || x.index - y.index)
    .slice(0, PREVIEW_ROWS);
  return {
    ok: a.ok,
    fileIssues: a.fileErrors.map((e) => ({ code: `validation.${e.code}`, params: e.params })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, issues.length - MAX_ISSUES),
    counts: { ...a.counts },
    columns: ["areas.col_code", "areas.col_name", "areas.col_level", "areas.col_parent", "areas.col_action"],
    rows: shown.map((f) => ({
      row: f.index + 1,
      cells: [
        f.code ?? "",
        f.name ?? "",
        f.level ? { code: LEVEL_LABEL_KEYS[f.level] } : "",
        f.parentCode ?? { code: "areas.no_parent" },
        { code: `areas.action_${f.action}` },
      ],
      invalid: f.errors.length > 0,
    })),
    totalRows: a.features.length,
    committed: null,
  };
}
