/**
 * Reading an XLSForm workbook into a form definition. Every problem found is collected with
 * sheet, 1-based row and the column header as written; the engine's checks
 * (`checkDefinitionAt`) are mapped back to their rows.
 */
import ExcelJS from "exceljs";
import { checkDefinitionAt, type LocatedFormError } from "./engine.ts";
import type { FormDefinition, FormError, FormNode } from "./types.ts";
import { readChoices } from "./xlsform-choices.ts";
import { type ChoiceFile, readChoiceFiles } from "./xlsform-files.ts";
import { decodeLotseTypes } from "./xlsform-lotse.ts";
import { resolveNames } from "./xlsform-names.ts";
import { readSettings } from "./xlsform-settings.ts";
import {
  findSheet,
  Layout,
  LOCALIZED_KEYS,
  PLAIN_KEYS,
  readSheet,
  type Sheet,
  type SheetData,
} from "./xlsform-sheet.ts";
import { readSurvey } from "./xlsform-survey.ts";
import { isOle2, loadXls } from "./xlsform-xls.ts";

export type XlsFormRead =
  | { ok: true; definition: FormDefinition; warnings: FormError[] }
  | { ok: false; errors: FormError[] };

/** More rows than this in the survey sheet are refused before anything else is checked. */
const MAX_SURVEY_ROWS = 5000;
const MAX_CHOICE_ROWS = 50_000;

/** Reads an XLSForm workbook. Never throws: unreadable bytes give `file_unreadable`. */
export async function readXlsForm(
  bytes: Uint8Array,
  choiceFiles: readonly ChoiceFile[] = [],
): Promise<XlsFormRead> {
  try {
    return await readWorkbook(bytes, choiceFiles);
  } catch {
    return { ok: false, errors: [{ code: "file_unreadable" }] };
  }
}

type Failed = { ok: false; errors: FormError[] };
const failed = (...errors: FormError[]): Failed => ({ ok: false, errors });

async function readWorkbook(bytes: Uint8Array, choiceFiles: readonly ChoiceFile[]): Promise<XlsFormRead> {
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
  const { nodes, rowOf, usesSelect, fromFile } = readSurvey(data, layout, errors, warnings);
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
  readChoiceFiles(fromFile, choiceFiles, choices, {
    errors,
    column: layout.header("type"),
    defaultLanguage,
  });

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
      (x.code === e.code ||
        (x.code === "name_missing" && e.code === "name_invalid") ||
        // the file already named the problem with the question's list
        (x.code.startsWith("choice_file_") && e.code === "list_unknown")),
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
