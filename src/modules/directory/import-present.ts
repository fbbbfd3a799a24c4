import type { Translate } from "#app/i18n/translator.ts";
import type { ImportAnalysis, ImportIssue } from "./import.ts";
import { IMPORT_COLUMNS } from "./import-columns.ts";

/** An import preview with column names and messages in the reader's language. */
export type ImportPreviewView = Omit<ImportAnalysis, "fileErrors" | "rows"> & {
  fileErrors: { code: string; message: string }[];
  rows: (Omit<ImportAnalysis["rows"][number], "errors"> & {
    errors: { column: string; columnLabel: string; code: string; message: string }[];
  })[];
};

/** The column's header in the file (German), with its name in the reader's language. */
export function columnLabel(t: Translate, column: string): string {
  const c = IMPORT_COLUMNS.find((x) => x.key === column);
  return c ? `${t(`interchange.column_${c.key}`)} („${c.de}“)` : t("interchange.column_file");
}

function message(t: Translate, e: ImportIssue) {
  return t(`validation.${e.code}`, e.params);
}

export function presentImport(a: ImportAnalysis, t: Translate): ImportPreviewView {
  return {
    ...a,
    fileErrors: a.fileErrors.map((e) => ({ code: e.code, message: message(t, e) })),
    rows: a.rows.map((r) => ({
      ...r,
      errors: r.errors.map((e) => ({
        column: e.column,
        columnLabel: columnLabel(t, e.column),
        code: e.code,
        message: message(t, e),
      })),
    })),
  };
}
