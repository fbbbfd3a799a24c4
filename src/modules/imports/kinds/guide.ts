import { MD_MAX_BYTES } from "../../guide/model.ts";
import type { GuideInterchange, MdAnalysis } from "../../guide/service.ts";
import { emptyResult, type ImportRunResult, MAX_ISSUES, PREVIEW_ROWS } from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

/**
 * The guide's Markdown import (a zip of pages with front matter, decision 090) as a run: a "row"
 * is the line of a file, the "column" the file's path in the archive. The run's starter was
 * authorised with `guide.interchange`; the job calls the guide as the system. The guide is built
 * after the imports in the composition root, hence the getter.
 */
export function guideImportRunner(interchange: () => Pick<GuideInterchange, "asSystem">): ImportKindRunner {
  return {
    permission: "guide.interchange",
    maxBytes: MD_MAX_BYTES,
    async preview(tenantId, upload, _filename, progress) {
      const analysis = await interchange().asSystem.preview(tenantId, upload);
      await progress(analysis.rows.length, analysis.rows.length);
      return toResult(analysis);
    },
    async commit(tenantId, upload, _filename, progress) {
      const { analysis, written } = await interchange().asSystem.commit(tenantId, upload);
      // Changed between preview and commit so that the archive no longer fits: nothing written.
      if (!written) return toResult(analysis);
      await progress(analysis.rows.length, analysis.rows.length);
      return { ...emptyResult(true), committed: { ...written } };
    },
  };
}

const message = (code: string) => `guide.${code}`;

function toResult(a: MdAnalysis): ImportRunResult {
  const issues = a.issues.map((i) => ({
    row: i.line,
    column: i.file,
    code: message(i.code),
    ...(i.params ? { params: i.params } : {}),
  }));
  const invalid = new Set(a.issues.map((i) => i.file.replace(/\.[a-zA-Z-]+\.md$/, "")));
  return {
    ok: a.ok,
    fileIssues: a.fileIssues.map((code) => ({ code: message(code) })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, issues.length - MAX_ISSUES),
    counts: a.counts,
    columns: ["guide.md_col_path", "guide.md_col_title", "guide.md_col_languages", "guide.md_col_action"],
    rows: a.rows.slice(0, PREVIEW_ROWS).map((r, i) => ({
      row: i + 1,
      cells: [r.path, r.title, r.langs.join(", "), { code: `guide.md_action_${r.action}` }],
      invalid: invalid.has(r.path),
    })),
    totalRows: a.rows.length,
    committed: null,
  };
}
