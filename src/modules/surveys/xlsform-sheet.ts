/**
 * Reading worksheets of an XLSForm: cell text, the header row (aliases, `::language` suffixes)
 * and the data rows, and where each field of a sheet is.
 */
import type ExcelJS from "exceljs";
import type { LocalizedText } from "./types.ts";
import { languageOf } from "./xlsform-languages.ts";

export type Sheet = "survey" | "choices" | "settings";
/** Lotse's sheet of form titles in the languages beside the default one (see xlsform-write.ts). */
export const TITLES_SHEET = "lotse_titles";

/** The text of a cell; booleans as "true"/"false" (a TRUE typed into `required`). */
export function cellText(v: ExcelJS.CellValue): string {
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

export type Column = {
  index: number;
  /** The header as written in the file. */
  header: string;
  /** Normalised column name: lower case, spaces → "_", aliases resolved ("relevance" → "relevant"). */
  key: string;
  /** The part after "::", as written. */
  suffix?: string;
};
export type DataRow = { row: number; cells: Map<number, string> };
export type SheetData = { headerRow: number; columns: Column[]; rows: DataRow[] };

const COLUMN_ALIASES: Record<string, string> = {
  relevance: "relevant",
  calculate: "calculation",
  "jr:constraintmsg": "constraint_message",
  "jr:requiredmsg": "required_message",
  "jr:count": "repeat_count",
  "jr:choice_name": "choice_name",
  list: "list_name",
  caption: "label",
  command: "type",
  tag: "name",
  value: "name",
  count: "repeat_count",
  requiredmsg: "required_message",
  constraining_message: "constraint_message",
  id_string: "form_id",
};

/**
 * A header cell as pyxform reads it: `label::English (en)`; or, when no header of the sheet uses
 * "::", the older single colon (`label:english`, `jr:constraintMsg:French`).
 */
function parseHeader(raw: string, index: number, doubleColon: boolean): Column | null {
  const header = raw.trim();
  if (header === "") return null;
  let tokens: string[];
  if (doubleColon) {
    const at = header.indexOf("::");
    tokens = at >= 0 ? [header.slice(0, at), header.slice(at + 2)] : [header];
  } else {
    tokens = header.split(":");
    // "jr:count" stays one token
    const jr = tokens.findIndex((t) => t.trim().toLowerCase() === "jr");
    if (jr >= 0 && jr + 1 < tokens.length) tokens.splice(jr, 2, `jr:${tokens[jr + 1]!.trim()}`);
    if (tokens.length > 2) tokens = [tokens[0]!, tokens.slice(1).join(":")];
  }
  let base = tokens[0]!.trim().toLowerCase().replace(/\s+/g, "_");
  let suffix = tokens.length > 1 ? tokens[1]!.trim() : undefined;
  // pyxform also accepts "bind::relevant", "control::jr:count", "body::appearance".
  if ((base === "bind" || base === "control" || base === "body") && suffix) {
    base = suffix.toLowerCase().replace(/\s+/g, "_");
    suffix = undefined;
  }
  const key = Object.hasOwn(COLUMN_ALIASES, base) ? COLUMN_ALIASES[base]! : base;
  return suffix === undefined ? { index, header, key } : { index, header, key, suffix };
}

export function readSheet(ws: ExcelJS.Worksheet, maxRows: number): SheetData | "too_many" | null {
  let header: Column[] | null = null;
  let headerRow = 0;
  const rows: DataRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    if (!header) {
      const raw: [string, number][] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        raw.push([cellText(cell.value), col]);
      });
      const doubleColon = raw.some(([h]) => h.includes("::"));
      const cols: Column[] = [];
      for (const [h, col] of raw) {
        const c = parseHeader(h, col, doubleColon);
        if (c) cols.push(c);
      }
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

export const LOCALIZED_KEYS = ["label", "hint", "required_message", "constraint_message"] as const;
export const PLAIN_KEYS = [
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
  "choice_filter",
  "parameters",
  "accept",
] as const;
export type PlainKey = (typeof PLAIN_KEYS)[number];

/** Where each field of a sheet is: plain columns by key, localized columns by key and language. */
export class Layout {
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

export function findSheet(
  wb: ExcelJS.Workbook,
  name: Sheet | typeof TITLES_SHEET,
): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);
}
