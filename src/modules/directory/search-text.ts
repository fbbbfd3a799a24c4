/**
 * Folding of text for the directory's search (offers.search_text, events.search_text, and the
 * reader's query). One function on both sides, so a query matches what was stored:
 * lower case, no diacritics (é → e, ä → a, Arabic harakat removed), ß → ss, the Arabic and
 * Persian letter variants merged (أ إ آ → ا, ى ی → ي, ک → ك, ة → ه), Arabic-Indic digits as
 * 0–9, every character that is not a letter or digit turned into a space. The stored form keeps
 * each word once: the search matches words (through a vocabulary with trigram similarity,
 * `search.ts`), not phrases.
 */

const ARABIC_VARIANTS: Record<string, string> = {
  "\u0623": "\u0627", // أ → ا
  "\u0625": "\u0627", // إ → ا
  "\u0622": "\u0627", // آ → ا
  "\u0671": "\u0627", // ٱ → ا
  "\u0649": "\u064A", // ى → ي
  "\u06CC": "\u064A", // ی (Persian yeh) → ي
  "\u06A9": "\u0643", // ک (Persian kaf) → ك
  "\u0629": "\u0647", // ة → ه
};
const ARABIC_VARIANT_RE = /[\u0623\u0625\u0622\u0671\u0649\u06CC\u06A9\u0629]/g;

/** Longest word kept; longer "words" (URLs, hashes) are cut. */
export const MAX_WORD_LENGTH = 64;
/** Words a query may have; more are ignored. */
export const MAX_QUERY_WORDS = 8;

/** The folded words of a text, in order, with repeats. */
function foldedWords(text: string): string[] {
  const s = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39);/g, " ")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/\u0640/g, "") // tatweel
    .replace(ARABIC_VARIANT_RE, (c) => ARABIC_VARIANTS[c] ?? c)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .normalize("NFC");
  return s
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > MAX_WORD_LENGTH ? w.slice(0, MAX_WORD_LENGTH) : w));
}

/**
 * The value of `search_text` for an entry: every text of every language, folded, each word once
 * (space-separated). Pass titles, summaries and plain-text descriptions of all languages; HTML
 * tags are dropped if any slip through.
 */
export function searchTextOf(texts: readonly (string | null | undefined)[]): string {
  const seen = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const w of foldedWords(t)) seen.add(w);
  }
  return [...seen].join(" ");
}

/** The words of a reader's query, folded the same way, each once, at most MAX_QUERY_WORDS. */
export function queryWords(q: string): string[] {
  const out: string[] = [];
  for (const w of foldedWords(q)) {
    if (w.length < 2 || out.includes(w)) continue;
    out.push(w);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}
