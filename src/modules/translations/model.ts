/**
 * The translated-content pattern's public model (decision 011): content languages, statuses,
 * and the shapes other modules receive. Browser-safe: no table definitions, no database.
 */
import type { ContentLanguage, TranslationStatus } from "./languages.ts";

export * from "./languages.ts";

/** Which record a translated text belongs to. */
export type EntityRef = { tenantId: string; entityType: string; entityId: string };

/** A text as a reader gets it: in the language asked for, or the next one along the fallback chain. */
export type ResolvedText = {
  text: string;
  /** The language the text is actually in. */
  lang: ContentLanguage;
  status: TranslationStatus;
  /** True when the text is not in the requested language. */
  isFallback: boolean;
};

/** One language of one field, for translation overviews and editors. */
export type TranslationCell = {
  lang: ContentLanguage;
  /** "missing" when there is no row. */
  status: TranslationStatus;
  text: string | null;
  /** 0 when there is no row yet (send 0 to create it). */
  version: number;
};

export const MAX_TRANSLATED_TEXT = 20_000;
