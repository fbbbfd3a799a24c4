import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readTable } from "./tabular.ts";

async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Werte");
  rows.forEach((r, i) => {
    if (r.length) ws.getRow(i + 1).values = r;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("readTable", () => {
  afterEach(() => vi.restoreAllMocks());

  it("gives every XLSX row the width of the widest, keeps row numbers and skips empty rows", async () => {
    const read = await readTable(await xlsx([["Name", "Wert"], [], ["A", 1, "extra"], ["B"]]), "t.xlsx");
    expect(read).toEqual({
      ok: true,
      format: "xlsx",
      encoding: null,
      rows: [
        { row: 1, cells: ["Name", "Wert", ""], numbers: [undefined, undefined, undefined] },
        { row: 3, cells: ["A", "1", "extra"], numbers: [undefined, 1, undefined] },
        { row: 4, cells: ["B", "", ""], numbers: [undefined, undefined, undefined] },
      ],
    });
  });

  it("asks the worksheet for its width once, however many rows it has (exceljs walks all rows for it)", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`Zeile ${i}`, i]);
    const bytes = await xlsx(rows);
    const worksheetClass = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("x"));
    const spy = vi.spyOn(worksheetClass, "columnCount", "get");
    const read = await readTable(bytes, "t.xlsx");
    expect(read.ok && read.rows.length).toBe(2000);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("reads CSV with quoted line breaks as one row each, numbering rows as a spreadsheet does", async () => {
    const text = 'a;b\n"x\ny";2\n\nz;3\n';
    const read = await readTable(new TextEncoder().encode(text), "t.csv");
    expect(read).toEqual({
      ok: true,
      format: "csv",
      encoding: "utf-8",
      rows: [
        { row: 1, cells: ["a", "b"] },
        { row: 2, cells: ["x\ny", "2"] },
        { row: 4, cells: ["z", "3"] },
      ],
    });
  });
});
