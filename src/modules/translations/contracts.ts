/**
 * Contract pieces every module with translated content shares (decision 019): the language
 * and status choices, and the views of a resolved text and of one translation cell. Modules
 * build their own operations from these. Browser-safe.
 */
import { z } from "zod";
import { requiredText } from "../../server/validation.ts";
import { CONTENT_LANGUAGES, MAX_TRANSLATED_TEXT, SETTABLE_STATUSES, TRANSLATION_STATUSES } from "./model.ts";

export const contentLanguage = z.enum(CONTENT_LANGUAGES);
export const translationStatus = z.enum(TRANSLATION_STATUSES);
/** What a person may set; missing/outdated are set by the system. */
export const settableStatus = z.enum(SETTABLE_STATUSES);
/** One translated text as stored: trimmed, not empty, within the table's limit. */
export const translatedText = (max = MAX_TRANSLATED_TEXT) => requiredText(Math.min(max, MAX_TRANSLATED_TEXT));

export const resolvedTextView = z.object({
  text: z.string(),
  lang: contentLanguage,
  status: translationStatus,
  isFallback: z.boolean().meta({ description: "True when the text is not in the requested language" }),
});

export const translationCellView = z.object({
  lang: contentLanguage,
  status: translationStatus,
  text: z.string().nullable(),
  version: z.number().int().meta({ description: "0 when missing; send it back to create the translation" }),
});
