import type { FieldError } from "../../server/errors.ts";

/**
 * Column layout (German headers; the English aliases and the keys work too; order is free;
 * unknown columns are an error so that a typo is not silently ignored):
 *
 * | Träger (organization)*        | name of an existing organization of the directory             |
 * | Ort (place)*                   | name of the place                                             |
 * | Straße (street), PLZ (postcode), Stadt (city)                                                  |
 * | Breitengrad (latitude)*, Längengrad (longitude)* | WGS84, "51.5366" or "51,5366"             |
 * | Sprachen am Ort (place languages) | ISO 639 codes, e.g. "de, ar, tr"                           |
 * | Angebot (offer)                | title of the offer (empty: the row is a place only)           |
 * | Kurzbeschreibung (summary)     |                                                               |
 * | Kategorien (categories)        | keys or German names of framework terms, separated by ","    |
 * | Öffnungszeiten (opening hours) | "Mo-Do 16:00-19:00; Fr 9-12"                                  |
 * | Sprachen (languages)           | languages of the offer                                        |
 * | Kostenlos (free), Kinderbetreuung (childcare) | ja/nein                                       |
 * | Telefon (phone), E-Mail (email) | contact of the offer                                         |
 */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export const IMPORT_COLUMNS = [
  { key: "organization", de: "Träger", en: "organization", required: true },
  { key: "place", de: "Ort", en: "place", required: true },
  { key: "street", de: "Straße", en: "street", required: false },
  { key: "postcode", de: "PLZ", en: "postcode", required: false },
  { key: "city", de: "Stadt", en: "city", required: false },
  { key: "lat", de: "Breitengrad", en: "latitude", required: true },
  { key: "lon", de: "Längengrad", en: "longitude", required: true },
  { key: "placeLanguages", de: "Sprachen am Ort", en: "place languages", required: false },
  { key: "offer", de: "Angebot", en: "offer", required: false },
  { key: "summary", de: "Kurzbeschreibung", en: "summary", required: false },
  { key: "categories", de: "Kategorien", en: "categories", required: false },
  { key: "hours", de: "Öffnungszeiten", en: "opening hours", required: false },
  { key: "languages", de: "Sprachen", en: "languages", required: false },
  { key: "free", de: "Kostenlos", en: "free", required: false },
  { key: "childcare", de: "Kinderbetreuung", en: "childcare", required: false },
  { key: "phone", de: "Telefon", en: "phone", required: false },
  { key: "email", de: "E-Mail", en: "email", required: false },
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]["key"];

/** The downloadable template: the header and one example row (UTF-8 with BOM, ";" for German Excel). */
export function importTemplateCsv(): string {
  const example: Record<ImportColumn, string> = {
    organization: "IN VIA Unna e.V.",
    place: "Café Chili",
    street: "Südring 17",
    postcode: "59423",
    city: "Unna",
    lat: "51,5305",
    lon: "7,6905",
    placeLanguages: "de",
    offer: "Café Chili",
    summary: "Offener Treff für Jugendliche",
    categories: "freizeit-austausch, bildung-beruf",
    hours: "Mo-Do 16:00-19:00",
    languages: "de",
    free: "ja",
    childcare: "nein",
    phone: "02303 / 98 612-11",
    email: "",
  };
  const cell = (s: string) => (/[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${IMPORT_COLUMNS.map((c) => cell(c.de)).join(";")}\r\n${IMPORT_COLUMNS.map((c) => cell(example[c.key])).join(";")}\r\n`;
}

export const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
export const foldHeader = (s: string) =>
  fold(s.replace(/ä/gi, "ae").replace(/ö/gi, "oe").replace(/ü/gi, "ue"));
export const HEADER_INDEX = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) for (const h of [c.key, c.de, c.en]) HEADER_INDEX.set(foldHeader(h), c.key);

export type ImportIssue = {
  column: ImportColumn | "file";
  code: string;
  params?: Record<string, string | number>;
};

/** Maps a zod field path of the place/offer input to the import column. */
function columnOf(kind: "place" | "offer", path: string): ImportColumn {
  const head = path.split(".")[0];
  if (kind === "place") {
    return (
      (
        {
          name: "place",
          street: "street",
          postcode: "postcode",
          city: "city",
          lat: "lat",
          lon: "lon",
          languages: "placeLanguages",
        } as const
      )[head as "name"] ?? "place"
    );
  }
  if (head === "contacts") return path.includes("email") ? "email" : "phone";
  return (
    (
      {
        title: "offer",
        summary: "summary",
        openingHours: "hours",
        languages: "languages",
        termIds: "categories",
        free: "free",
        childcare: "childcare",
      } as const
    )[head as "title"] ?? "offer"
  );
}

export function issuesOf(kind: "place" | "offer", fields: FieldError[]): ImportIssue[] {
  return fields.map((f) => ({
    column: columnOf(kind, f.field),
    code: f.code,
    ...(f.params ? { params: f.params as Record<string, string | number> } : {}),
  }));
}
