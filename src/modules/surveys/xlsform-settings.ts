/** The settings sheet of an XLSForm (and Lotse's sheet of further titles). */
import type ExcelJS from "exceljs";
import type { LocalizedText } from "./types.ts";
import { languageOf } from "./xlsform-languages.ts";
import { findSheet, readSheet, TITLES_SHEET } from "./xlsform-sheet.ts";
import { TRUE_WORDS } from "./xlsform-survey.ts";

/** A settings sheet has one row of values; more rows than this are not read at all. */
const MAX_SETTINGS_ROWS = 50_000;

export type Settings = {
  defaultLanguage: string;
  formId: string;
  version?: string;
  title: LocalizedText;
  allowChoiceDuplicates: boolean;
};

/** The settings sheet (optional): a header row and one row of values. */
export function readSettings(wb: ExcelJS.Workbook): Settings {
  const out: Settings = { defaultLanguage: "default", formId: "", title: {}, allowChoiceDuplicates: false };
  const ws = findSheet(wb, "settings");
  const data = ws ? readSheet(ws, MAX_SETTINGS_ROWS) : null;
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
