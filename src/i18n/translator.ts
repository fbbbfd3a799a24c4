import { IntlMessageFormat } from "intl-messageformat";
import { type PublicLanguage, SOURCE_LANGUAGE } from "./languages.ts";

/** Flat catalog: "namespace.key" → ICU MessageFormat string. */
export type Messages = Record<string, string>;
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

const cache = new Map<string, IntlMessageFormat>();

/**
 * Formats ICU messages. A key missing in the language falls back to German; the
 * catalog check (npm run i18n:check) keeps that from happening in a release.
 */
export function createTranslator(lang: PublicLanguage, messages: Messages, fallback?: Messages): Translate {
  return (key, values) => {
    let pattern = messages[key];
    let locale: string = lang;
    if (pattern === undefined && fallback) {
      pattern = fallback[key];
      locale = SOURCE_LANGUAGE;
    }
    if (pattern === undefined) return key;
    const cacheKey = `${locale}\u0000${pattern}`;
    let fmt = cache.get(cacheKey);
    if (!fmt) {
      fmt = new IntlMessageFormat(pattern, locale);
      if (cache.size > 5000) cache.clear();
      cache.set(cacheKey, fmt);
    }
    const out = fmt.format(values as Record<string, string | number | Date>);
    return Array.isArray(out) ? out.join("") : String(out);
  };
}
