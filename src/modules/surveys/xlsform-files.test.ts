// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkAnswers } from "./engine.ts";
import { type ChoiceFile, readXlsForm, writeXlsForm } from "./xlsform.ts";

async function workbook(sheets: Record<string, string[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const csv = (name: string, text: string): ChoiceFile => ({ name, bytes: new TextEncoder().encode(text) });

/** As ODK Central takes it: the form names the CSV, the CSV is a form attachment. */
const form = () =>
  workbook({
    survey: [
      ["type", "name", "label::English (en)", "choice_filter", "parameters"],
      ["select_one_from_file districts.csv", "district", "District", "", ""],
      ["select_one_from_file quarters.csv", "quarter", "Quarter", "district=${district}", ""],
      ["select_multiple_from_file offers.csv", "offers", "Offers", "", "value=code label=title"],
    ],
    settings: [
      ["form_title", "default_language"],
      ["Files", "English (en)"],
    ],
  });

// ODK writes UTF-8 CSV with commas and CRLF; translations as on the choices sheet
const files = [
  csv(
    "districts.csv",
    "name,label::English (en),label::Deutsch (de)\r\nmitte,Centre,Mitte\r\nnord,North,Nord\r\n",
  ),
  csv("quarters.csv", "name,label,district\r\nq1,Altstadt,mitte\r\nq2,Hafen,nord\r\nq3,Markt,mitte\r\n"),
  csv("offers.csv", '\uFEFFcode,title\r\nlang,Sprachkurs\r\n\r\nberatung,"Beratung, offen"\r\n'),
];

describe("select_one_from_file", () => {
  it("reads the choices from the CSV files uploaded beside the form", async () => {
    const r = await readXlsForm(await form(), files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const def = r.definition;
    expect(def.nodes.map((n) => [n.type, n.listName])).toEqual([
      ["select_one", "districts"],
      ["select_one", "quarters"],
      ["select_multiple", "offers"],
    ]);
    expect(def.choices.districts).toEqual([
      { name: "mitte", label: { en: "Centre", de: "Mitte" } },
      { name: "nord", label: { en: "North", de: "Nord" } },
    ]);
    expect(def.choices.quarters?.[1]).toEqual({
      name: "q2",
      label: { en: "Hafen" },
      columns: { district: "nord" },
    });
    // parameters name other columns; the BOM and an empty line are not data
    expect(def.choices.offers).toEqual([
      { name: "lang", label: { en: "Sprachkurs" } },
      { name: "beratung", label: { en: "Beratung, offen" } },
    ]);
    // the cascading select filters on the file's column
    const checked = checkAnswers(def, { district: "mitte", quarter: "q2" }, { today: "2026-01-01" });
    expect(checked.errors.map((e) => e.path)).toEqual(["quarter"]);
    expect(checkAnswers(def, { district: "nord", quarter: "q2" }, { today: "2026-01-01" }).errors).toEqual(
      [],
    );
  });

  it("names the missing file at the question's row, and nothing else", async () => {
    const r = await readXlsForm(await form(), files.slice(0, 2));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { code: "choice_file_missing", sheet: "survey", row: 4, column: "type", detail: "offers.csv" },
    ]);
  });

  it("refuses other file types and CSV files without the value or label column", async () => {
    const bytes = await workbook({
      survey: [
        ["type", "name", "label"],
        ["select_one_from_file places.kml", "place", "Place"],
        ["select_one_from_file codes.csv", "code", "Code"],
      ],
    });
    const r = await readXlsForm(bytes, [csv("codes.csv", "value;label\na;A\n")]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.row, e.detail])).toEqual([
      ["choice_file_unsupported", 2, "places.kml"],
      ["choice_file_column_missing", 3, "codes.csv: name"],
    ]);
  });

  it("exports the file's choices on the choices sheet, readable without the file", async () => {
    const r = await readXlsForm(await form(), files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const again = await readXlsForm(await writeXlsForm(r.definition));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.definition.choices.quarters).toEqual(r.definition.choices.quarters);
    expect(again.definition.nodes[1]?.choiceFilter).toBe("district=${district}");
    // value=/label= were applied on import; a plain select must not carry them (pyxform refuses)
    expect(r.definition.nodes[2]?.parameters).toBeUndefined();
  });
});
