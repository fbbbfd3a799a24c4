import type { Translate } from "#app/i18n/translator.ts";
import type { ImportPreviewView } from "./contracts.ts";
import type { UploadAnalysis } from "./upload.ts";
import type { ImportAnalysis, ImportIssue } from "./validate.ts";

export type { ImportPreviewView } from "./contracts.ts";

function issue(t: Translate, e: ImportIssue) {
  return { field: e.field, code: e.code, message: t(`validation.${e.code}`, e.params) };
}

/** The preview in the reader's language; GIS details (source, warnings, repairs) when the import read a file. */
export function presentPreview(analysis: ImportAnalysis | UploadAnalysis, t: Translate): ImportPreviewView {
  const extras = "extras" in analysis ? analysis.extras : undefined;
  return {
    ok: analysis.ok,
    counts: analysis.counts,
    fileErrors: analysis.fileErrors.map((e) => issue(t, e)),
    features: analysis.features.map((f) => {
      const x = extras?.[f.index];
      return {
        index: f.index,
        code: f.code,
        name: f.name,
        level: f.level,
        parent: f.parentCode,
        approximate: f.approximate,
        action: f.action,
        errors: f.errors.map((e) => issue(t, e)),
        ...(x
          ? {
              warnings: x.warnings.map((e) => issue(t, e)),
              repair: x.repair && {
                ...x.repair,
                message: t(
                  x.repair.applied ? "validation.gis_repair_applied" : "validation.gis_repair_proposed",
                  {
                    fixes: x.repair.fixes.map((fix) => t(`validation.gis_fix_${fix}`)).join(", "),
                  },
                ),
              },
            }
          : {}),
      };
    }),
    ...("source" in analysis && analysis.source ? { source: analysis.source } : {}),
  };
}
