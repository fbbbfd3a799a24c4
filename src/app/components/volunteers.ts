/** Display helpers of the volunteer pool's pages. */

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
