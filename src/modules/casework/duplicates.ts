/**
 * Duplicate detection for persons (decision 014). Names of people arriving from Syria,
 * Afghanistan, Ukraine, … are written in many ways: "Mohammed", "Muhammad", "Mohamed",
 * "محمد", "Мухаммед". We fold a name to a key that these spellings share:
 *
 * 1. transliterate Arabic/Persian and Cyrillic letters to Latin, drop Latin diacritics;
 * 2. lower-case, split into words (hyphens and apostrophes separate words);
 * 3. per word, a consonant skeleton: the first letter stays, later vowels (a e i o u y w) drop,
 *    digraphs fold (ph→f, kh→h, sch→sh, v→w, q→k, j→y at the start), doubled letters collapse.
 *    Arabic script writes few vowels, so its transliteration lands on the same skeleton;
 * 4. the Arabic article (al-, el-, ال) left out, words sorted, so "given family" and
 *    "family given" agree.
 *
 * The database compares keys with pg_trgm `similarity()`; a candidate also needs the same or a
 * close birth date (see repo.ts).
 */

const ARABIC: Record<string, string> = {
  ا: "a",
  أ: "a",
  إ: "i",
  آ: "a",
  ٱ: "a",
  ب: "b",
  پ: "p",
  ت: "t",
  ث: "th",
  ج: "j",
  چ: "ch",
  ح: "h",
  خ: "kh",
  د: "d",
  ذ: "dh",
  ر: "r",
  ز: "z",
  ژ: "zh",
  س: "s",
  ش: "sh",
  ص: "s",
  ض: "d",
  ط: "t",
  ظ: "z",
  ع: "",
  غ: "gh",
  ف: "f",
  ق: "q",
  ك: "k",
  ک: "k",
  گ: "g",
  ل: "l",
  م: "m",
  ن: "n",
  ه: "h",
  ة: "a",
  و: "w",
  ؤ: "",
  ي: "y",
  ی: "y",
  ى: "a",
  ئ: "y",
  ء: "",
};

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  ґ: "g",
  д: "d",
  е: "e",
  є: "ye",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  і: "i",
  ї: "yi",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

const LATIN_SPECIAL: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ı: "i",
  þ: "th",
};

/** Latin letters only, lower case, words separated by single spaces. */
export function foldName(name: string): string {
  let out = "";
  for (const ch of name.toLowerCase()) {
    if (ch in ARABIC) out += ARABIC[ch];
    else if (ch in CYRILLIC) out += CYRILLIC[ch];
    else if (ch in LATIN_SPECIAL) out += LATIN_SPECIAL[ch];
    else out += ch;
  }
  return out
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // combining marks: Latin accents, Arabic short vowels (harakat)
    .replace(/[^a-z]+/g, " ")
    .trim();
}

const ARTICLES = new Set(["al", "el", "ul"]);
const VOWELS = new Set(["a", "e", "i", "o", "u", "y", "w"]);

/** The consonant skeleton of one folded word. */
export function skeleton(word: string): string {
  let w = word
    .replace(/sch/g, "sh")
    .replace(/ph/g, "f")
    .replace(/kh/g, "h")
    .replace(/gh/g, "g")
    .replace(/dh/g, "d")
    .replace(/th/g, "t")
    .replace(/ck/g, "k")
    .replace(/q/g, "k")
    .replace(/v/g, "w");
  if (w.startsWith("j")) w = `y${w.slice(1)}`;
  if (!w) return "";
  let out = w[0]!;
  for (const c of w.slice(1)) {
    if (VOWELS.has(c)) continue;
    if (out[out.length - 1] === c) continue;
    out += c;
  }
  return out;
}

/** The key stored in persons.name_key and compared with pg_trgm similarity. */
export function nameKey(givenName: string, familyName: string): string {
  // The Arabic article is left out however it is written: "Al-Hassan", "el Hassan", "الحسن".
  const raw = `${givenName} ${familyName}`.replace(/(^|[\s-])ال/gu, "$1");
  const words = foldName(raw)
    .split(" ")
    .filter((w) => w && !ARTICLES.has(w))
    .map(skeleton)
    .filter(Boolean);
  return words.sort().join(" ");
}

/** Minimum pg_trgm similarity of two name keys for a duplicate warning. */
export const NAME_SIMILARITY = 0.5;
/** Birth dates this many days apart or less count as "close". */
export const BIRTH_DATE_SLACK_DAYS = 45;
