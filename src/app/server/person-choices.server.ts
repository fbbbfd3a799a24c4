import { SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import { SPOKEN_LANGUAGES } from "#app/modules/directory/spoken-languages.ts";

/** A choice of a person's picker: the code it posts and its name in the reader's language. */
export type Choice = { value: string; label: string };
export type PersonChoices = { countries: Choice[]; languages: Choice[] };

/**
 * Codes ICU names that are no nationality: historic states, unions, reserved and
 * pseudo-regions. XK (Kosovo) stays; XX (stateless) and ZZ (unknown) get the catalog's words.
 */
const NOT_A_NATIONALITY = new Set(
  "AC AN BU CP CS DD DG EA EU EZ FX IC QO SU TA TP UN XA XB YD YU ZR ZZ".split(" "),
);

/** Every ISO 3166-1 alpha-2 code ICU can name (the same test as the contract's `nationalityCode`). */
const COUNTRY_CODES: string[] = (() => {
  const en = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const out: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!NOT_A_NATIONALITY.has(code) && en.of(code) !== code) out.push(code);
    }
  return out;
})();

const cache = new Map<string, PersonChoices>();

function named(codes: Iterable<string>, type: "region" | "language", lang: string): Choice[] {
  const names = new Intl.DisplayNames([lang, SOURCE_LANGUAGE], { type, fallback: "code" });
  const collator = new Intl.Collator(lang);
  return [...codes]
    .map((value) => {
      try {
        return { value, label: names.of(value) ?? value };
      } catch {
        return { value, label: value };
      }
    })
    .sort((a, b) => collator.compare(a.label, b.label));
}

/**
 * Countries and languages of the person fields, named on the server in the reader's language
 * (as the root names languages, so the hydrated page shows the same text; decision 093).
 * `extra` adds codes a stored person has that the lists lack, so editing never drops them.
 */
export function personChoices(
  lang: string,
  t: Translate,
  extra: { languages?: string[] } = {},
): PersonChoices {
  let base = cache.get(lang);
  if (!base) {
    base = {
      countries: [
        ...named(COUNTRY_CODES, "region", lang),
        { value: "XX", label: t("cases.nationality_stateless") },
        { value: "ZZ", label: t("cases.nationality_unknown") },
      ],
      languages: named(SPOKEN_LANGUAGES, "language", lang),
    };
    cache.set(lang, base);
  }
  const known = new Set(base.languages.map((l) => l.value));
  const missing = (extra.languages ?? []).filter((c) => c && !known.has(c));
  if (!missing.length) return base;
  return { ...base, languages: [...base.languages, ...named(new Set(missing), "language", lang)] };
}
