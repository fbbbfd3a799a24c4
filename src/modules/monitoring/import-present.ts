import type { Translate } from "#app/i18n/translator.ts";
import type { ImportPreview } from "./import.ts";

/** A message of an import problem in the reader's language (catalog `monitoring_import.error_<code>`). */
export function issueMessage(t: Translate, code: string, params?: Record<string, string | number>): string {
  return t(`monitoring_import.error_${code}`, params);
}

/** The preview with each problem's message in the reader's language. */
export function presentPreview(p: ImportPreview, t: Translate) {
  return { ...p, errors: p.errors.map((e) => ({ ...e, message: issueMessage(t, e.code, e.params) })) };
}
export type ImportPreviewView = ReturnType<typeof presentPreview>;
