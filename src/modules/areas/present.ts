import type { Translate } from "#app/i18n/translator.ts";
import type { AreaLevel } from "./levels.ts";
import type { ImportAction, ImportAnalysis, ImportIssue } from "./validate.ts";

/** An import preview with messages in the reader's language (API responses and the import page). */
export type ImportPreviewView = {
  ok: boolean;
  counts: ImportAnalysis["counts"];
  fileErrors: { field: string; code: string; message: string }[];
  features: {
    index: number;
    code: string | null;
    name: string | null;
    level: AreaLevel | null;
    parent: string | null;
    approximate: boolean;
    action: ImportAction;
    errors: { field: string; code: string; message: string }[];
  }[];
};

function issue(t: Translate, e: ImportIssue) {
  return { field: e.field, code: e.code, message: t(`validation.${e.code}`, e.params) };
}

export function presentPreview(analysis: ImportAnalysis, t: Translate): ImportPreviewView {
  return {
    ok: analysis.ok,
    counts: analysis.counts,
    fileErrors: analysis.fileErrors.map((e) => issue(t, e)),
    features: analysis.features.map((f) => ({
      index: f.index,
      code: f.code,
      name: f.name,
      level: f.level,
      parent: f.parentCode,
      approximate: f.approximate,
      action: f.action,
      errors: f.errors.map((e) => issue(t, e)),
    })),
  };
}
