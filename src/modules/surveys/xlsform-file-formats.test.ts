// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkAnswers } from "./engine.ts";
import { type ChoiceFile, readXlsForm, writeXlsForm } from "./xlsform.ts";

async function workbook(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("survey");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
const file = (name: string, text: string): ChoiceFile => ({ name, bytes: new TextEncoder().encode(text) });

// As ODK's documentation shows an external XML list: <root>, one <item> per choice, the
// item's children are its columns (here a district for a cascading select).
const quartersXml = `<?xml version="1.0" encoding="UTF-8"?>
<root>
  <item>
    <name>q1</name>
    <label>Altstadt</label>
    <district>mitte</district>
  </item>
  <item><name>q2</name><label><![CDATA[Hafen & Kai]]></label><district>nord</district></item>
</root>
`;

// As QGIS exports a layer: top-level "name" and "crs" members (ODK ignores them), properties with
// numbers, a feature id at the top level that wins over the property "id".
const placesGeojson = JSON.stringify({
  type: "FeatureCollection",
  name: "beratungsstellen",
  crs: { type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } },
  features: [
    {
      type: "Feature",
      id: "rathaus",
      properties: { id: "ignored", title: "Rathaus", district: "mitte", rooms: 4 },
      geometry: { type: "Point", coordinates: [7.6889, 51.5355] },
    },
    {
      type: "Feature",
      properties: { id: 7, title: "Hafenbüro", district: "nord", note: null },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [7.7, 51.54],
            [7.71, 51.54],
            [7.71, 51.55],
            [7.7, 51.54],
          ],
        ],
      },
    },
  ],
});

const form = () =>
  workbook([
    ["type", "name", "label", "choice_filter"],
    ["select_one districts", "district", "District", ""],
    ["select_one_from_file quarters.xml", "quarter", "Quarter", "district=${district}"],
    ["select_one_from_file places.geojson", "place", "Place", ""],
  ]);

async function withChoices(): Promise<Uint8Array> {
  const bytes = await form();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const choices = wb.addWorksheet("choices");
  for (const r of [
    ["list_name", "name", "label"],
    ["districts", "mitte", "Mitte"],
    ["districts", "nord", "Nord"],
  ])
    choices.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("choice files in XML and GeoJSON", () => {
  it("reads XML items and GeoJSON features as ODK Collect does", async () => {
    const r = await readXlsForm(await withChoices(), [
      file("quarters.xml", quartersXml),
      file("places.geojson", placesGeojson),
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const def = r.definition;
    expect(def.choices.quarters).toEqual([
      { name: "q1", label: { default: "Altstadt" }, columns: { district: "mitte" } },
      { name: "q2", label: { default: "Hafen & Kai" }, columns: { district: "nord" } },
    ]);
    // value `id` and label `title` by default; geometry in ODK's "lat lon alt acc" notation
    expect(def.choices.places).toEqual([
      {
        name: "rathaus",
        label: { default: "Rathaus" },
        columns: { district: "mitte", rooms: "4", geometry: "51.5355 7.6889 0 0" },
      },
      {
        name: "7",
        label: { default: "Hafenbüro" },
        columns: {
          district: "nord",
          geometry: "51.54 7.7 0 0; 51.54 7.71 0 0; 51.55 7.71 0 0; 51.54 7.7 0 0",
        },
      },
    ]);
    // the XML list's column drives the cascading select
    const today = { today: "2026-01-01" };
    expect(checkAnswers(def, { district: "mitte", quarter: "q2" }, today).errors.map((e) => e.path)).toEqual([
      "quarter",
    ]);
    expect(checkAnswers(def, { district: "nord", quarter: "q2", place: "7" }, today).errors).toEqual([]);
    // the export carries the file's choices on its choices sheet and reads back the same
    const again = await readXlsForm(await writeXlsForm(def));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.definition.choices.places).toEqual(def.choices.places);
  });

  it("takes other value and label columns from parameters", async () => {
    const bytes = await workbook([
      ["type", "name", "label", "parameters"],
      ["select_one_from_file places.geojson", "place", "Place", "value=district label=title"],
    ]);
    const r = await readXlsForm(bytes, [file("places.geojson", placesGeojson)]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.definition.choices.places?.map((c) => c.name)).toEqual(["mitte", "nord"]);
  });

  it("names the file, the feature and what is wrong", async () => {
    const bytes = await workbook([
      ["type", "name", "label"],
      ["select_one_from_file broken.xml", "a", "A"],
      ["select_one_from_file other.xml", "b", "B"],
      ["select_one_from_file lines.geojson", "c", "C"],
      ["select_one_from_file multi.geojson", "d", "D"],
      ["select_one_from_file nested.geojson", "e", "E"],
      ["select_one_from_file untitled.geojson", "f", "F"],
    ]);
    const multi = JSON.parse(placesGeojson);
    multi.features[1].geometry = { type: "MultiPolygon", coordinates: [] };
    const nested = JSON.parse(placesGeojson);
    nested.features[0].properties.address = { street: "Markt 1" };
    const untitled = JSON.parse(placesGeojson);
    for (const f of untitled.features) delete f.properties.title;
    const r = await readXlsForm(bytes, [
      file("broken.xml", "<root><item><name>a</name></root>"),
      file("other.xml", "<choices><item><name>a</name><label>A</label></item></choices>"),
      file("lines.geojson", JSON.stringify({ type: "Feature", properties: {} })),
      file("multi.geojson", JSON.stringify(multi)),
      file("nested.geojson", JSON.stringify(nested)),
      file("untitled.geojson", JSON.stringify(untitled)),
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const rows = r.errors.map((e) => [e.code, e.row, e.detail?.replace(/:\d+:\d+.*$/, "")]);
    expect(rows).toEqual([
      ["choice_file_xml_invalid", 2, expect.stringMatching(/^broken\.xml: /)],
      ["choice_file_xml_invalid", 3, "other.xml: <choices>"],
      ["choice_file_geojson_invalid", 4, "lines.geojson: FeatureCollection"],
      ["choice_file_geometry_unsupported", 5, "multi.geojson: Feature 2 (MultiPolygon)"],
      ["choice_file_geojson_invalid", 6, "nested.geojson: Feature 1: address"],
      ["choice_file_column_missing", 7, "untitled.geojson: title"],
    ]);
  });

  it("does not expand entities a file declares", async () => {
    const bytes = await workbook([
      ["type", "name", "label"],
      ["select_one_from_file x.xml", "x", "X"],
    ]);
    const xxe = `<?xml version="1.0"?><!DOCTYPE root [<!ENTITY e SYSTEM "file:///etc/passwd">]><root><item><name>&e;</name><label>L</label></item></root>`;
    const r = await readXlsForm(bytes, [file("x.xml", xxe)]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(["choice_file_xml_invalid"]);
  });
});
