import { LANGUAGE_CODES, SOURCE_LANGUAGE } from "../../i18n/languages.ts";

/**
 * Languages of translated *content* (offers, places, framework terms …). The UI languages plus
 * "de-simple" (Einfache Sprache), a German variant written for readers with little German.
 * German ("de") is always the source; every other language is a translation of it.
 */
export const CONTENT_LANGUAGES = [...LANGUAGE_CODES, "de-simple"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
export const CONTENT_SOURCE_LANGUAGE = SOURCE_LANGUAGE;

/** Languages a translation can be written in (all but the source). */
export const TARGET_LANGUAGES = CONTENT_LANGUAGES.filter((l) => l !== CONTENT_SOURCE_LANGUAGE);

export function isContentLanguage(value: unknown): value is ContentLanguage {
  return typeof value === "string" && (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * missing: no usable text yet; machine: machine-translated, unchecked; draft: written by a person,
 * not yet reviewed; reviewed: checked by a second person; outdated: the German source changed
 * after this translation was made.
 */
export const TRANSLATION_STATUSES = ["missing", "machine", "draft", "reviewed", "outdated"] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];
/** What a person (or a machine-translation job) may set; missing/outdated are set by the system. */
export const SETTABLE_STATUSES = ["machine", "draft", "reviewed"] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/**
 * Fallback chains: which languages to try, in order, after the requested one and before German.
 * The default is deliberately empty for every language: a reader who asked for Ukrainian gets
 * German (the source, always correct) rather than Russian, which many Ukrainians do not want to
 * be shown. A deployment that wants e.g. uk → ru or fa → en passes its own chains to resolve().
 * Only "de-simple" falls back to nothing but German, its own source.
 */
export type FallbackChains = Partial<Record<ContentLanguage, readonly ContentLanguage[]>>;
export const DEFAULT_FALLBACK_CHAINS: FallbackChains = {};

/** The languages to try for `lang`, in order, ending with German and without repeats. */
export function fallbackChain(
  lang: ContentLanguage,
  chains: FallbackChains = DEFAULT_FALLBACK_CHAINS,
): ContentLanguage[] {
  const out: ContentLanguage[] = [];
  for (const l of [lang, ...(chains[lang] ?? []), CONTENT_SOURCE_LANGUAGE] as ContentLanguage[]) {
    if (!out.includes(l)) out.push(l);
  }
  return out;
}
