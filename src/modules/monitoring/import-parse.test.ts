import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readTable, type TableRow } from "../../server/tabular.ts";
import {
  checkValue,
  type ImportElement,
  type ParseContext,
  parseHeaderTerm,
  parseImportTable,
  parseNumber,
} from "./import-parse.ts";

const population: ImportElement = {
  id: "e-pop",
  code: "population",
  valueType: "count",
  dimensions: {
    sex: ["f", "m", "d"],
    age: ["0-14", "15-19", "20-64", "65+"],
    nationality: ["german", "dual", "foreign"],
  },
  origin: "external",
};
const area: ImportElement = {
  id: "e-km2",
  code: "area_km2",
  valueType: "number",
  dimensions: {},
  origin: "external",
};
const cases: ImportElement = {
  id: "e-cases",
  code: "lotse_open_cases",
  valueType: "count",
  dimensions: { category: [] },
  origin: "lotse",
};
const ctx: ParseContext = {
  elements: [population, area, cases],
  areas: [
    { id: "a-mitte", code: "unna-mitte" },
    { id: "a-sued", code: "unna-sued" },
  ],
  currentYear: 2026,
};

/** A CSV text as table rows (row numbers as a spreadsheet shows them). */
const table = (...lines: string[]): TableRow[] =>
  lines.map((l, i) => ({ row: i + 1, cells: l.split(";") })).filter((r) => r.cells.some((c) => c.trim()));
const codes = (o: ReturnType<typeof parseImportTable>) =>
  o.issues.map((i) => `${i.row}:${i.column}:${i.code}`);

describe("parseNumber", () => {
  it("reads German and English decimals and digit groups", () => {
    expect(parseNumber("12,5")).toBe(12.5);
    expect(parseNumber("12.5")).toBe(12.5);
    expect(parseNumber("1.234,5")).toBe(1234.5);
    expect(parseNumber("1,234.5")).toBe(1234.5);
    expect(parseNumber("1.234.567")).toBe(1234567);
    expect(parseNumber("1 234")).toBe(1234);
    expect(parseNumber("17900")).toBe(17900);
    expect(parseNumber("-3")).toBe(-3);
    expect(parseNumber("−3,5")).toBe(-3.5);
    expect(parseNumber("1e3")).toBe(1000);
  });
  it("refuses what is not a number", () => {
    for (const s of [
      "",
      "abc",
      "12,5,3",
      "1.23.4",
      "12a",
      "1.234,5.6",
      ",5",
      "n/a",
      "–",
      "12..5",
      "1.000",
      "1,234",
    ])
      expect(parseNumber(s), s).toBeNull();
  });
});

describe("checkValue", () => {
  it("takes a decimal comma for a number element, refuses it for a count", () => {
    expect(checkValue("12,5", area)).toEqual({ ok: true, value: 12.5 });
    expect(checkValue("12.5", area)).toEqual({ ok: true, value: 12.5 });
    expect(checkValue("12,5", population)).toMatchObject({ ok: false, code: "count_not_whole" });
    expect(checkValue("-4", population)).toMatchObject({ ok: false, code: "count_negative" });
    expect(checkValue("-4", area)).toEqual({ ok: true, value: -4 });
    expect(checkValue("viele", population)).toMatchObject({ ok: false, code: "value_not_number" });
    expect(checkValue("", population)).toMatchObject({ ok: false, code: "value_required" });
    expect(checkValue(7, population)).toEqual({ ok: true, value: 7 });
    expect(checkValue("1e20", area)).toMatchObject({ ok: false, code: "value_too_large" });
    // A thousand written "1.000" is not silently read as 1.
    expect(checkValue("1.000", population)).toMatchObject({ ok: false, code: "value_ambiguous" });
    expect(checkValue("0,125", area)).toEqual({ ok: true, value: 0.125 });
    expect(checkValue("1.000,0", population)).toEqual({ ok: true, value: 1000 });
  });
});

describe("parseHeaderTerm", () => {
  it("reads a code or one option per dimension, case-insensitively", () => {
    expect(parseHeaderTerm("population")).toEqual({ ok: true, element: "population", parts: [] });
    expect(parseHeaderTerm("Population{sex:f}")).toEqual({
      ok: true,
      element: "population",
      parts: [{ dim: "sex", option: "f" }],
    });
    expect(parseHeaderTerm("population{age:65+, sex:f}")).toMatchObject({ ok: true });
  });
  it("refuses sums, offsets, several options and junk", () => {
    for (const h of [
      "population + sgb2",
      "population@-1",
      "population{sex:f|m}",
      "-population",
      "Einwohner 2018",
      "x{",
    ])
      expect(parseHeaderTerm(h).ok, h).toBe(false);
  });
});

describe("parseImportTable: LONG", () => {
  it("reads values with breakdown columns and German headers", () => {
    const o = parseImportTable(
      table(
        "Gebiet;Jahr;Merkmal;Wert;Geschlecht;Alter;Staatsangehörigkeit",
        "unna-mitte;2023;population;17900;;;",
        "unna-mitte;2023;population;9120;w;;",
        "UNNA-SUED;2023;population;1.234;;65+;",
        "unna-sued;2023;Population;300;;;foreign",
        "unna-sued;2023;area_km2;12,5;;;",
      ),
      ctx,
    );
    // "1.234" could be 1234 or 1.234: refused rather than guessed, with the row and column.
    expect(codes(o)).toEqual(["4:Wert:value_ambiguous"]);
    const fixed = parseImportTable(
      table(
        "area;period;element;value;sex;age;nationality",
        "unna-mitte;2023;population;17900;;;",
        "unna-mitte;2023;population;9120;w;;",
        "UNNA-SUED;2023;population;1234;;65+;",
        "unna-sued;2023;Population;300;;;foreign",
        "unna-sued;2023;area_km2;12,5;;;",
      ),
      ctx,
    );
    expect(fixed.issues).toEqual([]);
    expect(fixed.format).toBe("long");
    expect(fixed.values.map((v) => [v.row, v.areaCode, v.period, v.element, v.breakdown, v.value])).toEqual([
      [2, "unna-mitte", "2023", "population", "", 17900],
      [3, "unna-mitte", "2023", "population", "sex:f", 9120],
      [4, "unna-sued", "2023", "population", "age:65+", 1234],
      [5, "unna-sued", "2023", "population", "nationality:foreign", 300],
      [6, "unna-sued", "2023", "area_km2", "", 12.5],
    ]);
  });

  it("reads a breakdown column with the canonical key", () => {
    const o = parseImportTable(
      [
        { row: 1, cells: ["Gebiet", "Jahr", "Merkmal", "Wert", "Aufschlüsselung"] },
        // Any order of the pairs; stored canonically (sex before age).
        { row: 2, cells: ["unna-mitte", "2023", "population", "100", "age:65+;sex:f"] },
        { row: 3, cells: ["unna-mitte", "2023", "population", "100", "default"] },
        { row: 4, cells: ["unna-mitte", "2023", "population", "100", "sex=f"] },
      ],
      ctx,
    );
    expect(codes(o)).toEqual(["4:Aufschlüsselung:breakdown_format"]);
    expect(o.values.map((v) => v.breakdown)).toEqual(["sex:f;age:65+", ""]);
  });

  it("names every bad cell with its row and column", () => {
    const o = parseImportTable(
      table(
        "Gebiet;Jahr;Merkmal;Wert;Geschlecht",
        "unna-nord;2023;population;10;", // unknown area
        "unna-mitte;1949;population;10;", // period too early
        "unna-mitte;2027;population;10;", // period in the future
        "unna-mitte;2023/24;population;10;", // not a year
        "unna-mitte;2023;einwohner;10;", // unknown element
        "unna-mitte;2023;population;-5;", // negative count
        "unna-mitte;2023;population;zehn;", // not a number
        "unna-mitte;2023;population;12,5;", // decimal count
        "unna-mitte;2023;population;10;x", // unknown option
        "unna-mitte;2023;area_km2;10;f", // dimension the element lacks
        "unna-mitte;2023;lotse_open_cases;10;", // computed from Lotse's data
        "unna-mitte;2023;population;;", // value missing
      ),
      ctx,
    );
    expect(codes(o)).toEqual([
      "2:Gebiet:unknown_area",
      "3:Jahr:period_out_of_range",
      "4:Jahr:period_out_of_range",
      "5:Jahr:period_format",
      "6:Merkmal:unknown_element",
      "7:Wert:count_negative",
      "8:Wert:value_not_number",
      "9:Wert:count_not_whole",
      "10:Geschlecht:unknown_option",
      "11:Geschlecht:unknown_dimension",
      "12:Merkmal:element_lotse",
      "13:Wert:value_required",
    ]);
    expect(o.issues[0]!.params).toEqual({ code: "unna-nord" });
    expect(o.issues[1]!.params).toEqual({ value: "1949", min: "1950", max: "2026" });
  });

  it("names both rows of a value given twice (the same period twice)", () => {
    const o = parseImportTable(
      table(
        "Gebiet;Jahr;Merkmal;Wert",
        "unna-mitte;2023;population;10",
        "unna-sued;2023;population;10",
        "unna-mitte;2023;population;11",
        "unna-mitte;2022;population;11",
      ),
      ctx,
    );
    expect(o.issues).toEqual([
      { row: 2, column: "Jahr", code: "duplicate", params: { other: 4 } },
      { row: 4, column: "Jahr", code: "duplicate", params: { other: 2 } },
    ]);
  });

  it("refuses a missing column, an unknown column, an empty file and too many rows", () => {
    expect(codes(parseImportTable(table("Gebiet;Merkmal;Wert", "unna-mitte;population;1"), ctx))).toEqual([
      "1:null:column_missing",
    ]);
    expect(
      codes(
        parseImportTable(table("Gebiet;Jahr;Merkmal;Wert;Farbe", "unna-mitte;2020;population;1;rot"), ctx),
      ),
    ).toEqual(["1:Farbe:column_unknown"]);
    // Names and comments are read over.
    expect(
      parseImportTable(
        table("Gebiet;Name;Jahr;Merkmal;Wert;Kommentar", "unna-mitte;Mitte;2020;population;1;ok"),
        ctx,
      ).issues,
    ).toEqual([]);
    expect(codes(parseImportTable([], ctx))).toEqual(["null:null:empty_file"]);
    expect(codes(parseImportTable(table("Gebiet;Jahr;Merkmal;Wert"), ctx))).toEqual(["null:null:no_rows"]);
    const many = table(
      "Gebiet;Jahr;Merkmal;Wert",
      "unna-mitte;2020;population;1",
      "unna-sued;2020;population;1",
    );
    expect(codes(parseImportTable(many, { ...ctx, maxValues: 1 }))).toEqual(["null:null:too_many_values"]);
  });
});

describe("parseImportTable: WIDE", () => {
  it("reads one column per element and breakdown; blank cells are no value", () => {
    const o = parseImportTable(
      table(
        "Gebiet;Jahr;population;population{sex:f};Population{Age:65+};area_km2",
        "unna-mitte;2023;17900;9120;4800;12,5",
        "unna-sued;2023;11000;;2200;",
      ),
      ctx,
    );
    expect(o.issues).toEqual([]);
    expect(o.format).toBe("wide");
    expect(
      o.values.map((v) => `${v.row}|${v.column}|${v.areaCode}|${v.element}|${v.breakdown}|${v.value}`),
    ).toEqual([
      "2|population|unna-mitte|population||17900",
      "2|population{sex:f}|unna-mitte|population|sex:f|9120",
      "2|Population{Age:65+}|unna-mitte|population|age:65+|4800",
      "2|area_km2|unna-mitte|area_km2||12.5",
      "3|population|unna-sued|population||11000",
      "3|Population{Age:65+}|unna-sued|population|age:65+|2200",
    ]);
  });

  it("checks headers (unknown element, option, sums) and cells", () => {
    const headers = parseImportTable(
      table(
        "Gebiet;Jahr;einwohner;population{sex:x};population + area_km2;population{sex:f|m}",
        "unna-mitte;2023;1;2;3;4",
      ),
      ctx,
    );
    expect(codes(headers)).toEqual([
      "1:einwohner:unknown_element",
      "1:population{sex:x}:unknown_option",
      "1:population + area_km2:header_term",
      "1:population{sex:f|m}:header_term",
    ]);
    const cells = parseImportTable(
      table(
        "Gebiet;Jahr;population;population{sex:f}",
        "unna-mitte;2023;12,5;-1",
        "unna-mitte;2023;100;",
        "unna-x;1900;5;5",
      ),
      ctx,
    );
    expect(codes(cells)).toEqual([
      "2:population:count_not_whole",
      "2:population{sex:f}:count_negative",
      "4:Gebiet:unknown_area",
      "4:Jahr:period_out_of_range",
    ]);
  });

  it("refuses a wide table with no value columns, or the same column twice", () => {
    expect(codes(parseImportTable(table("Gebiet;Jahr", "unna-mitte;2020"), ctx))).toEqual([
      "1:null:no_value_columns",
    ]);
    expect(
      codes(parseImportTable(table("Gebiet;Jahr;population;Population", "unna-mitte;2020;1;1"), ctx)),
    ).toEqual(["1:Population:column_same_as"]);
  });
});

const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../../tests/fixtures/monitoring/${name}`, import.meta.url)));

describe("files", () => {
  it("fixture: a Windows-1252 LONG file with German headers and values", async () => {
    const read = await readTable(await fixture("long-windows-1252.csv"), "long-windows-1252.csv");
    expect(read).toMatchObject({ ok: true, encoding: "windows-1252" });
    if (!read.ok) return;
    const o = parseImportTable(read.rows, ctx);
    expect(o.issues).toEqual([]);
    expect(o.values.map((v) => `${v.element}|${v.breakdown}|${v.value}`)).toEqual([
      "population||17850",
      "population|sex:f|9050",
      "population|nationality:foreign|2150",
      "area_km2||12.5",
    ]);
  });

  it("fixture: a WIDE file with errors names each cell", async () => {
    const read = await readTable(await fixture("wide-with-errors.csv"), "wide-with-errors.csv");
    if (!read.ok) throw new Error("unreadable");
    expect(codes(parseImportTable(read.rows, ctx))).toEqual([
      "4:Gebiet:unknown_area",
      "4:population:value_ambiguous",
      "4:population{sex:f}:value_not_number",
    ]);
  });

  it("reads a Windows-1252 CSV with German headers and decimal commas", async () => {
    const text =
      "Gebiet;Jahr;Merkmal;Wert;Staatsangehörigkeit\r\nunna-mitte;2020;area_km2;12,5;\r\nunna-mitte;2020;population;300;ausländisch\r\n";
    const bytes = new Uint8Array([...text].map((ch) => ch.charCodeAt(0)));
    const read = await readTable(bytes, "werte.csv");
    expect(read).toMatchObject({ ok: true, format: "csv", encoding: "windows-1252" });
    if (!read.ok) return;
    const o = parseImportTable(read.rows, ctx);
    expect(o.issues).toEqual([]);
    expect(o.values.map((v) => [v.breakdown, v.value])).toEqual([
      ["", 12.5],
      ["nationality:foreign", 300],
    ]);
  });

  it("keeps true row numbers across blank lines", async () => {
    const text =
      "\uFEFFGebiet,Jahr,Merkmal,Wert\n\nunna-mitte,2020,population,1\nunna-nord,2020,population,1\n";
    const read = await readTable(new TextEncoder().encode(text), "werte.csv");
    if (!read.ok) throw new Error("unreadable");
    expect(codes(parseImportTable(read.rows, ctx))).toEqual(["4:Gebiet:unknown_area"]);
  });

  it("reads XLSX (numbers as numbers, the first sheet)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Werte");
    ws.addRow(["Gebiet", "Jahr", "population", "area_km2"]);
    ws.addRow(["unna-mitte", 2021, 17900, 12.5]);
    ws.addRow([]);
    ws.addRow(["unna-sued", 2021, "1000", "3,25"]);
    ws.addRow(["unna-mitte", 2020, 1.234, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readTable(bytes, "werte.xlsx");
    expect(read).toMatchObject({ ok: true, format: "xlsx" });
    if (!read.ok) return;
    const o = parseImportTable(read.rows, ctx);
    // A number cell is a number: 1.234 in row 5 is not "ambiguous", it is not whole.
    expect(codes(o)).toEqual(["5:population:count_not_whole"]);
    expect(o.values.map((v) => [v.row, v.element, v.value])).toEqual([
      [2, "population", 17900],
      [2, "area_km2", 12.5],
      [4, "population", 1000],
      [4, "area_km2", 3.25],
    ]);
  });

  it("refuses files that are not tables", async () => {
    expect(await readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx")).toEqual({
      ok: false,
      code: "file_type",
    });
    expect(await readTable(new Uint8Array([1, 0, 2]), "x.csv")).toEqual({ ok: false, code: "file_type" });
  });
});
