// The UI catalogs as the server reads them, so browser tests compare against real translations.
import { readCatalog } from "#app/i18n/catalogs.server.ts";
import { type PublicLanguage, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createTranslator, type Translate } from "#app/i18n/translator.ts";

export function translatorFor(lang: PublicLanguage): Translate {
  return createTranslator(lang, readCatalog(lang), readCatalog(SOURCE_LANGUAGE));
}

/** The translated message, asserting it exists in that language's own catalog (no fallback). */
export function message(lang: PublicLanguage, key: string, values?: Record<string, string | number>): string {
  if (readCatalog(lang)[key] === undefined) throw new Error(`Catalog ${lang} has no message ${key}`);
  return translatorFor(lang)(key, values);
}
