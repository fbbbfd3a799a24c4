/**
 * Folding of text for the directory's search (offers.search_text, events.search_text, and the
 * reader's query). One function on both sides, so a query matches what was stored:
 * lower case, no diacritics (é → e, ä → a, Arabic harakat removed), ß → ss, the Arabic and
 * Persian letter variants merged (أ إ آ → ا, ى ی → ي, ک → ك, ة → ه), Arabic-Indic digits as
 * 0–9, every character that is not a letter or digit turned into a space. The stored form keeps
 * each word once: the search matches words (through a vocabulary with trigram similarity,
 * `search.ts`), not phrases.
 *
 * Arabic and Farsi words are also light-stemmed (decision 094): the stored text holds each
 * Arabic-script word and its stem, a query looks for the stem, so "دورات اللغة" (the courses of
 * the language) finds what "دورة لغة" (language course) finds.
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
    .replace(/\u200C/g, "") // zero-width non-joiner: Farsi "کلاس‌ها" is one word
    .replace(ARABIC_VARIANT_RE, (c) => ARABIC_VARIANTS[c] ?? c)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .normalize("NFC");
  return s
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > MAX_WORD_LENGTH ? w.slice(0, MAX_WORD_LENGTH) : w));
}

const ARABIC_SCRIPT_WORD = /^[\u0600-\u06FF]+$/;
/**
 * Prefixes and suffixes of the light stemmer, longest first, on folded words (ة is ه, ى and ی
 * are ي already). After Larkey's "light10" for Arabic: the article with a conjunction or
 * preposition (وال بال كال فال لل ال); the dual, plural, feminine and pronoun endings (ها ان ات
 * ون ين يه ه ي). Farsi adds the plural "های/ها" (written after a zero-width non-joiner, which
 * the folding drops) and "ان".
 */
const STEM_PREFIXES = [
  "\u0648\u0627\u0644",
  "\u0628\u0627\u0644",
  "\u0643\u0627\u0644",
  "\u0641\u0627\u0644",
  "\u0644\u0644",
  "\u0627\u0644",
];
const STEM_SUFFIXES = [
  "\u0647\u0627\u064A", // های
  "\u0647\u0627", // ها
  "\u0627\u0646", // ان
  "\u0627\u062A", // ات
  "\u0648\u0646", // ون
  "\u064A\u0646", // ين
  "\u064A\u0647", // ية, يه
  "\u0647", // ة, ه
  "\u064A", // ي
];
/** A stem keeps at least this many letters; shorter words stay as they are. */
const MIN_STEM = 2;

/**
 * The light stem of a folded Arabic-script word (other words unchanged): one article-like
 * prefix, then endings while a stem of at least two letters remains. Deliberately light: it
 * merges singular, plural and the definite form of a word at the price of a few unrelated
 * words with the same stem (مدرسة school, مدرس teacher), which a directory search can bear.
 */
export function arabicStem(word: string): string {
  if (!ARABIC_SCRIPT_WORD.test(word)) return word;
  let w = word;
  for (const p of STEM_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= MIN_STEM) {
      w = w.slice(p.length);
      break;
    }
  }
  // "و" (and) before a word of four letters or more, as light10 does.
  if (w.startsWith("\u0648") && w.length >= 4) w = w.slice(1);
  for (const suf of STEM_SUFFIXES) {
    if (w.endsWith(suf) && w.length - suf.length >= MIN_STEM) w = w.slice(0, -suf.length);
  }
  return w;
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
    for (const w of foldedWords(t)) {
      seen.add(w);
      seen.add(arabicStem(w));
    }
  }
  return [...seen].join(" ");
}

/**
 * The words of a reader's query, folded the same way (Arabic-script words as their stems), each
 * once, at most MAX_QUERY_WORDS.
 */
export function queryWords(q: string): string[] {
  const out: string[] = [];
  for (const folded of foldedWords(q)) {
    if (folded.length < 2) continue;
    const w = arabicStem(folded);
    if (out.includes(w)) continue;
    out.push(w);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}
