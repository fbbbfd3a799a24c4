/**
 * A private address typed into free text (issue 20, bad input): found so the form can warn and
 * offer to move it into the protected field. Heuristic for German addresses: a street name with
 * a usual suffix ("Hansastraße 12a", "Am Markt 3", "Kamener Str. 4") or a postcode with a town.
 */
const SUFFIXES = [
  "straße",
  "strasse",
  "str\\.",
  "weg",
  "gasse",
  "platz",
  "allee",
  "ring",
  "damm",
  "pfad",
  "ufer",
  "wall",
  "steig",
  "chaussee",
  "markt",
];
// Lower case in a compound ("Hansastraße"), capitalised after an adjective ("Kamener Straße").
const SUFFIX = `(?:${SUFFIXES.flatMap((s) => [s, s[0]!.toUpperCase() + s.slice(1)]).join("|")})`;
const NUMBER = "\\d{1,4}\\s?[a-zA-Z]?(?:\\s?[-/]\\s?\\d{1,4}[a-zA-Z]?)?";
const WORD = "[A-ZÄÖÜ][\\p{L}.-]*";
const PATTERNS = [
  // "Am Markt 3", "An der Linnert 12", "Zur Alten Mühle 7"
  new RegExp(
    `(?<![\\p{L}])(?:Am|An der|Auf der|Im|In der|Zum|Zur)\\s(?:${WORD}\\s)?${WORD}\\s${NUMBER}(?![\\p{L}\\d])`,
    "gu",
  ),
  // "Hansastraße 12", "Kamener Straße 4", "Kamener Str. 4"
  new RegExp(`(?<![\\p{L}])(?:[A-ZÄÖÜ]\\p{L}*er\\s)?\\p{L}*${SUFFIX}\\s${NUMBER}(?![\\p{L}\\d])`, "gu"),
  // "59423 Unna"
  new RegExp(`(?<!\\d)\\d{5}\\s${WORD}`, "gu"),
];

export type AddressHit = { start: number; end: number; text: string };

export function findAddresses(text: string): AddressHit[] {
  const hits: AddressHit[] = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!hits.some((h) => start < h.end && end > h.start)) hits.push({ start, end, text: m[0] });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The text with each address replaced by `placeholder`, and the addresses removed from it. */
export function moveAddresses(text: string, placeholder: string): { text: string; moved: string[] } {
  const hits = findAddresses(text);
  let out = "";
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + placeholder;
    at = h.end;
  }
  return { text: out + text.slice(at), moved: hits.map((h) => h.text) };
}
