/**
 * UI languages. German is the source language; Arabic and Farsi are written right to left.
 * These are the staff app's languages and the languages a user, tenant or mail can be set to.
 */
export const LANGUAGES = [
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "tr", name: "Türkçe", dir: "ltr" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "uk", name: "Українська", dir: "ltr" },
  { code: "fa", name: "فارسی", dir: "rtl" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];
export const SOURCE_LANGUAGE: Language = "de";
export const LANGUAGE_CODES: readonly Language[] = LANGUAGES.map((l) => l.code);

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * Einfache Sprache (easy German, decision 094): a public language only. Public pages answer
 * under `/de-simple/…` and its picker entry; the staff app, users' and tenants' settings and
 * mails do not offer it. Its UI strings exist for the public namespaces (`SIMPLE_NAMESPACES`),
 * every other key comes from German.
 */
export const SIMPLE_GERMAN = "de-simple";
export type PublicLanguage = Language | typeof SIMPLE_GERMAN;

/** The public language picker, in this order: easy German right after German. */
export const PUBLIC_LANGUAGES = [
  LANGUAGES[0],
  { code: SIMPLE_GERMAN, name: "Einfache Sprache", dir: "ltr" },
  ...LANGUAGES.slice(1),
] as const;
export const PUBLIC_LANGUAGE_CODES: readonly PublicLanguage[] = PUBLIC_LANGUAGES.map((l) => l.code);

export function isPublicLanguage(value: unknown): value is PublicLanguage {
  return typeof value === "string" && (PUBLIC_LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * Catalogue namespaces written in easy German (`locales/de-simple/<ns>.json`): the public
 * layout's, the offer pages' and the public guide's (`guide_public`, decision 105). Every key
 * must be there for these; no other namespace may have a de-simple file, and their keys fall
 * back to German (`npm run i18n:check`).
 */
export const SIMPLE_NAMESPACES = ["common", "offers", "public", "pwa", "guide_public"] as const;

/**
 * Namespaces shared by staff and public pages (decision 117): `locales/de-simple/<ns>.json`
 * holds exactly the keys the public pages show (`scripts/i18n/public-keys.ts` finds them in
 * `routes/public/` and the components those import); the staff keys stay German.
 */
export const SIMPLE_PAGE_NAMESPACES = ["network", "monitoring_report", "funding", "conflicts"] as const;

/**
 * The `lang` attribute: easy German is German to browsers, screen readers (voice and
 * pronunciation follow the primary subtag) and hyphenation; the private-use subtag keeps it
 * distinguishable while staying a valid BCP 47 tag, which "de-simple" is not (no registered
 * variant "simple"). Content texts in easy German are marked the same way.
 */
export function htmlLang(lang: string): string {
  return lang === SIMPLE_GERMAN ? "de-x-simple" : lang;
}

/** The language whose ICU data formats dates, numbers and plurals: German for easy German. */
export function formatLanguage(lang: PublicLanguage): Language {
  return lang === SIMPLE_GERMAN ? SOURCE_LANGUAGE : lang;
}

export function directionOf(lang: PublicLanguage): "ltr" | "rtl" {
  return LANGUAGES.find((l) => l.code === lang)?.dir ?? "ltr";
}

/** Picks the best UI language from an Accept-Language header. */
export function negotiateLanguage(
  header: string | null | undefined,
  fallback: Language = SOURCE_LANGUAGE,
): Language {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return fallback;
}
