/**
 * Reading spreadsheet-like files that users upload (CSV or XLSX), shared by every import
 * (directory places and offers, monitoring values): text decoding (UTF-8 with or without BOM,
 * else Windows-1252), CSV parsing (RFC 4180, delimiter ";" "," or tab detected from the header),
 * and the first worksheet of an XLSX workbook through exceljs. Moved here from the directory
 * import (issue 6) so that both imports read files the same way.
 */
import ExcelJS from "exceljs";
import { offload } from "./offload/pool.ts";

/** Decodes a text file: valid UTF-8 (BOM optional) → UTF-8; anything else → Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  let b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(b), encoding: "windows-1252" };
  }
}

/** The delimiter of a CSV file, from its first line: the most frequent of ; , tab outside quotes. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const counts: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ";";
}

/** One record of a table with its row number as a spreadsheet shows it (the first line is row 1). */
export type TableRow = {
  row: number;
  cells: string[];
  /** XLSX: the cells that hold numbers, as numbers (their text above is how JavaScript prints them). */
  numbers?: (number | undefined)[];
};

/**
 * RFC 4180 CSV → records with their row numbers (quotes, doubled quotes, line breaks inside
 * quotes, CRLF). A record spanning lines inside quotes is one row, as in a spreadsheet. Records
 * with nothing in them (blank lines) are left out, but still counted, so numbers stay true.
 */
export function parseCsvRows(text: string, delimiter = detectDelimiter(text)): TableRow[] {
  const rows: TableRow[] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let n = 0;
  const flush = () => {
    row.push(cell);
    n += 1;
    if (row.some((c) => c.trim() !== "")) rows.push({ row: n, cells: row });
    row = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      flush();
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) flush();
  return rows;
}

/** RFC 4180 CSV → rows of cells; lines with nothing in them (e.g. a trailing empty line) are not rows. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  return parseCsvRows(text, delimiter).map((r) => r.cells);
}

/** The text of an XLSX cell: numbers as JavaScript prints them ("1234.5"), dates as YYYY-MM-DD. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "ja" : "nein";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

export type TableRead =
  | { ok: true; rows: TableRow[]; format: "csv" | "xlsx"; encoding: "utf-8" | "windows-1252" | null }
  /** file_type: not CSV text and not a readable XLSX workbook; no_sheet: a workbook without sheets. */
  | { ok: false; code: "file_type" | "no_sheet" };

const isZip = (b: Uint8Array) =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads an uploaded file into rows of strings (header first), with each row's number as the
 * spreadsheet shows it. XLSX: the first worksheet. Anything else binary is refused.
 */
export async function readTable(bytes: Uint8Array, filename: string): Promise<TableRead> {
  if (isZip(bytes) || /\.xlsx$/i.test(filename)) {
    if (!isZip(bytes)) return { ok: false, code: "file_type" };
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
    } catch {
      return { ok: false, code: "file_type" };
    }
    const ws = wb.worksheets[0];
    if (!ws) return { ok: false, code: "no_sheet" };
    const rows: TableRow[] = [];
    // Read once: exceljs computes columnCount by walking every row (inside the loop: O(rows²), issue 13).
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      const numbers: (number | undefined)[] = [];
      for (let i = 1; i <= width; i++) {
        const v = row.getCell(i).value;
        cells.push(cellText(v));
        const n =
          typeof v === "number" ? v : v && typeof v === "object" && "result" in v ? v.result : undefined;
        numbers.push(typeof n === "number" ? n : undefined);
      }
      if (cells.some((c) => c.trim() !== "")) rows.push({ row: rowNumber, cells, numbers });
    });
    return { ok: true, rows, format: "xlsx", encoding: null };
  }
  if (/\.(xls|ods|numbers)$/i.test(filename) || bytes.includes(0)) return { ok: false, code: "file_type" };
  const { text, encoding } = decodeText(bytes);
  return { ok: true, rows: parseCsvRows(text), format: "csv", encoding };
}

/** readTable on a worker thread (./offload/pool.ts): what the imports call with uploads. */
export function readTableOffThread(
  bytes: Uint8Array,
  filename: string,
  signal?: AbortSignal,
): Promise<TableRead> {
  return offload<TableRead>("src/server/tabular.ts", "readTable", [bytes, filename], signal);
}
