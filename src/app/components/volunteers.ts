/** Display helpers of the volunteer pool's pages. */

/**
 * Language codes' names in the reader's language, made by the loader on the server. A hydrating
 * page must not name them in the browser: Chromium's ICU lacks names Node's has (Arabic "ce"),
 * and a mismatch makes React render the page anew, wiping what the user has typed.
 */
export function languageNames(codes: Iterable<string>, lang: string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const code of codes) names[code] = languageName(code, lang);
  return names;
}

/** A language code's name in the reader's language ("ti" → "Tigrinya"). */
export function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Minutes after midnight as "09:30". */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
