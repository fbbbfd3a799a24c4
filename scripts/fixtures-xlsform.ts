// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
/**
 * Writes the XLSForm fixtures in tests/fixtures/xlsform/: one small workbook per convention that
 * KoboToolbox, ODK and older XLSForm templates write and pyxform accepts (see decision 035). The
 * content is Lotse's own; the conventions (headers, type spellings, settings) are pyxform's.
 *
 *   node scripts/fixtures-xlsform.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

type Cell = string | number | boolean | null;
type Sheets = Record<string, Cell[][]>;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "tests", "fixtures", "xlsform");

export const FIXTURES: Record<string, Sheets> = {
  /** Expressions typed in a word processor: ‘ ’ and “ ” instead of plain quotes. */
  "smart-quotes": {
    survey: [
      ["type", "name", "label", "relevant", "constraint"],
      ["select_one yes_no", "consent", "Sind Sie einverstanden?", null, null],
      ["text", "district", "Stadtteil", "${consent} = ‘yes’", "string-length(.) > 1 or . = “-”"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["yes_no", "yes", "Ja"],
      ["yes_no", "no", "Nein"],
    ],
  },
  /** The same question name in two groups (one per household member), as pyxform allows. */
  "names-per-group": {
    survey: [
      ["type", "name", "label"],
      ["begin_group", "adult", "Erwachsene Person"],
      ["integer", "age", "Alter"],
      ["text", "nationality", "Staatsangehörigkeit"],
      ["end_group", null, null],
      ["begin_group", "child", "Kind"],
      ["integer", "age", "Alter"],
      ["end_group", null, null],
    ],
  },
  /** A twice-used name that an expression refers to: pyxform refuses it at the referring row. */
  "names-ambiguous": {
    survey: [
      ["type", "name", "label", "relevant"],
      ["begin_group", "adult", "Erwachsene Person", null],
      ["integer", "age", "Alter", null],
      ["end_group", null, null, null],
      ["begin_group", "child", "Kind", null],
      ["integer", "age", "Alter", null],
      ["end_group", null, null, null],
      ["text", "school", "Schule", "${age} < 18"],
    ],
  },
  /** Cascading selects over choice lists kept in CSV files (see CSV_FIXTURES). */
  "choices-from-file": {
    survey: [
      ["type", "name", "label::Deutsch (de)", "choice_filter"],
      ["select_one_from_file stadtbezirke.csv", "bezirk", "Stadtbezirk", null],
      ["select_one_from_file quartiere.csv", "quartier", "Quartier", "bezirk=${bezirk}"],
      ["select_multiple_from_file stadtbezirke.csv", "bekannt", "Welche Bezirke kennen Sie?", null],
    ],
    settings: [
      ["form_title", "form_id", "default_language"],
      ["Quartiere", "quartiere", "Deutsch (de)"],
    ],
  },
  /**
   * The other two list formats ODK Collect reads: a GeoJSON layer as QGIS exports it (value `id`,
   * label `title`) and an XML list (`<root>` of `<item>`s); with a geopoint beside them.
   */
  "choices-from-geojson-xml": {
    survey: [
      ["type", "name", "label::Deutsch (de)", "parameters"],
      ["select_one_from_file beratungsstellen.geojson", "stelle", "Beratungsstelle", null],
      ["select_one_from_file sprachen.xml", "sprache", "Sprache der Beratung", null],
      ["geopoint", "treffpunkt", "Wo sollen wir uns treffen?", null],
    ],
    settings: [
      ["form_title", "form_id", "default_language"],
      ["Beratung vor Ort", "beratung_vor_ort", "Deutsch (de)"],
    ],
  },
  /** Older templates: single-colon language headers and jr: columns. */
  "single-colon": {
    survey: [
      [
        "type",
        "name",
        "label:English",
        "label:French",
        "hint:English",
        "constraint",
        "jr:constraintMsg:English",
      ],
      [
        "integer",
        "household_size",
        "Household size",
        "Taille du ménage",
        "Everyone living here",
        ". > 0",
        "At least one",
      ],
    ],
    settings: [["default_language"], ["English"]],
  },
  /** The setting allow_choice_duplicates: one name twice in a list. */
  "choice-duplicates": {
    survey: [
      ["type", "name", "label"],
      ["select_one rooms", "room", "Raum"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["rooms", "1", "Büro 1"],
      ["rooms", "1", "Büro 1 (Nebeneingang)"],
      ["rooms", "2", "Büro 2"],
    ],
    settings: [
      ["form_title", "allow_choice_duplicates"],
      ["Räume", "yes"],
    ],
  },
  /** The same list without the setting: pyxform refuses the second "1". */
  "choice-duplicates-refused": {
    survey: [
      ["type", "name", "label"],
      ["select_one rooms", "room", "Raum"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["rooms", "1", "Büro 1"],
      ["rooms", "1", "Büro 1 (Nebeneingang)"],
    ],
  },
  /** Notes without a name (pyxform names them generated_note_name_<row>). */
  "note-without-name": {
    survey: [
      ["type", "name", "label"],
      ["note", null, "Willkommen! Die Befragung dauert etwa fünf Minuten."],
      ["text", "first_name", "Vorname"],
      ["note", null, "Vielen Dank."],
    ],
  },
  /** A choice without a label (a warning in pyxform), and choice names with spaces. */
  "choice-labels-and-spaces": {
    survey: [
      ["type", "name", "label"],
      ["select_one status", "status", "Aufenthaltsstatus"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["status", "recognised", "Anerkannt"],
      ["status", "not known", "Nicht bekannt"],
      ["status", "other", null],
    ],
  },
  /** Names with spaces in a select_multiple's list: pyxform refuses them. */
  "choice-spaces-multiple": {
    survey: [
      ["type", "name", "label"],
      ["select_multiple languages", "languages", "Sprachen"],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["languages", "de", "Deutsch"],
      ["languages", "sign language", "Gebärdensprache"],
    ],
  },
  /** Cascading selects: choice_filter over a column of the choices sheet. */
  cascading: {
    survey: [
      ["type", "name", "label", "choice_filter"],
      ["select_one district", "district", "Stadtbezirk", null],
      ["select_one quarter", "quarter", "Stadtteil", "district=${district}"],
    ],
    choices: [
      ["list_name", "name", "label", "district"],
      ["district", "mitte", "Mitte", null],
      ["district", "nord", "Nord", null],
      ["quarter", "altstadt", "Altstadt", "mitte"],
      ["quarter", "bahnhof", "Bahnhofsviertel", "mitte"],
      ["quarter", "nordstadt", "Nordstadt", "nord"],
    ],
  },
  /** Legacy type spellings (XLSForm templates before select_one / begin_group). */
  "legacy-types": {
    survey: [
      ["type", "name", "label"],
      ["begin group", "person", "Person"],
      ["select one from sex", "sex", "Geschlecht"],
      ["select all that apply from help", "help", "Wobei brauchen Sie Hilfe?"],
      ["end group", null, null],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["sex", "f", "weiblich"],
      ["sex", "m", "männlich"],
      ["sex", "d", "divers"],
      ["help", "language", "Sprache"],
      ["help", "housing", "Wohnen"],
    ],
  },
  /** time, range (with parameters, spaces around "=" as pyxform allows) and acknowledge. */
  "question-types": {
    survey: [
      ["type", "name", "label", "parameters", "required"],
      ["acknowledge", "privacy_ok", "Ich habe den Datenschutzhinweis gelesen.", null, "yes"],
      ["time", "appointment", "Uhrzeit des Termins", null, null],
      ["range", "satisfaction", "Zufriedenheit (0 bis 10)", "start=0 end=10 step=2", null],
      ["range", "default_scale", "Skala mit den Vorgaben", null, null],
      ["range", "spaced", "Skala", "start = 5; end = 1; step = -1", null],
      ["geopoint", "meeting_point", "Treffpunkt", null, null],
    ],
  },
  /** range parameters that are not numbers: pyxform refuses them. */
  "range-invalid": {
    survey: [
      ["type", "name", "label", "parameters"],
      ["range", "score", "Punkte", "start=a end=10"],
    ],
  },
  /**
   * Repeats in repeats as household surveys nest them (household → child → course): the spaced
   * spellings `begin repeat`/`end repeat` with the name repeated on the end row, a `repeat_count`
   * read from the enclosing instance, `position(..)`, a group inside the inner repeat,
   * `indexed-repeat()` from the enclosing instance (3 arguments) and from the top (5 arguments),
   * and `count()` of an inner repeat.
   */
  "nested-repeats": {
    survey: [
      ["type", "name", "label", "repeat_count", "calculation", "relevant"],
      ["begin repeat", "haushalt", "Haushalt", null, null, null],
      ["text", "haushalt_name", "Name des Haushalts", null, null, null],
      ["integer", "anzahl_kinder", "Wie viele Kinder leben im Haushalt?", null, null, null],
      ["begin repeat", "kind", "Kind", "${anzahl_kinder}", null, null],
      ["calculate", "kind_nr", null, null, "position(..)", null],
      ["text", "kind_name", "Vorname des Kindes", null, null, null],
      ["integer", "kind_alter", "Alter", null, null, null],
      ["begin group", "schule", "Schule", null, null, "${kind_alter} >= 6"],
      ["select_one ja_nein", "schulplatz", "Hat das Kind einen Schulplatz?", null, null, null],
      ["end group", "schule", null, null, null, null],
      ["begin repeat", "kurs", "Kurs", null, null, null],
      ["text", "kurs_name", "Kurs oder Verein", null, null, null],
      ["end repeat", "kurs", null, null, null, null],
      ["end repeat", "kind", null, null, null, null],
      ["calculate", "erstes_kind", null, null, "indexed-repeat(${kind_name}, ${kind}, 1)", null],
      ["calculate", "kinder_erfasst", null, null, "count(${kind})", null],
      ["end repeat", "haushalt", null, null, null, null],
      [
        "calculate",
        "h2_erstes_kind",
        null,
        null,
        "indexed-repeat(${kind_name}, ${haushalt}, 2, ${kind}, 1)",
        null,
      ],
    ],
    choices: [
      ["list_name", "name", "label"],
      ["ja_nein", "ja", "Ja"],
      ["ja_nein", "nein", "Nein"],
    ],
  },
  /** Four repeats deep: refused at the fourth repeat's row (Lotse shows three levels). */
  "nested-too-deep": {
    survey: [
      ["type", "name", "label"],
      ["begin_repeat", "r1", "Ebene 1"],
      ["begin_repeat", "r2", "Ebene 2"],
      ["begin_repeat", "r3", "Ebene 3"],
      ["begin_repeat", "r4", "Ebene 4"],
      ["text", "tief", "Text"],
      ["end_repeat", null, null],
      ["end_repeat", null, null],
      ["end_repeat", null, null],
      ["end_repeat", null, null],
    ],
  },
  /**
   * Photo, recording and document answers as KoboToolbox and ODK forms ask for them (decision
   * 116): `image` with `max-pixels` (what KoboToolbox sets by default) and pyxform's `photo`
   * alias with an `app` parameter, `audio` with `quality`, `file`, a photo per household member
   * inside a repeat, a required one behind a `relevant`, and `background-audio` (a recording of
   * the whole interview, which Lotse skips and names).
   */
  "media-answers": {
    survey: [
      ["type", "name", "label::Deutsch (de)", "label::English (en)", "parameters", "required", "relevant"],
      ["background-audio", "interview_audio", null, null, "quality=voice-only", null, null],
      [
        "select_one ja_nein",
        "hat_bescheid",
        "Liegt ein Bescheid vor?",
        "Is there a notice?",
        null,
        null,
        null,
      ],
      [
        "file",
        "bescheid",
        "Bescheid (PDF oder Foto)",
        "Notice (PDF or photo)",
        null,
        "yes",
        "${hat_bescheid} = 'ja'",
      ],
      ["image", "wohnung_foto", "Foto der Wohnung", "Photo of the flat", "max-pixels=1024", null, null],
      ["audio", "sprachnachricht", "Sprachnachricht", "Voice message", "quality=normal", null, null],
      ["begin_repeat", "mitglied", "Haushaltsmitglied", "Household member", null, null, null],
      ["text", "mitglied_name", "Name", "Name", null, null, null],
      [
        "photo",
        "ausweis_foto",
        "Foto des Ausweises",
        "Photo of the ID",
        "max-pixels=640 app=org.example.camera",
        null,
        null,
      ],
      ["end_repeat", null, null, null, null, null, null],
    ],
    choices: [
      ["list_name", "name", "label::Deutsch (de)", "label::English (en)"],
      ["ja_nein", "ja", "Ja", "Yes"],
      ["ja_nein", "nein", "Nein", "No"],
    ],
  },
  /** Parameters pyxform refuses: `max-pixels` that is no whole number, an unknown audio quality. */
  "media-parameters-invalid": {
    survey: [
      ["type", "name", "label", "parameters"],
      ["image", "foto", "Foto", "max-pixels=gross"],
      ["audio", "aufnahme", "Aufnahme", "quality=studio"],
      ["file", "dokument", "Dokument", null],
    ],
  },
  /** KoboToolbox's metadata rows, which Lotse skips and names. */
  "kobo-metadata": {
    survey: [
      ["type", "name", "label"],
      ["start", "start", null],
      ["end", "end", null],
      ["deviceid", "deviceid", null],
      ["text", "remarks", "Anmerkungen"],
    ],
  },
};

/** Old Excel (.xls, BIFF8), as XLSForm templates and many downloads still are. */
export const XLS_FIXTURES: Record<string, Sheets> = {
  household: {
    survey: [
      ["type", "name", "label:English", "label:Deutsch", "relevant"],
      ["note", null, "Household survey", "Haushaltsbefragung", null],
      ["integer", "members", "How many people live here?", "Wie viele Menschen leben hier?", null],
      ["select one from yes_no", "children", "Are there children?", "Gibt es Kinder?", "${members} > 1"],
      ["begin group", "contact", "Contact", "Kontakt", null],
      ["text", "phone", "Phone", "Telefon", null],
      ["end group", null, null, null, null],
    ],
    choices: [
      ["list name", "name", "label:English", "label:Deutsch"],
      ["yes_no", "yes", "Yes", "Ja"],
      ["yes_no", "no", "No", "Nein"],
    ],
    settings: [
      ["form_title", "form_id", "version", "default_language"],
      ["Household", "household", 2024031501, "English"],
    ],
  },
};

/**
 * Choice lists in CSV files beside a form (`select_one_from_file`), as ODK Central keeps form
 * attachments: UTF-8, comma-separated, CRLF, a header with `name` and `label`, further columns
 * for `choice_filter`.
 */
export const CSV_FIXTURES: Record<string, string[][]> = {
  "stadtbezirke.csv": [
    ["name", "label"],
    ["mitte", "Unna-Mitte"],
    ["koenigsborn", "Königsborn"],
    ["massen", "Massen"],
  ],
  "quartiere.csv": [
    ["name", "label", "bezirk"],
    ["altstadt", "Altstadt", "mitte"],
    ["bahnhof", "Bahnhofsviertel", "mitte"],
    ["nord", "Königsborn-Nord", "koenigsborn"],
    ["massen_nord", "Massen-Nord", "massen"],
  ],
};

/**
 * A point layer as QGIS's "Export → GeoJSON" writes it: a `name` and a `crs` member beside the
 * features, numbers as numbers, one feature with its own `id` and one whose `id` is a property.
 */
export const TEXT_FIXTURES: Record<string, string> = {
  "beratungsstellen.geojson": `${JSON.stringify(
    {
      type: "FeatureCollection",
      name: "beratungsstellen",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } },
      features: [
        {
          type: "Feature",
          id: "rathaus",
          properties: { title: "Bürgerbüro im Rathaus", plz: 59423, barrierefrei: true },
          geometry: { type: "Point", coordinates: [7.6891, 51.5349] },
        },
        {
          type: "Feature",
          properties: {
            id: "koenigsborn",
            title: "Stadtteilbüro Königsborn",
            plz: 59425,
            barrierefrei: false,
          },
          geometry: { type: "Point", coordinates: [7.7093, 51.5461] },
        },
      ],
    },
    null,
    2,
  )}\n`,
  "sprachen.xml": [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<root>",
    "  <item><name>de</name><label>Deutsch</label></item>",
    "  <item><name>ar</name><label>Arabisch</label></item>",
    "  <item><name>uk</name><label>Ukrainisch</label></item>",
    "</root>",
    "",
  ].join("\n"),
};

const csvText = (rows: string[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join("\r\n")}\r\n`;

async function writeXls(name: string, sheets: Sheets) {
  const XLSX = await import("@e965/xlsx");
  const wb = XLSX.utils.book_new();
  for (const [sheet, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  const bytes = XLSX.write(wb, { bookType: "biff8", type: "array" }) as ArrayBuffer;
  writeFileSync(join(out, `${name}.xls`), new Uint8Array(bytes));
}

async function write(name: string, sheets: Sheets) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Lotse fixtures";
  // a fixed date keeps the files the same from run to run
  wb.created = wb.modified = new Date("2026-01-01T00:00:00Z");
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
  }
  writeFileSync(join(out, `${name}.xlsx`), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(out, { recursive: true });
  for (const [name, sheets] of Object.entries(FIXTURES)) await write(name, sheets);
  for (const [name, sheets] of Object.entries(XLS_FIXTURES)) await writeXls(name, sheets);
  for (const [name, rows] of Object.entries(CSV_FIXTURES)) writeFileSync(join(out, name), csvText(rows));
  for (const [name, text] of Object.entries(TEXT_FIXTURES)) writeFileSync(join(out, name), text);
  console.log(`wrote ${Object.keys(FIXTURES).length + Object.keys(XLS_FIXTURES).length} workbooks to ${out}`);
}
