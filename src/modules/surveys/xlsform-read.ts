/**
 * Reading an XLSForm workbook into a form definition. Every problem found is collected with
 * sheet, 1-based row and the column header as written; the engine's checks
 * (`checkDefinitionAt`) are mapped back to their rows.
 */
import ExcelJS from "exceljs";
import { checkDefinitionAt, type LocatedFormError } from "./engine.ts";
import type { Choice, FormDefinition, FormError, FormNode, LocalizedText } from "./types.ts";
import { languageOf } from "./xlsform-languages.ts";
import { decodeLotseTypes } from "./xlsform-lotse.ts";
import { resolveNames } from "./xlsform-names.ts";
import {
  type DataRow,
  findSheet,
  Layout,
  LOCALIZED_KEYS,
  PLAIN_KEYS,
  type PlainKey,
  readSheet,
  type Sheet,
  type SheetData,
  TITLES_SHEET,
} from "./xlsform-sheet.ts";
import { isOle2, loadXls } from "./xlsform-xls.ts";

export type XlsFormRead =
  | { ok: true; definition: FormDefinition; warnings: FormError[] }
  | { ok: false; errors: FormError[] };

/** More rows than this in the survey sheet are refused before anything else is checked. */
const MAX_SURVEY_ROWS = 5000;
const MAX_CHOICE_ROWS = 50_000;

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
  time: "time",
  range: "range",
  acknowledge: "acknowledge",
  geopoint: "geopoint",
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

/** pyxform's select commands, legacy spellings included (longest first, so "from" is taken). */
const SELECT_COMMANDS: [string, "select_one" | "select_multiple"][] = [
  ["add select one prompt using", "select_one"],
  ["add select multiple prompt using", "select_multiple"],
  ["select all that apply from", "select_multiple"],
  ["select one from", "select_one"],
  ["select all that apply", "select_multiple"],
  ["select_multiple", "select_multiple"],
  ["select one", "select_one"],
  ["select_one", "select_one"],
  ["select1", "select_one"],
];
const SELECT = new RegExp(
  `^(${SELECT_COMMANDS.map(([c]) => c).join("|")})(?: (\\S+))?(?: (or specify other|or_other|or other))?$`,
  "i",
);
const CONTROL = /^(begin|end)[ _](group|repeat|lgroup|looped group)$/;

function parseType(raw: string): ParsedType {
  const t = raw.trim().replace(/\s+/g, " ");
  const lower = t.toLowerCase();
  const be = CONTROL.exec(lower);
  if (be) return { kind: be[1] as "begin" | "end", type: be[2] === "group" ? "group" : "repeat" };
  const simple = Object.hasOwn(SIMPLE_TYPES, lower) ? SIMPLE_TYPES[lower] : undefined;
  if (simple) return { kind: "question", type: simple };
  if (METADATA_TYPES.has(lower)) return { kind: "metadata" };
  const sel = SELECT.exec(t);
  if (sel) {
    const type = SELECT_COMMANDS.find(([c]) => c === sel[1]!.toLowerCase())![1];
    // no list: the engine reports list_missing for the node
    if (!sel[2]) return { kind: "question", type };
    return sel[3]
      ? { kind: "question", type, listName: sel[2], orOther: true }
      : { kind: "question", type, listName: sel[2] };
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

/** Reads an XLSForm workbook. Never throws: unreadable bytes give `file_unreadable`. */
export async function readXlsForm(bytes: Uint8Array): Promise<XlsFormRead> {
  try {
    return await readWorkbook(bytes);
  } catch {
    return { ok: false, errors: [{ code: "file_unreadable" }] };
  }
}

type Failed = { ok: false; errors: FormError[] };
const failed = (...errors: FormError[]): Failed => ({ ok: false, errors });

async function readWorkbook(bytes: Uint8Array): Promise<XlsFormRead> {
  const wb = await loadWorkbook(bytes);
  if (!wb) return failed({ code: "file_unreadable" });
  const settings = readSettings(wb);
  const { defaultLanguage } = settings;
  const survey = surveySheet(wb, defaultLanguage);
  if (!survey.ok) return survey;
  const { data, layout } = survey;
  const choicesSheet = findSheet(wb, "choices");
  const choicesData = choicesSheet ? readSheet(choicesSheet, MAX_CHOICE_ROWS) : null;
  if (choicesData === "too_many")
    return failed({ code: "too_many_questions", sheet: "choices", detail: String(MAX_CHOICE_ROWS) });
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
  const { nodes, rowOf, usesSelect } = readSurvey(data, layout, errors, warnings);
  // choices are required when a select is used
  if (usesSelect && !choicesData) errors.push({ code: "sheet_missing", sheet: "choices" });
  const choiceRows = new Map<string, number[]>();
  const choices =
    choicesData && choiceLayout
      ? readChoices(choicesData, choiceLayout, {
          errors,
          warnings,
          rowsOut: choiceRows,
          lang: defaultLanguage,
        })
      : {};

  const definition: FormDefinition = {
    formId: settings.formId || "form",
    title: settings.title,
    defaultLanguage,
    languages,
    nodes,
    choices,
  };
  if (settings.version !== undefined) definition.version = settings.version;
  if (settings.allowChoiceDuplicates) definition.allowChoiceDuplicates = true;
  decodeLotseTypes(definition);
  const ambiguous = resolveNames(nodes, rowOf, layout, errors, warnings);

  // the engine's checks, mapped back to rows
  const ctx = { rowOf, layout, choiceRows, choiceLayout, lang: defaultLanguage };
  for (const e of checkDefinitionAt(definition)) {
    if (e.error.code === "name_duplicate" && ambiguous.has(e.error.detail ?? "")) continue;
    const mapped = locate(e, ctx);
    if (!isDuplicate(mapped, errors)) errors.push(mapped);
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, definition, warnings: sortErrors(warnings) };
}

/** The workbook, if the bytes are one (a zip that exceljs can open, or an old .xls). */
async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook | null> {
  if (isOle2(bytes)) return loadXls(bytes);
  const isZip =
    bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) return null;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return null;
  }
  return wb;
}

/** The survey sheet (required) with its type and name columns, or why it cannot be read. */
function surveySheet(
  wb: ExcelJS.Workbook,
  defaultLanguage: string,
): { ok: true; data: SheetData; layout: Layout } | Failed {
  const ws = findSheet(wb, "survey");
  if (!ws) return failed({ code: "sheet_missing", sheet: "survey" });
  const data = readSheet(ws, MAX_SURVEY_ROWS);
  if (data === "too_many")
    return failed({ code: "too_many_questions", sheet: "survey", detail: String(MAX_SURVEY_ROWS) });
  if (!data) return failed({ code: "column_missing", sheet: "survey", row: 1, column: "type" });
  const layout = new Layout(data, LOCALIZED_KEYS, PLAIN_KEYS, defaultLanguage);
  const missing = (["type", "name"] as const).filter((k) => !layout.plain.has(k));
  if (missing.length > 0)
    return failed(
      ...missing.map(
        (k): FormError => ({ code: "column_missing", sheet: "survey", row: data.headerRow, column: k }),
      ),
    );
  return { ok: true, data, layout };
}

type Settings = {
  defaultLanguage: string;
  formId: string;
  version?: string;
  title: LocalizedText;
  allowChoiceDuplicates: boolean;
};

/** The settings sheet (optional): a header row and one row of values. */
function readSettings(wb: ExcelJS.Workbook): Settings {
  const out: Settings = { defaultLanguage: "default", formId: "", title: {}, allowChoiceDuplicates: false };
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
    else if (c.key === "allow_choice_duplicates" && c.suffix === undefined)
      out.allowChoiceDuplicates = TRUE_WORDS.has(v.trim().toLowerCase());
    else if (c.key === "form_title") titles.push({ suffix: c.suffix, text: v });
  }
  for (const { suffix, text } of titles) {
    const lang = suffix === undefined ? out.defaultLanguage : languageOf(suffix);
    if (out.title[lang] === undefined) out.title[lang] = text;
  }
  readTitles(wb, out);
  return out;
}

/** Titles in further languages from Lotse's own sheet (language | form_title). */
function readTitles(wb: ExcelJS.Workbook, out: Settings) {
  const ws = findSheet(wb, TITLES_SHEET);
  const data = ws ? readSheet(ws, 200) : null;
  if (!data || data === "too_many") return;
  const lang = data.columns.find((c) => c.key === "language");
  const title = data.columns.find((c) => c.key === "form_title" && c.suffix === undefined);
  if (!lang || !title) return;
  for (const r of data.rows) {
    const l = r.cells.get(lang.index);
    const t = r.cells.get(title.index);
    if (l && t && l !== "__proto__" && out.title[languageOf(l)] === undefined) out.title[languageOf(l)] = t;
  }
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
    let name = layout.get(r, "name");
    // pyxform names a note without a name after its row
    if (name === "" && t.kind === "question" && t.type === "note") name = `generated_note_name_${r.row}`;
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

/** Choices headers that are not further columns of a choice (media, Lotse's own). */
const CHOICE_KNOWN = new Set(["list_name", "name", "label", "image", "big-image", "audio", "video"]);

/**
 * Choices rows → lists. Missing names and list names go to `errors`; a missing label is only a
 * warning (as in pyxform: the choice shows its name). Further plain columns are kept on the
 * choice, for `choice_filter`.
 */
function readChoices(
  data: SheetData,
  layout: Layout,
  out: { errors: FormError[]; warnings: FormError[]; rowsOut: Map<string, number[]>; lang: string },
): Record<string, Choice[]> {
  const { errors, warnings, rowsOut } = out;
  const choices = new Map<string, Choice[]>();
  const missing = (["list_name", "name"] as const).filter((k) => !layout.plain.has(k));
  for (const k of missing)
    errors.push({ code: "column_missing", sheet: "choices", row: data.headerRow, column: k });
  if (missing.length > 0) return {};
  const extra = data.columns.filter(
    (c) => c.suffix === undefined && !CHOICE_KNOWN.has(c.key) && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(c.header),
  );
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
    if (!label)
      warnings.push({
        code: "label_missing",
        sheet: "choices",
        row: r.row,
        column: layout.header("label", out.lang),
        detail: `${list}/${name}`,
      });
    const choice: Choice = { name, label: label ?? {} };
    const columns: Record<string, string> = {};
    for (const c of extra) {
      const v = r.cells.get(c.index);
      if (v !== undefined) columns[c.header] = v;
    }
    if (Object.keys(columns).length > 0) choice.columns = columns;
    const items = choices.get(list) ?? [];
    items.push(choice);
    choices.set(list, items);
    const rows = rowsOut.get(list) ?? [];
    rows.push(r.row);
    rowsOut.set(list, rows);
  }
  return Object.fromEntries(choices);
}

/** Columns holding expressions: typographic quotes in them are read as plain ones (as pyxform). */
const EXPRESSION_COLUMNS = new Set<string>([
  "relevant",
  "constraint",
  "calculation",
  "repeat_count",
  "choice_filter",
]);
const SMART_QUOTES: Record<string, string> = { "\u2018": "'", "\u2019": "'", "\u201C": '"', "\u201D": '"' };
export const plainQuotes = (s: string) => s.replace(/[\u2018\u2019\u201C\u201D]/g, (q) => SMART_QUOTES[q]!);

function buildNode(type: FormNode["type"], name: string, r: DataRow, layout: Layout): FormNode {
  const node: FormNode = { type, name };
  const label = layout.text(r, "label");
  if (label) node.label = label;
  const hint = layout.text(r, "hint");
  if (hint) node.hint = hint;
  const required = parseRequired(plainQuotes(layout.get(r, "required")));
  if (required !== undefined) node.required = required;
  const requiredMessage = layout.text(r, "required_message");
  if (requiredMessage) node.requiredMessage = requiredMessage;
  const plain: [
    PlainKey,
    (
      | "relevant"
      | "constraint"
      | "calculation"
      | "default"
      | "appearance"
      | "repeatCount"
      | "need"
      | "choiceFilter"
      | "parameters"
    ),
  ][] = [
    ["relevant", "relevant"],
    ["constraint", "constraint"],
    ["calculation", "calculation"],
    ["default", "default"],
    ["appearance", "appearance"],
    ["repeat_count", "repeatCount"],
    ["lotse_need", "need"],
    ["choice_filter", "choiceFilter"],
    ["parameters", "parameters"],
  ];
  for (const [col, field] of plain) {
    const v = layout.get(r, col);
    if (v !== "") node[field] = EXPRESSION_COLUMNS.has(col) ? plainQuotes(v) : v;
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
