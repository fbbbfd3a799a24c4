import { catalogs } from "#app/i18n/catalogs.server.ts";
import { type PublicLanguage, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import type { Messages } from "#app/i18n/translator.ts";

/** The catalogue part a hydrated page sends to the browser (decision 047). */
export type PageCatalog = { messages: Messages; fallback: Messages | null };

function pick(all: Messages | undefined, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  if (!all) return out;
  const prefixes = namespaces.map((ns) => `${ns}.`);
  for (const [key, value] of Object.entries(all)) {
    if (prefixes.some((p) => key.startsWith(p))) out[key] = value;
  }
  return out;
}

/**
 * Only the namespaces a public page declares (its route handle's `namespaces`), in the reader's
 * language with German as fallback: staff-only strings never reach a public page.
 */
export function pageCatalog(lang: PublicLanguage, namespaces: readonly string[]): PageCatalog {
  const all = catalogs();
  return {
    messages: pick(all.get(lang), namespaces),
    fallback: lang === SOURCE_LANGUAGE ? null : pick(all.get(SOURCE_LANGUAGE), namespaces),
  };
}
