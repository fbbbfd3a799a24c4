import type { Translate } from "#app/i18n/translator.ts";
import type { ImportPreviewView } from "./contracts.ts";
import type { ImportAnalysis, ImportIssue } from "./validate.ts";

export type { ImportPreviewView } from "./contracts.ts";

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
