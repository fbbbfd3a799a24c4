/**
 * Old Excel files (.xls, BIFF8 in an OLE2 container), as many XLSForm templates and KoboToolbox
 * downloads still are: read with SheetJS (@e965/xlsx) and handed on as an exceljs workbook with
 * the same cells at the same rows, so one reader serves both formats.
 */
import ExcelJS from "exceljs";

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const isOle2 = (bytes: Uint8Array) => bytes.length > 8 && OLE2.every((b, i) => bytes[i] === b);

type XlsCell = string | number | boolean | Date | null;

/** The workbook of an .xls file, or null when SheetJS cannot read it. */
export async function loadXls(bytes: Uint8Array): Promise<ExcelJS.Workbook | null> {
  const XLSX = await import("@e965/xlsx");
  let book: ReturnType<typeof XLSX.read>;
  try {
    book = XLSX.read(bytes, { type: "array", cellDates: true, cellFormula: false, cellHTML: false });
  } catch {
    return null;
  }
  const wb = new ExcelJS.Workbook();
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    const ws = wb.addWorksheet(name);
    if (!sheet?.["!ref"]) continue;
    const range = XLSX.utils.decode_range(sheet["!ref"]);
    const rows = XLSX.utils.sheet_to_json<XlsCell[]>(sheet, {
      header: 1,
      raw: true,
      blankrows: true,
      defval: null,
    });
    rows.forEach((cells, i) => {
      if (!cells.some((c) => c !== null && c !== "")) return;
      const row = ws.getRow(range.s.r + i + 1);
      cells.forEach((v, k) => {
        if (v !== null && v !== "") row.getCell(range.s.c + k + 1).value = v;
      });
    });
  }
  return wb;
}
