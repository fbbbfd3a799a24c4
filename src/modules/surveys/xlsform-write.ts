/**
 * Writing a form definition as an XLSForm workbook (.xlsx with sheets survey, choices, settings),
 * Lotse's own types in their plain-XLSForm encoding.
 */
import ExcelJS from "exceljs";
import type { Choice, FormDefinition, FormNode, LocalizedText } from "./types.ts";
import { languageSpec } from "./xlsform-languages.ts";
import {
  appearanceTokens,
  builtIn,
  CEFR_LIST,
  cefrList,
  LANGUAGE_LEVEL_APPEARANCE,
  LANGUAGE_ROW_LABEL,
  LANGUAGES_LIST,
  LEVEL_ROW_LABEL,
  languagesList,
  MATRIX_APPEARANCE,
  walk,
  YES_NO_LIST,
  yesNoList,
} from "./xlsform-lotse.ts";
import { TITLES_SHEET } from "./xlsform-sheet.ts";

/** Writes a definition as an XLSForm workbook (.xlsx with sheets survey, choices, settings). */
export async function writeXlsForm(def: FormDefinition): Promise<Uint8Array<ArrayBuffer>> {
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
  const survey = new SurveyRows(def, languages);
  survey.emit(def.nodes);

  const wb = new ExcelJS.Workbook();
  wb.creator = "Lotse";
  const surveyWs = wb.addWorksheet("survey");
  const choicesWs = wb.addWorksheet("choices");
  const settingsWs = wb.addWorksheet("settings");
  const surveyColumns = survey.columns();
  writeRows(
    surveyWs,
    surveyColumns,
    survey.rows.map((r) => surveyColumns.map((c) => r[c] ?? "")),
  );
  writeChoices(choicesWs, def, survey);
  writeSettings(wb, settingsWs, def);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

type Row = Record<string, string>;
/** pyxform's spelling: a body (control) attribute, written onto the upload element. */
const ACCEPT_HEADER = "body::accept";

/** The survey sheet's rows as column header → text, with the built-in lists they need. */
class SurveyRows {
  readonly rows: Row[] = [];
  usesYesNo = false;
  usesLanguageLevel = false;
  readonly languages: string[];
  readonly shape: Pick<FormDefinition, "languages" | "defaultLanguage">;
  private readonly defaultLanguage: string;

  constructor(def: FormDefinition, languages: string[]) {
    this.languages = languages;
    this.defaultLanguage = def.defaultLanguage;
    this.shape = { languages, defaultLanguage: def.defaultLanguage };
  }

  localizedHeader(key: string, lang: string): string {
    return lang === "default" && this.defaultLanguage === "default" ? key : `${key}::${languageSpec(lang)}`;
  }

  private put(row: Row, key: string, text: LocalizedText | undefined) {
    for (const [lang, v] of Object.entries(text ?? {}))
      if (v !== "") row[this.localizedHeader(key, lang)] = v;
  }

  private nodeRow(n: FormNode, type: string, appearance: string | undefined): Row {
    const row: Row = { type, name: n.name };
    this.put(row, "label", n.label);
    this.put(row, "hint", n.hint);
    if (n.required === true) row.required = "yes";
    else if (typeof n.required === "string" && n.required.trim() !== "") row.required = n.required;
    this.put(row, "required_message", n.requiredMessage);
    if (n.relevant) row.relevant = n.relevant;
    if (n.constraint) row.constraint = n.constraint;
    this.put(row, "constraint_message", n.constraintMessage);
    if (n.calculation) row.calculation = n.calculation;
    if (n.default !== undefined && n.default !== "") row.default = n.default;
    if (appearance) row.appearance = appearance;
    if (n.repeatCount) row.repeat_count = n.repeatCount;
    if (n.choiceFilter) row.choice_filter = n.choiceFilter;
    if (n.parameters) row.parameters = n.parameters;
    if (n.accept) row[ACCEPT_HEADER] = n.accept;
    if (n.need) row.lotse_need = n.need;
    return row;
  }

  emit(list: FormNode[]) {
    for (const n of list) {
      switch (n.type) {
        case "group":
        case "repeat":
          this.rows.push(this.nodeRow(n, `begin_${n.type}`, n.appearance));
          this.emit(n.children ?? []);
          this.rows.push({ type: `end_${n.type}` });
          break;
        case "matrix":
          this.rows.push(this.nodeRow(n, "begin_group", withToken(MATRIX_APPEARANCE, n.appearance)));
          for (const c of n.children ?? [])
            this.rows.push(
              this.nodeRow(c, `select_one ${c.listName ?? n.listName ?? ""}`.trim(), c.appearance),
            );
          this.rows.push({ type: "end_group" });
          break;
        case "language_level":
          this.emitLanguageLevel(n);
          break;
        case "yes_no":
          this.usesYesNo = true;
          this.rows.push(this.nodeRow(n, `select_one ${YES_NO_LIST}`, n.appearance));
          break;
        case "select_one":
        case "select_multiple":
          this.rows.push(this.nodeRow(n, `${n.type} ${n.listName ?? ""}`.trim(), n.appearance));
          break;
        default:
          this.rows.push(this.nodeRow(n, n.type, n.appearance));
      }
    }
  }

  /** A repeat of two select_one rows (language, level), marked by its appearance. */
  private emitLanguageLevel(n: FormNode) {
    this.usesLanguageLevel = true;
    this.rows.push(this.nodeRow(n, "begin_repeat", withToken(LANGUAGE_LEVEL_APPEARANCE, n.appearance)));
    this.rows.push(
      this.nodeRow(
        { type: "select_one", name: `${n.name}_lang`, label: builtIn(LANGUAGE_ROW_LABEL, this.shape) },
        `select_one ${LANGUAGES_LIST}`,
        "minimal",
      ),
    );
    this.rows.push(
      this.nodeRow(
        { type: "select_one", name: `${n.name}_level`, label: builtIn(LEVEL_ROW_LABEL, this.shape) },
        `select_one ${CEFR_LIST}`,
        undefined,
      ),
    );
    this.rows.push({ type: "end_repeat" });
  }

  /** The columns in XLSForm's usual order; optional ones only when some row fills them. */
  columns(): string[] {
    const used = (h: string) => this.rows.some((r) => r[h] !== undefined);
    const localized = (key: string, always: boolean) =>
      this.languages.map((l) => this.localizedHeader(key, l)).filter((h) => always || used(h));
    const plain = (key: string) => (used(key) ? [key] : []);
    return [
      "type",
      "name",
      ...localized("label", true),
      ...localized("hint", false),
      ...plain("required"),
      ...localized("required_message", false),
      ...plain("relevant"),
      ...plain("constraint"),
      ...localized("constraint_message", false),
      ...plain("calculation"),
      ...plain("default"),
      ...plain("appearance"),
      ...plain("repeat_count"),
      ...plain("choice_filter"),
      ...plain("parameters"),
      ...plain(ACCEPT_HEADER),
      ...plain("lotse_need"),
    ];
  }
}

const withToken = (token: string, appearance: string | undefined) =>
  [token, ...appearanceTokens(appearance).filter((t) => t.toLowerCase() !== token)].join(" ");

/** The form's lists, and the built-in ones its yes/no and language questions need. */
function writeChoices(ws: ExcelJS.Worksheet, def: FormDefinition, survey: SurveyRows) {
  const { shape, languages } = survey;
  const lists: [string, Choice[]][] = Object.entries(def.choices);
  if (survey.usesYesNo && !def.choices[YES_NO_LIST]) lists.push([YES_NO_LIST, yesNoList(shape)]);
  if (survey.usesLanguageLevel) {
    if (!def.choices[LANGUAGES_LIST]) lists.push([LANGUAGES_LIST, languagesList(shape)]);
    if (!def.choices[CEFR_LIST]) lists.push([CEFR_LIST, cefrList(shape)]);
  }
  const labelColumns = languages.map((l) => survey.localizedHeader("label", l));
  // the choices' own columns (what choice_filter reads), in the order first met
  const extra: string[] = [];
  for (const [, items] of lists)
    for (const c of items)
      for (const k of Object.keys(c.columns ?? {})) if (!extra.includes(k)) extra.push(k);
  const rows: string[][] = [];
  for (const [list, items] of lists)
    for (const c of items)
      rows.push([
        list,
        c.name,
        ...languages.map((l) => c.label[l] ?? ""),
        ...extra.map((k) => c.columns?.[k] ?? ""),
      ]);
  writeRows(ws, ["list_name", "name", ...labelColumns, ...extra], rows);
}

/**
 * The settings sheet as pyxform reads it: `form_title` is one text (pyxform refuses
 * `form_title::Arabic (ar)`), so it holds the default language's title; the titles in the other
 * languages go to the sheet `lotse_titles`, which other tools ignore and Lotse reads back.
 */
function writeSettings(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, def: FormDefinition) {
  const header: string[] = [];
  const values: string[] = [];
  const setting = (h: string, v: string | undefined) => {
    if (v === undefined || v === "") return;
    header.push(h);
    values.push(v);
  };
  const titleLang = def.title[def.defaultLanguage] ? def.defaultLanguage : Object.keys(def.title)[0];
  setting("form_title", titleLang ? def.title[titleLang] : undefined);
  setting("form_id", def.formId);
  setting("version", def.version);
  if (def.defaultLanguage !== "default") setting("default_language", languageSpec(def.defaultLanguage));
  if (def.allowChoiceDuplicates) setting("allow_choice_duplicates", "yes");
  writeRows(ws, header, [values]);
  const others = Object.entries(def.title).filter(([lang, text]) => lang !== titleLang && text !== "");
  if (others.length > 0)
    writeRows(
      wb.addWorksheet(TITLES_SHEET),
      ["language", "form_title"],
      others.map(([lang, text]) => [languageSpec(lang), text]),
    );
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
