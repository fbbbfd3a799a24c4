/**
 * Languages in XLSForm column headers (`label::English (en)`, `label::ar`, `label::Arabic`) and
 * settings: read into BCP-47 codes, written as "English (en)".
 */
import { SPOKEN_LANGUAGES } from "../directory/spoken-languages.ts";

export const isLanguageCode = (s: string) => /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(s);

function canonicalCode(code: string): string {
  const c = code.replace(/_/g, "-");
  try {
    return Intl.getCanonicalLocales(c)[0] ?? c.toLowerCase();
  } catch {
    return c.toLowerCase();
  }
}

export function displayName(code: string, inLanguage: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: "language", fallback: "none" }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

let languageNames: Map<string, string> | undefined;
/** Language names (English, German and the language's own name, lower case) → code. */
function namesToCodes(): Map<string, string> {
  if (languageNames) return languageNames;
  const map = new Map<string, string>();
  for (const code of SPOKEN_LANGUAGES) {
    for (const inLang of ["en", "de", code]) {
      const name = displayName(code, inLang)?.toLowerCase();
      if (name && !map.has(name)) map.set(name, code);
    }
  }
  for (const [name, code] of [
    ["farsi", "fa"],
    ["persian", "fa"],
    ["deutsch", "de"],
    ["kurdish", "ku"],
    ["kurmanji", "ku"],
    ["sorani", "ckb"],
    ["dari", "prs"],
    ["romani", "rom"],
  ] as const)
    map.set(name, code);
  languageNames = map;
  return map;
}

/**
 * The language of a column suffix: "English (en)" → "en", "ar" → "ar", "Arabic" → "ar",
 * "Deutsch" → "de"; a name Lotse does not know is kept as given.
 */
export function languageOf(spec: string): string {
  const s = spec.trim();
  const inParens = /\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s*\)\s*$/.exec(s);
  if (inParens) return canonicalCode(inParens[1]!);
  if (isLanguageCode(s)) return canonicalCode(s);
  return namesToCodes().get(s.toLowerCase()) ?? s;
}

/** How a language is written after `::` (and in settings default_language): "English (en)". */
export function languageSpec(lang: string): string {
  if (!isLanguageCode(lang)) return lang;
  const name = displayName(lang, "en");
  return name ? `${name} (${lang})` : lang;
}
