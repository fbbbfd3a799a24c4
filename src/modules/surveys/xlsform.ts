/**
 * XLSForm import and export (issue 5): forms from KoboToolbox or ODK come in, Lotse's forms go
 * out as standard XLSForm workbooks (sheets survey, choices, settings).
 *
 * Reading collects every problem it finds, each with sheet, 1-based row and the column header as
 * written in the file; expression and structure checks come from the form engine
 * (`checkDefinitionAt`, which names the node or choice) and are mapped back to its row.
 *
 * Lotse's own question types are written in plain XLSForm, so other tools can read the file and
 * Lotse reads it back into the same definition:
 * - yes_no ⇄ `select_one yes_no` with a choice list `yes_no` holding exactly `yes` and `no`;
 * - matrix ⇄ `begin_group` with appearance `table-list` whose rows are all `select_one` of one list;
 * - language_level ⇄ `begin_repeat` with appearance `lotse-language-level` holding exactly two
 *   rows, `select_one lotse_languages` (named `<name>_lang`) and `select_one lotse_cefr`
 *   (named `<name>_level`). On import any names are accepted for the two rows.
 * The generated lists (`yes_no` unless the form has its own, `lotse_languages`, `lotse_cefr`) are
 * dropped again on import when nothing else refers to them.
 */
import ExcelJS from "exceljs";
import { SPOKEN_LANGUAGES } from "../directory/spoken-languages.ts";
import { checkDefinitionAt, type LocatedFormError } from "./engine.ts";
import {
  type Choice,
  type FormDefinition,
  type FormError,
  type FormNode,
  LANGUAGE_LEVELS,
  type LocalizedText,
} from "./types.ts";

export type XlsFormRead =
  | { ok: true; definition: FormDefinition; warnings: FormError[] }
  | { ok: false; errors: FormError[] };

/** Appearance marking a repeat that stands for a language_level question. */
export const LANGUAGE_LEVEL_APPEARANCE = "lotse-language-level";
const MATRIX_APPEARANCE = "table-list";
const YES_NO_LIST = "yes_no";
const LANGUAGES_LIST = "lotse_languages";
const CEFR_LIST = "lotse_cefr";

/** More rows than this in the survey sheet are refused before anything else is checked. */
const MAX_SURVEY_ROWS = 5000;
const MAX_CHOICE_ROWS = 50_000;

type Sheet = "survey" | "choices" | "settings";

// ---------------------------------------------------------------------------------------------
// Languages of `label::…` columns

const isLanguageCode = (s: string) => /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(s);

function canonicalCode(code: string): string {
  const c = code.replace(/_/g, "-");
  try {
    return Intl.getCanonicalLocales(c)[0] ?? c.toLowerCase();
  } catch {
    return c.toLowerCase();
  }
}

function displayName(code: string, inLanguage: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: "language", fallback: "none" }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

let languageNames: Map<string, string> | undefined;
/** Language names (English, German and the language's own name, lower case) → code. */
function namesToCodes(): Map<string, string> {
  if (languageNames) return languageNames;
  const map = new Map<string, string>();
  for (const code of SPOKEN_LANGUAGES) {
    for (const inLang of ["en", "de", code]) {
      const name = displayName(code, inLang)?.toLowerCase();
      if (name && !map.has(name)) map.set(name, code);
    }
  }
  for (const [name, code] of [
    ["farsi", "fa"],
    ["persian", "fa"],
    ["deutsch", "de"],
    ["kurdish", "ku"],
    ["kurmanji", "ku"],
    ["sorani", "ckb"],
    ["dari", "prs"],
    ["romani", "rom"],
  ] as const)
    map.set(name, code);
  languageNames = map;
  return map;
}

/**
 * The language of a column suffix: "English (en)" → "en", "ar" → "ar", "Arabic" → "ar",
 * "Deutsch" → "de"; a name Lotse does not know is kept as given.
 */
export function languageOf(spec: string): string {
  const s = spec.trim();
  const inParens = /\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s*\)\s*$/.exec(s);
  if (inParens) return canonicalCode(inParens[1]!);
  if (isLanguageCode(s)) return canonicalCode(s);
  return namesToCodes().get(s.toLowerCase()) ?? s;
}

/** How a language is written after `::` (and in settings default_language): "English (en)". */
function languageSpec(lang: string): string {
  if (!isLanguageCode(lang)) return lang;
  const name = displayName(lang, "en");
  return name ? `${name} (${lang})` : lang;
}

// ---------------------------------------------------------------------------------------------
// Reading sheets

/** The text of a cell; booleans as "true"/"false" (a TRUE typed into `required`). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText))
      return v.richText.map((r) => String(r.text ?? "")).join("");
    if ("formula" in v || "sharedFormula" in v)
      return "result" in v ? cellText(v.result as ExcelJS.CellValue) : "";
    if ("text" in v) return cellText(v.text as ExcelJS.CellValue);
    if ("error" in v) return "";
  }
  return String(v);
}

type Column = {
  index: number;
  /** The header as written in the file. */
  header: string;
  /** Normalised column name: lower case, spaces → "_", aliases resolved ("relevance" → "relevant"). */
  key: string;
  /** The part after "::", as written. */
  suffix?: string;
};
type DataRow = { row: number; cells: Map<number, string> };
type SheetData = { headerRow: number; columns: Column[]; rows: DataRow[] };

const COLUMN_ALIASES: Record<string, string> = {
  relevance: "relevant",
  calculate: "calculation",
  "jr:constraintmsg": "constraint_message",
  "jr:requiredmsg": "required_message",
  "jr:count": "repeat_count",
  "jr:choice_name": "choice_name",
  list: "list_name",
  id_string: "form_id",
};

function parseHeader(raw: string, index: number): Column | null {
  const header = raw.trim();
  if (header === "") return null;
  const at = header.indexOf("::");
  let base = (at >= 0 ? header.slice(0, at) : header).trim().toLowerCase().replace(/\s+/g, "_");
  let suffix = at >= 0 ? header.slice(at + 2).trim() : undefined;
  // pyxform also accepts "bind::relevant", "control::jr:count", "body::appearance".
  if ((base === "bind" || base === "control" || base === "body") && suffix) {
    base = suffix.toLowerCase().replace(/\s+/g, "_");
    suffix = undefined;
  }
  const key = Object.hasOwn(COLUMN_ALIASES, base) ? COLUMN_ALIASES[base]! : base;
  return suffix === undefined ? { index, header, key } : { index, header, key, suffix };
}

function readSheet(ws: ExcelJS.Worksheet, maxRows: number): SheetData | "too_many" | null {
  let header: Column[] | null = null;
  let headerRow = 0;
  const rows: DataRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    if (!header) {
      const cols: Column[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const c = parseHeader(cellText(cell.value), col);
        if (c) cols.push(c);
      });
      if (cols.length > 0) {
        header = cols;
        headerRow = rowNumber;
      }
      return;
    }
    const cells = new Map<number, string>();
    for (const c of header) {
      const text = cellText(row.getCell(c.index).value).trim();
      if (text !== "") cells.set(c.index, text);
    }
    if (cells.size === 0) return;
    if (rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ row: rowNumber, cells });
  });
  if (tooMany) return "too_many";
  return header ? { headerRow, columns: header, rows } : null;
}

const LOCALIZED_KEYS = ["label", "hint", "required_message", "constraint_message"] as const;
const PLAIN_KEYS = [
  "type",
  "name",
  "required",
  "relevant",
  "constraint",
  "calculation",
  "default",
  "appearance",
  "repeat_count",
  "lotse_need",
] as const;
type PlainKey = (typeof PLAIN_KEYS)[number];

/** Where each field of a sheet is: plain columns by key, localized columns by key and language. */
class Layout {
  plain = new Map<string, Column>();
  localized = new Map<string, { column: Column; lang: string }[]>();
  /** Languages of the localized columns, in column order. */
  columnLanguages: string[] = [];
  /** Languages with at least one text in this sheet. */
  languages = new Set<string>();

  constructor(
    data: SheetData,
    localizedKeys: readonly string[],
    plainKeys: readonly string[],
    defaultLanguage: string,
  ) {
    for (const c of data.columns) {
      if (localizedKeys.includes(c.key)) {
        const lang = c.suffix === undefined ? defaultLanguage : languageOf(c.suffix);
        if (lang === "__proto__") continue; // not a language, and not a safe object key
        const list = this.localized.get(c.key) ?? [];
        list.push({ column: c, lang });
        this.localized.set(c.key, list);
      } else if (plainKeys.includes(c.key) && c.suffix === undefined && !this.plain.has(c.key)) {
        this.plain.set(c.key, c);
      }
    }
    const ordered = [...this.localized.values()].flat().sort((a, b) => a.column.index - b.column.index);
    for (const { column, lang } of ordered) {
      if (!this.columnLanguages.includes(lang)) this.columnLanguages.push(lang);
      if (data.rows.some((r) => r.cells.has(column.index))) this.languages.add(lang);
    }
  }

  get(r: DataRow, key: string): string {
    const c = this.plain.get(key);
    return c ? (r.cells.get(c.index) ?? "") : "";
  }

  text(r: DataRow, key: string): LocalizedText | undefined {
    const out: LocalizedText = {};
    for (const { column, lang } of this.localized.get(key) ?? []) {
      const v = r.cells.get(column.index);
      if (v !== undefined && out[lang] === undefined) out[lang] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** The header to name in an error about `key` (for localized fields: the default language's). */
  header(key: string, lang?: string): string {
    const plain = this.plain.get(key);
    if (plain) return plain.header;
    const list = this.localized.get(key) ?? [];
    return (list.find((l) => l.lang === lang) ?? list[0])?.column.header ?? key;
  }
}

function findSheet(wb: ExcelJS.Workbook, name: Sheet): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);
}

// ---------------------------------------------------------------------------------------------
// Survey rows → nodes

const METADATA_TYPES = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "username",
  "simserial",
  "subscriberid",
  "phonenumber",
  "email",
  "audit",
  "start-geopoint",
  "background-audio",
]);
const SIMPLE_TYPES: Record<string, FormNode["type"]> = {
  text: "text",
  string: "text",
  integer: "integer",
  int: "integer",
  decimal: "decimal",
  date: "date",
  note: "note",
  calculate: "calculate",
  yes_no: "yes_no",
};

type ParsedType =
  | { kind: "begin"; type: "group" | "repeat" }
  | { kind: "end"; type: "group" | "repeat" }
  | { kind: "question"; type: FormNode["type"]; listName?: string; orOther?: boolean }
  | { kind: "metadata" }
  | { kind: "unknown" };

function parseType(raw: string): ParsedType {
  const t = raw.trim().replace(/\s+/g, " ");
  const lower = t.toLowerCase();
  const be = /^(begin|end)[ _](group|repeat)$/.exec(lower);
  if (be) return { kind: be[1] as "begin" | "end", type: be[2] as "group" | "repeat" };
  const simple = Object.hasOwn(SIMPLE_TYPES, lower) ? SIMPLE_TYPES[lower] : undefined;
  if (simple) return { kind: "question", type: simple };
  if (METADATA_TYPES.has(lower)) return { kind: "metadata" };
  const sel =
    /^(select_one|select one|select_multiple|select multiple|select all that apply)(?: (.*))?$/i.exec(t);
  if (sel) {
    const type = sel[1]!.toLowerCase().includes("one") ? "select_one" : "select_multiple";
    const rest = (sel[2] ?? "").split(" ").filter((x) => x !== "");
    // no list: the engine reports list_missing for the node
    if (rest.length === 0) return { kind: "question", type };
    if (rest.length === 1) return { kind: "question", type, listName: rest[0]! };
    if (rest.length === 2 && rest[1]!.toLowerCase() === "or_other")
      return { kind: "question", type, listName: rest[0]!, orOther: true };
  }
  return { kind: "unknown" };
}

const TRUE_WORDS = new Set(["yes", "y", "true", "true()", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "false()", "0"]);

function parseRequired(raw: string): boolean | string | undefined {
  const s = raw.trim();
  if (s === "" || FALSE_WORDS.has(s.toLowerCase())) return undefined;
  if (TRUE_WORDS.has(s.toLowerCase())) return true;
  return s;
}

const appearanceTokens = (a: string | undefined) => (a ?? "").split(/\s+/).filter((x) => x !== "");

function withoutToken(appearance: string | undefined, token: string): string | undefined {
  const rest = appearanceTokens(appearance).filter((t) => t.toLowerCase() !== token);
  return rest.length > 0 ? rest.join(" ") : undefined;
}

const hasToken = (appearance: string | undefined, token: string) =>
  appearanceTokens(appearance).some((t) => t.toLowerCase() === token);

/** Walks every node, parents before children, with its parent. */
function walk(
  nodes: FormNode[],
  visit: (node: FormNode, parent: FormNode | null) => void,
  parent: FormNode | null = null,
) {
  for (const n of nodes) {
    visit(n, parent);
    if (n.children) walk(n.children, visit, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Built-in choice lists (written on export, recognised and dropped on import)

const YES_NO_LABELS: Record<"yes" | "no", LocalizedText> = {
  yes: { de: "Ja", en: "Yes", ar: "نعم", tr: "Evet", ru: "Да", uk: "Так", fa: "بله" },
  no: { de: "Nein", en: "No", ar: "لا", tr: "Hayır", ru: "Нет", uk: "Ні", fa: "خیر" },
};
const CEFR_LABELS: Partial<Record<(typeof LANGUAGE_LEVELS)[number], LocalizedText>> = {
  native: {
    de: "Muttersprache",
    en: "Native language",
    ar: "اللغة الأم",
    tr: "Ana dil",
    ru: "Родной язык",
    uk: "Рідна мова",
    fa: "زبان مادری",
  },
  none: {
    de: "Keine Kenntnisse",
    en: "No knowledge",
    ar: "لا توجد معرفة",
    tr: "Bilgisi yok",
    ru: "Нет знаний",
    uk: "Немає знань",
    fa: "بدون آشنایی",
  },
};
const LANGUAGE_ROW_LABEL: LocalizedText = {
  de: "Sprache",
  en: "Language",
  ar: "اللغة",
  tr: "Dil",
  ru: "Язык",
  uk: "Мова",
  fa: "زبان",
};
const LEVEL_ROW_LABEL: LocalizedText = {
  de: "Niveau",
  en: "Level",
  ar: "المستوى",
  tr: "Seviye",
  ru: "Уровень",
  uk: "Рівень",
  fa: "سطح",
};

const baseLanguage = (lang: string) => lang.split("-")[0]!.toLowerCase();

/** A built-in text in each of the form's languages (English where Lotse has no translation). */
function builtIn(
  texts: LocalizedText,
  def: Pick<FormDefinition, "languages" | "defaultLanguage">,
): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of def.languages) {
    const l = lang === "default" ? def.defaultLanguage : lang;
    out[lang] = texts[l] ?? texts[baseLanguage(l)] ?? texts.en ?? "";
  }
  return out;
}

function languageLabel(
  code: string,
  def: Pick<FormDefinition, "languages" | "defaultLanguage">,
): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of def.languages) {
    const l = lang === "default" ? def.defaultLanguage : lang;
    out[lang] = displayName(code, l) ?? displayName(code, "en") ?? code;
  }
  return out;
}

function yesNoList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return (["yes", "no"] as const).map((name) => ({ name, label: builtIn(YES_NO_LABELS[name], def) }));
}
function cefrList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return LANGUAGE_LEVELS.map((name) => {
    const texts = CEFR_LABELS[name];
    return {
      name,
      label: texts ? builtIn(texts, def) : Object.fromEntries(def.languages.map((l) => [l, name])),
    };
  });
}
function languagesList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return SPOKEN_LANGUAGES.map((code) => ({ name: code, label: languageLabel(code, def) }));
}

const sameChoices = (a: Choice[], b: Choice[]) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------
// Import

/** Reads an XLSForm workbook. Never throws: unreadable bytes give `file_unreadable`. */
export async function readXlsForm(bytes: Uint8Array): Promise<XlsFormRead> {
  try {
    return await readWorkbook(bytes);
  } catch {
    return { ok: false, errors: [{ code: "file_unreadable" }] };
  }
}

async function readWorkbook(bytes: Uint8Array): Promise<XlsFormRead> {
  const isZip =
    bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) return { ok: false, errors: [{ code: "file_unreadable" }] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return { ok: false, errors: [{ code: "file_unreadable" }] };
  }

  const settings = readSettings(wb);
  const { defaultLanguage } = settings;

  // survey (required)
  const surveyWs = findSheet(wb, "survey");
  if (!surveyWs) return { ok: false, errors: [{ code: "sheet_missing", sheet: "survey" }] };
  const survey = readSheet(surveyWs, MAX_SURVEY_ROWS);
  if (survey === "too_many")
    return {
      ok: false,
      errors: [{ code: "too_many_questions", sheet: "survey", detail: String(MAX_SURVEY_ROWS) }],
    };
  if (!survey)
    return { ok: false, errors: [{ code: "column_missing", sheet: "survey", row: 1, column: "type" }] };
  const layout = new Layout(survey, LOCALIZED_KEYS, PLAIN_KEYS, defaultLanguage);
  const missing = (["type", "name"] as const).filter((k) => !layout.plain.has(k));
  if (missing.length > 0)
    return {
      ok: false,
      errors: missing.map((k) => ({
        code: "column_missing",
        sheet: "survey",
        row: survey.headerRow,
        column: k,
      })),
    };

  // choices (required when a select is used)
  const choicesWs = findSheet(wb, "choices");
  const choicesData = choicesWs ? readSheet(choicesWs, MAX_CHOICE_ROWS) : null;
  if (choicesData === "too_many")
    return {
      ok: false,
      errors: [{ code: "too_many_questions", sheet: "choices", detail: String(MAX_CHOICE_ROWS) }],
    };
  const choiceLayout = choicesData
    ? new Layout(choicesData, ["label"], ["list_name", "name"], defaultLanguage)
    : null;

  // the languages that have a text anywhere, in the order of their columns (survey, then choices)
  const withText = new Set([...layout.languages, ...(choiceLayout?.languages ?? [])]);
  const languages = [
    ...new Set([...layout.columnLanguages, ...(choiceLayout?.columnLanguages ?? [])]),
  ].filter((l) => withText.has(l));

  const errors: FormError[] = [];
  const warnings: FormError[] = [];
  const { nodes, rowOf, usesSelect } = readSurvey(survey, layout, errors, warnings);
  if (usesSelect && !choicesData) errors.push({ code: "sheet_missing", sheet: "choices" });
  const choiceRows = new Map<string, number[]>();
  const choices =
    choicesData && choiceLayout ? readChoices(choicesData, choiceLayout, errors, choiceRows) : {};

  const definition: FormDefinition = {
    formId: settings.formId || "form",
    title: settings.title,
    defaultLanguage,
    languages,
    nodes,
    choices,
  };
  if (settings.version !== undefined) definition.version = settings.version;
  decodeLotseTypes(definition);

  // the engine's checks, mapped back to rows
  const ctx = { rowOf, layout, choiceRows, choiceLayout, lang: defaultLanguage };
  for (const e of checkDefinitionAt(definition)) {
    const mapped = locate(e, ctx);
    if (!isDuplicate(mapped, errors)) errors.push(mapped);
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, definition, warnings: sortErrors(warnings) };
}

type Settings = { defaultLanguage: string; formId: string; version?: string; title: LocalizedText };

/** The settings sheet (optional): a header row and one row of values. */
function readSettings(wb: ExcelJS.Workbook): Settings {
  const out: Settings = { defaultLanguage: "default", formId: "", title: {} };
  const ws = findSheet(wb, "settings");
  const data = ws ? readSheet(ws, MAX_CHOICE_ROWS) : null;
  const values = data && data !== "too_many" ? data.rows[0] : undefined;
  if (!data || data === "too_many" || !values) return out;
  const titles: { suffix: string | undefined; text: string }[] = [];
  for (const c of data.columns) {
    const v = values.cells.get(c.index) ?? "";
    if (v === "") continue;
    if (c.key === "default_language" && c.suffix === undefined) out.defaultLanguage = languageOf(v);
    else if (c.key === "form_id" && c.suffix === undefined) out.formId = v;
    else if (c.key === "version" && c.suffix === undefined) out.version = v;
    else if (c.key === "form_title") titles.push({ suffix: c.suffix, text: v });
  }
  for (const { suffix, text } of titles) {
    const lang = suffix === undefined ? out.defaultLanguage : languageOf(suffix);
    if (out.title[lang] === undefined) out.title[lang] = text;
  }
  return out;
}

/** Survey rows → the node tree, with each node's row; structure problems go to `errors`. */
function readSurvey(survey: SheetData, layout: Layout, errors: FormError[], warnings: FormError[]) {
  const rowOf = new Map<FormNode, number>();
  const nodes: FormNode[] = [];
  const stack: { node: FormNode; row: number }[] = [];
  const typeHeader = layout.header("type");
  const nameHeader = layout.header("name");
  const err = (code: FormError["code"], row: number, detail?: string, column = typeHeader) =>
    errors.push(
      detail === undefined
        ? { code, sheet: "survey", row, column }
        : { code, sheet: "survey", row, column, detail },
    );
  const warn = (row: number, detail: string) =>
    warnings.push({ code: "type_unknown", sheet: "survey", row, column: typeHeader, detail });
  const known = new Set<string>([...PLAIN_KEYS, ...LOCALIZED_KEYS]);
  const recognised = survey.columns.filter((c) => known.has(c.key)).map((c) => c.index);
  let usesSelect = false;

  for (const r of survey.rows) {
    const rawType = layout.get(r, "type");
    if (rawType === "") {
      // a row with text only in columns Lotse does not read (comments) is a blank row
      if (recognised.some((i) => r.cells.has(i))) err("type_unknown", r.row);
      continue;
    }
    const t = parseType(rawType);
    if (t.kind === "end") {
      const top = stack[stack.length - 1];
      if (top && top.node.type === t.type) {
        stack.pop();
        if ((top.node.children ?? []).length === 0) err("group_empty", top.row, top.node.name);
      } else err("group_unopened", r.row, rawType);
      continue;
    }
    if (t.kind === "metadata") {
      warn(r.row, rawType);
      continue;
    }
    if (t.kind === "unknown") {
      err("type_unknown", r.row, rawType);
      continue;
    }
    const name = layout.get(r, "name");
    if (name === "") err("name_missing", r.row, undefined, nameHeader);
    const node = buildNode(t.type, name, r, layout);
    if (t.kind === "question" && t.listName) {
      node.listName = t.listName;
      usesSelect = true;
      if (t.orOther) warn(r.row, "or_other");
    }
    if (t.kind === "begin") node.children = [];
    rowOf.set(node, r.row);
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children!.push(node);
    else nodes.push(node);
    if (t.kind === "begin") stack.push({ node, row: r.row });
  }
  for (const open of stack) err("group_unclosed", open.row, open.node.name);
  return { nodes, rowOf, usesSelect };
}

/** Choices rows → lists; problems (missing names, duplicates) go to `errors`. */
function readChoices(
  data: SheetData,
  layout: Layout,
  errors: FormError[],
  rowsOut: Map<string, number[]>,
): Record<string, Choice[]> {
  const choices = new Map<string, Choice[]>();
  const missing = (["list_name", "name"] as const).filter((k) => !layout.plain.has(k));
  for (const k of missing)
    errors.push({ code: "column_missing", sheet: "choices", row: data.headerRow, column: k });
  if (missing.length > 0) return {};
  for (const r of data.rows) {
    const list = layout.get(r, "list_name");
    const name = layout.get(r, "name");
    const label = layout.text(r, "label");
    if (list === "" && name === "" && !label) continue; // text only in columns Lotse does not read
    if (list === "") {
      errors.push({ code: "list_missing", sheet: "choices", row: r.row, column: layout.header("list_name") });
      continue;
    }
    const at = { sheet: "choices" as const, row: r.row, column: layout.header("name") };
    if (name === "") {
      errors.push({ code: "choice_name_missing", ...at, detail: list });
      continue;
    }
    const items = choices.get(list) ?? [];
    items.push({ name, label: label ?? {} });
    choices.set(list, items);
    const rows = rowsOut.get(list) ?? [];
    rows.push(r.row);
    rowsOut.set(list, rows);
  }
  return Object.fromEntries(choices);
}

/**
 * Recognises Lotse's own types in their standard-XLSForm encoding (see the module comment) and
 * drops the choice lists that were only there for them.
 */
function decodeLotseTypes(def: FormDefinition) {
  const { nodes, choices } = def;
  let yesNoFound = false;
  let languageLevelFound = false;
  const matrixRows = new Set<FormNode>();
  walk(nodes, (n) => {
    if (n.type !== "group" || !hasToken(n.appearance, MATRIX_APPEARANCE)) return;
    const kids = n.children ?? [];
    const list = kids[0]?.listName;
    if (!list || !kids.every((k) => k.type === "select_one" && k.listName === list && !k.children)) return;
    n.type = "matrix";
    n.listName = list;
    setAppearance(n, withoutToken(n.appearance, MATRIX_APPEARANCE));
    for (const k of kids) matrixRows.add(k);
  });
  walk(nodes, (n) => {
    if (n.type !== "repeat" || !hasToken(n.appearance, LANGUAGE_LEVEL_APPEARANCE)) return;
    const kids = n.children ?? [];
    const lists = kids.map((k) => (k.type === "select_one" ? k.listName : undefined)).sort();
    if (kids.length !== 2 || lists[0] !== CEFR_LIST || lists[1] !== LANGUAGES_LIST) return;
    n.type = "language_level";
    delete n.children;
    setAppearance(n, withoutToken(n.appearance, LANGUAGE_LEVEL_APPEARANCE));
    languageLevelFound = true;
  });
  const yesNo = choices[YES_NO_LIST];
  if (yesNo?.length === 2 && yesNo.some((c) => c.name === "yes") && yesNo.some((c) => c.name === "no")) {
    walk(nodes, (n) => {
      if (n.type === "select_one" && n.listName === YES_NO_LIST && !matrixRows.has(n)) {
        n.type = "yes_no";
        delete n.listName;
        yesNoFound = true;
      }
    });
  }
  const referenced = new Set<string>();
  walk(nodes, (n) => {
    if (n.listName) referenced.add(n.listName);
  });
  // A yes_no list of the form's own (other labels) stays, so that it is written out again.
  if (yesNoFound && yesNo && !referenced.has(YES_NO_LIST) && sameChoices(yesNo, yesNoList(def)))
    delete choices[YES_NO_LIST];
  if (languageLevelFound)
    for (const l of [LANGUAGES_LIST, CEFR_LIST]) if (!referenced.has(l)) delete choices[l];
}

function setAppearance(n: FormNode, appearance: string | undefined) {
  if (appearance) n.appearance = appearance;
  else delete n.appearance;
}

function buildNode(type: FormNode["type"], name: string, r: DataRow, layout: Layout): FormNode {
  const node: FormNode = { type, name };
  const label = layout.text(r, "label");
  if (label) node.label = label;
  const hint = layout.text(r, "hint");
  if (hint) node.hint = hint;
  const required = parseRequired(layout.get(r, "required"));
  if (required !== undefined) node.required = required;
  const requiredMessage = layout.text(r, "required_message");
  if (requiredMessage) node.requiredMessage = requiredMessage;
  const plain: [
    PlainKey,
    "relevant" | "constraint" | "calculation" | "default" | "appearance" | "repeatCount" | "need",
  ][] = [
    ["relevant", "relevant"],
    ["constraint", "constraint"],
    ["calculation", "calculation"],
    ["default", "default"],
    ["appearance", "appearance"],
    ["repeat_count", "repeatCount"],
    ["lotse_need", "need"],
  ];
  for (const [col, field] of plain) {
    const v = layout.get(r, col);
    if (v !== "") node[field] = v;
  }
  const constraintMessage = layout.text(r, "constraint_message");
  if (constraintMessage) node.constraintMessage = constraintMessage;
  return node;
}

type LocateContext = {
  rowOf: Map<FormNode, number>;
  layout: Layout;
  choiceRows: Map<string, number[]>;
  choiceLayout: Layout | null;
  /** The default language: its label column is named in label errors. */
  lang: string;
};

/**
 * Puts sheet, row and column on an engine problem: the row of the node (or choice) it concerns,
 * the column as headed in the file (the default language's for label columns).
 */
function locate(located: LocatedFormError, ctx: LocateContext): FormError {
  const { code, column = "type", detail } = located.error;
  const at = (sheet: Sheet, row: number | undefined, header: string | undefined): FormError => {
    const out: FormError = { code, sheet };
    if (row !== undefined) out.row = row;
    if (row !== undefined && header !== undefined) out.column = header;
    if (detail !== undefined) out.detail = detail;
    return out;
  };
  if (located.choice && ctx.choiceLayout)
    return at(
      "choices",
      ctx.choiceRows.get(located.choice.list)?.[located.choice.index],
      ctx.choiceLayout.header(column, ctx.lang),
    );
  const row = located.node ? ctx.rowOf.get(located.node) : undefined;
  return at("survey", row, ctx.layout.header(column, ctx.lang));
}

const isDuplicate = (e: FormError, list: FormError[]) =>
  list.some(
    (x) =>
      x.sheet === e.sheet &&
      x.row === e.row &&
      (x.code === e.code || (x.code === "name_missing" && e.code === "name_invalid")),
  );

const SHEET_ORDER: Record<string, number> = { survey: 0, choices: 1, settings: 2 };
function sortErrors(list: FormError[]): FormError[] {
  return list
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        (SHEET_ORDER[a.e.sheet ?? ""] ?? 3) - (SHEET_ORDER[b.e.sheet ?? ""] ?? 3) ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.e);
}

// ---------------------------------------------------------------------------------------------
// Export

/** Writes a definition as an XLSForm workbook (.xlsx with sheets survey, choices, settings). */
export async function writeXlsForm(def: FormDefinition): Promise<Uint8Array> {
  const languages = [...def.languages];
  const seen = (t: LocalizedText | undefined) => {
    for (const l of Object.keys(t ?? {})) if (!languages.includes(l)) languages.push(l);
  };
  walk(def.nodes, (n) => {
    seen(n.label);
    seen(n.hint);
    seen(n.requiredMessage);
    seen(n.constraintMessage);
  });
  for (const list of Object.values(def.choices)) for (const c of list) seen(c.label);
  const shape = { languages, defaultLanguage: def.defaultLanguage };

  const localizedHeader = (key: string, lang: string) =>
    lang === "default" && def.defaultLanguage === "default" ? key : `${key}::${languageSpec(lang)}`;

  // survey rows as column key → text
  const rows: Record<string, string>[] = [];
  let usesYesNo = false;
  let usesLanguageLevel = false;
  const put = (row: Record<string, string>, key: string, text: LocalizedText | undefined) => {
    for (const [lang, v] of Object.entries(text ?? {})) if (v !== "") row[localizedHeader(key, lang)] = v;
  };
  const nodeRow = (n: FormNode, type: string, appearance: string | undefined): Record<string, string> => {
    const row: Record<string, string> = { type, name: n.name };
    put(row, "label", n.label);
    put(row, "hint", n.hint);
    if (n.required === true) row.required = "yes";
    else if (typeof n.required === "string" && n.required.trim() !== "") row.required = n.required;
    put(row, "required_message", n.requiredMessage);
    if (n.relevant) row.relevant = n.relevant;
    if (n.constraint) row.constraint = n.constraint;
    put(row, "constraint_message", n.constraintMessage);
    if (n.calculation) row.calculation = n.calculation;
    if (n.default !== undefined && n.default !== "") row.default = n.default;
    if (appearance) row.appearance = appearance;
    if (n.repeatCount) row.repeat_count = n.repeatCount;
    if (n.need) row.lotse_need = n.need;
    return row;
  };
  const withToken = (token: string, appearance: string | undefined) =>
    [token, ...appearanceTokens(appearance).filter((t) => t.toLowerCase() !== token)].join(" ");

  const emit = (list: FormNode[]) => {
    for (const n of list) {
      switch (n.type) {
        case "group":
        case "repeat":
          rows.push(nodeRow(n, `begin_${n.type}`, n.appearance));
          emit(n.children ?? []);
          rows.push({ type: `end_${n.type}` });
          break;
        case "matrix":
          rows.push(nodeRow(n, "begin_group", withToken(MATRIX_APPEARANCE, n.appearance)));
          for (const c of n.children ?? [])
            rows.push(nodeRow(c, `select_one ${c.listName ?? n.listName ?? ""}`.trim(), c.appearance));
          rows.push({ type: "end_group" });
          break;
        case "language_level":
          usesLanguageLevel = true;
          rows.push(nodeRow(n, "begin_repeat", withToken(LANGUAGE_LEVEL_APPEARANCE, n.appearance)));
          rows.push(
            nodeRow(
              { type: "select_one", name: `${n.name}_lang`, label: builtIn(LANGUAGE_ROW_LABEL, shape) },
              `select_one ${LANGUAGES_LIST}`,
              "minimal",
            ),
          );
          rows.push(
            nodeRow(
              { type: "select_one", name: `${n.name}_level`, label: builtIn(LEVEL_ROW_LABEL, shape) },
              `select_one ${CEFR_LIST}`,
              undefined,
            ),
          );
          rows.push({ type: "end_repeat" });
          break;
        case "yes_no":
          usesYesNo = true;
          rows.push(nodeRow(n, `select_one ${YES_NO_LIST}`, n.appearance));
          break;
        case "select_one":
        case "select_multiple":
          rows.push(nodeRow(n, `${n.type} ${n.listName ?? ""}`.trim(), n.appearance));
          break;
        default:
          rows.push(nodeRow(n, n.type, n.appearance));
      }
    }
  };
  emit(def.nodes);

  const wb = new ExcelJS.Workbook();
  wb.creator = "Lotse";
  const surveyWs = wb.addWorksheet("survey");
  const choicesWs = wb.addWorksheet("choices");
  const settingsWs = wb.addWorksheet("settings");

  const localizedColumns = (key: string, always: boolean) =>
    languages
      .map((l) => localizedHeader(key, l))
      .filter((h) => always || rows.some((r) => r[h] !== undefined));
  const plainColumn = (key: string) => (rows.some((r) => r[key] !== undefined) ? [key] : []);
  const surveyColumns = [
    "type",
    "name",
    ...localizedColumns("label", true),
    ...localizedColumns("hint", false),
    ...plainColumn("required"),
    ...localizedColumns("required_message", false),
    ...plainColumn("relevant"),
    ...plainColumn("constraint"),
    ...localizedColumns("constraint_message", false),
    ...plainColumn("calculation"),
    ...plainColumn("default"),
    ...plainColumn("appearance"),
    ...plainColumn("repeat_count"),
    ...plainColumn("lotse_need"),
  ];
  writeRows(
    surveyWs,
    surveyColumns,
    rows.map((r) => surveyColumns.map((c) => r[c] ?? "")),
  );

  const lists: [string, Choice[]][] = Object.entries(def.choices);
  if (usesYesNo && !def.choices[YES_NO_LIST]) lists.push([YES_NO_LIST, yesNoList(shape)]);
  if (usesLanguageLevel) {
    if (!def.choices[LANGUAGES_LIST]) lists.push([LANGUAGES_LIST, languagesList(shape)]);
    if (!def.choices[CEFR_LIST]) lists.push([CEFR_LIST, cefrList(shape)]);
  }
  const choiceLabelColumns = languages.map((l) => localizedHeader("label", l));
  const choiceRows: string[][] = [];
  for (const [list, items] of lists)
    for (const c of items) choiceRows.push([list, c.name, ...languages.map((l) => c.label[l] ?? "")]);
  writeRows(choicesWs, ["list_name", "name", ...choiceLabelColumns], choiceRows);

  const settingsHeader: string[] = [];
  const settingsValues: string[] = [];
  const setting = (h: string, v: string | undefined) => {
    if (v === undefined || v === "") return;
    settingsHeader.push(h);
    settingsValues.push(v);
  };
  setting("form_title", def.title[def.defaultLanguage]);
  for (const [lang, text] of Object.entries(def.title))
    if (lang !== def.defaultLanguage) setting(`form_title::${languageSpec(lang)}`, text);
  setting("form_id", def.formId);
  setting("version", def.version);
  if (def.defaultLanguage !== "default") setting("default_language", languageSpec(def.defaultLanguage));
  writeRows(settingsWs, settingsHeader, [settingsValues]);

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text as a worksheet can hold it: characters XML forbids (control characters) are left out —
 * with them the workbook could not be opened — and line ends become "\n", as any reader sees them.
 * A literal "_x0041_" is escaped as "_x005F_x0041_", since readers decode "_xHHHH_" (OOXML).
 */
function cellSafe(text: string): string {
  return text
    .toWellFormed()
    .replace(/\r\n?/g, "\n")
    .replace(NOT_XML, "")
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

function writeRows(ws: ExcelJS.Worksheet, header: string[], rows: string[][]) {
  ws.addRow(header.map(cellSafe)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === "" ? null : cellSafe(v))));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.min(48, Math.max(12, h.length + 2));
  });
}
