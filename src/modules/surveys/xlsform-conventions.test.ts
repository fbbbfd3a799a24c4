// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
/**
 * The XLSForm conventions pyxform accepts, one fixture each (tests/fixtures/xlsform/, written by
 * scripts/fixtures-xlsform.ts; decision 035).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAnswers, readSubmission } from "./engine.ts";
import type { FormDefinition, FormError, FormNode } from "./types.ts";
import { readXlsForm, writeXlsForm } from "./xlsform.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, "../../../tests/fixtures/xlsform", name)));

async function read(name: string): Promise<{ definition: FormDefinition; warnings: FormError[] }> {
  const r = await readXlsForm(fixture(name));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.errors)}`);
  return r;
}
async function refused(name: string): Promise<FormError[]> {
  const r = await readXlsForm(fixture(name));
  if (r.ok) throw new Error("read without errors");
  return r.errors;
}
const find = (nodes: FormNode[], name: string): FormNode | undefined => {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = find(n.children ?? [], name);
    if (inner) return inner;
  }
  return undefined;
};
const today = { today: "2026-03-01" };

describe("XLSForm as pyxform accepts it", () => {
  it("reads typographic quotes in expressions as plain quotes", async () => {
    const { definition } = await read("smart-quotes.xlsx");
    const district = find(definition.nodes, "district")!;
    expect(district.relevant).toBe("${consent} = 'yes'");
    expect(district.constraint).toBe('string-length(.) > 1 or . = "-"');
    expect(checkAnswers(definition, { consent: "no", district: "x" }, today).hidden).toContain("district");
  });

  it("renames a name used again in another group, with a warning naming the row", async () => {
    const { definition, warnings } = await read("names-per-group.xlsx");
    expect(find(definition.nodes, "age")?.label).toEqual({ default: "Alter" });
    expect(find(definition.nodes, "child_age")).toBeDefined();
    expect(warnings).toEqual([
      { code: "name_renamed", sheet: "survey", row: 7, column: "name", detail: "age → child_age" },
    ]);
  });

  it("refuses a twice-used name that an expression refers to, at the referring row", async () => {
    expect(await refused("names-ambiguous.xlsx")).toEqual([
      { code: "name_ambiguous", sheet: "survey", row: 8, column: "relevant", detail: "age" },
    ]);
  });

  it("reads single-colon language headers and jr: columns", async () => {
    const { definition } = await read("single-colon.xlsx");
    expect(definition.defaultLanguage).toBe("en");
    expect(definition.languages).toEqual(["en", "fr"]);
    const q = definition.nodes[0]!;
    expect(q.label).toEqual({ en: "Household size", fr: "Taille du ménage" });
    expect(q.hint).toEqual({ en: "Everyone living here" });
    expect(q.constraintMessage).toEqual({ en: "At least one" });
  });

  it("honours allow_choice_duplicates, and refuses duplicates without it", async () => {
    const { definition } = await read("choice-duplicates.xlsx");
    expect(definition.allowChoiceDuplicates).toBe(true);
    expect(definition.choices.rooms!.map((c) => c.name)).toEqual(["1", "1", "2"]);
    const back = await readXlsForm(await writeXlsForm(definition));
    expect(back.ok && back.definition.allowChoiceDuplicates).toBe(true);
    expect(await refused("choice-duplicates-refused.xlsx")).toEqual([
      { code: "choice_duplicate", sheet: "choices", row: 3, column: "name", detail: "rooms/1" },
    ]);
  });

  it("names notes without a name after their row", async () => {
    const { definition } = await read("note-without-name.xlsx");
    expect(definition.nodes.map((n) => n.name)).toEqual([
      "generated_note_name_2",
      "first_name",
      "generated_note_name_4",
    ]);
  });

  it("warns about a choice without a label and accepts spaces in a select_one's choice names", async () => {
    const { definition, warnings } = await read("choice-labels-and-spaces.xlsx");
    expect(definition.choices.status!.map((c) => c.name)).toEqual(["recognised", "not known", "other"]);
    expect(warnings).toEqual([
      { code: "label_missing", sheet: "choices", row: 4, column: "label", detail: "status/other" },
    ]);
    expect(checkAnswers(definition, { status: "not known" }, today).errors).toEqual([]);
  });

  it("refuses spaces in the choice names of a select_multiple's list", async () => {
    expect(await refused("choice-spaces-multiple.xlsx")).toEqual([
      {
        code: "choice_name_spaces",
        sheet: "choices",
        row: 3,
        column: "name",
        detail: "languages/sign language",
      },
    ]);
  });

  it("imports choice_filter, evaluates it, and exports the filter columns", async () => {
    const { definition } = await read("cascading.xlsx");
    const quarter = find(definition.nodes, "quarter")!;
    expect(quarter.choiceFilter).toBe("district=${district}");
    expect(definition.choices.quarter![0]!.columns).toEqual({ district: "mitte" });
    expect(checkAnswers(definition, { district: "mitte", quarter: "altstadt" }, today).errors).toEqual([]);
    expect(checkAnswers(definition, { district: "nord", quarter: "altstadt" }, today).errors).toEqual([
      { path: "quarter", code: "choice" },
    ]);
    const back = await readXlsForm(await writeXlsForm(definition));
    expect(back.ok && back.definition).toEqual(definition);
  });

  it("reads the legacy type spellings", async () => {
    const { definition } = await read("legacy-types.xlsx");
    const person = definition.nodes[0]!;
    expect(person.type).toBe("group");
    expect(person.children!.map((c) => [c.type, c.listName])).toEqual([
      ["select_one", "sex"],
      ["select_multiple", "help"],
    ]);
  });

  it("skips KoboToolbox's metadata rows and names each row", async () => {
    const { definition, warnings } = await read("kobo-metadata.xlsx");
    expect(definition.nodes.map((n) => n.name)).toEqual(["remarks"]);
    expect(warnings.map((w) => [w.row, w.detail])).toEqual([
      [2, "start"],
      [3, "end"],
      [4, "deviceid"],
    ]);
  });

  it("reads an old Excel file (.xls) like an .xlsx", async () => {
    const { definition, warnings } = await read("household.xls");
    expect(warnings).toEqual([]);
    expect(definition).toMatchObject({
      formId: "household",
      version: "2024031501",
      title: { en: "Household" },
      defaultLanguage: "en",
      languages: ["en", "de"],
    });
    expect(definition.nodes.map((n) => [n.type, n.name])).toEqual([
      ["note", "generated_note_name_2"],
      ["integer", "members"],
      ["yes_no", "children"],
      ["group", "contact"],
    ]);
    expect(find(definition.nodes, "children")!.relevant).toBe("${members} > 1");
    expect(find(definition.nodes, "phone")!.label).toEqual({ en: "Phone", de: "Telefon" });
  });

  it("calls a damaged .xls unreadable", async () => {
    const bytes = fixture("household.xls").slice(0, 600);
    expect(await readXlsForm(bytes)).toEqual({ ok: false, errors: [{ code: "file_unreadable" }] });
  });

  it("reads time, range, acknowledge and geopoint, and checks their answers", async () => {
    const { definition } = await read("question-types.xlsx");
    expect(definition.nodes.map((n) => [n.type, n.parameters])).toEqual([
      ["acknowledge", undefined],
      ["time", undefined],
      ["range", "start=0 end=10 step=2"],
      ["range", undefined],
      ["range", "start = 5; end = 1; step = -1"],
      ["geopoint", undefined],
    ]);
    const ok = checkAnswers(
      definition,
      {
        privacy_ok: "OK",
        appointment: "14:30",
        satisfaction: 4,
        default_scale: 10,
        spaced: 2,
        meeting_point: "51.5365 7.6890",
      },
      today,
    );
    expect(ok.errors).toEqual([]);
    const bad = checkAnswers(
      definition,
      { appointment: "25:00", satisfaction: 5, default_scale: 0, spaced: 6, meeting_point: "7.6 181" },
      today,
    );
    expect(bad.errors).toEqual([
      { path: "appointment", code: "time" },
      { path: "meeting_point", code: "geopoint" },
      { path: "privacy_ok", code: "required" },
      { path: "satisfaction", code: "range" },
      { path: "default_scale", code: "range" },
      { path: "spaced", code: "range" },
    ]);
    // the picker's two fields make one point; Arabic-Indic digits are read too
    const read2 = readSubmission(definition, [
      ["q.meeting_point.lat", "٥١.٥"],
      ["q.meeting_point.lon", "7.68"],
      ["q.privacy_ok", "OK"],
    ]);
    expect(read2).toEqual({ answers: { meeting_point: "51.5 7.68", privacy_ok: "OK" }, errors: [] });
    expect(readSubmission(definition, [["q.meeting_point.lat", "51.5"]]).errors).toEqual([
      { path: "meeting_point", code: "geopoint" },
    ]);
    const back = await readXlsForm(await writeXlsForm(definition));
    expect(back.ok && back.definition).toEqual(definition);
  });

  it("refuses range parameters that are not numbers, naming the parameters column", async () => {
    expect(await refused("range-invalid.xlsx")).toEqual([
      { code: "parameters_invalid", sheet: "survey", row: 2, column: "parameters", detail: "score" },
    ]);
  });

  it("reads photo, recording and document questions with pyxform's parameters, and writes them back", async () => {
    const { definition, warnings } = await read("media-answers.xlsx");
    // background-audio records the whole interview on the device: skipped and named
    expect(warnings.map((w) => [w.code, w.row, w.detail])).toEqual([["type_unknown", 2, "background-audio"]]);
    expect(
      ["bescheid", "wohnung_foto", "sprachnachricht", "ausweis_foto"].map((n) => {
        const node = find(definition.nodes, n)!;
        return [node.type, node.parameters ?? null];
      }),
    ).toEqual([
      ["file", null],
      ["image", "max-pixels=1024"],
      ["audio", "quality=normal"],
      ["image", "max-pixels=640 app=org.example.camera"],
    ]);
    const id = "0b6c7d1e-4a0f-4e53-9d3c-2f1a5b6c7d8e";
    // the answer is the id the server gave the upload; required behind relevant as for any answer
    const given = readSubmission(definition, [
      ["q.hat_bescheid", "ja"],
      ["q.mitglied.0.mitglied_name", "Amal"],
      ["q.mitglied.0.ausweis_foto", id.toUpperCase()],
      ["q.wohnung_foto", "C:\\fotos\\wohnung.jpg"],
    ]);
    expect(given.answers).toEqual({
      hat_bescheid: "ja",
      mitglied: [{ mitglied_name: "Amal", ausweis_foto: id }],
    });
    expect(given.errors).toEqual([{ path: "wohnung_foto", code: "file" }]);
    expect(checkAnswers(definition, given.answers, today).errors).toEqual([
      { path: "bescheid", code: "required" },
    ]);
    const back = await readXlsForm(await writeXlsForm(definition));
    expect(back.ok && back.definition).toEqual(definition);
  });

  it("refuses media parameters pyxform refuses, naming the row", async () => {
    expect(await refused("media-parameters-invalid.xlsx")).toEqual([
      { code: "image_parameters_invalid", sheet: "survey", row: 2, column: "parameters", detail: "foto" },
      { code: "audio_parameters_invalid", sheet: "survey", row: 3, column: "parameters", detail: "aufnahme" },
    ]);
  });

  it("reads choices from a QGIS GeoJSON layer and an XML list uploaded beside the form", async () => {
    const r = await readXlsForm(fixture("choices-from-geojson-xml.xlsx"), [
      { name: "beratungsstellen.geojson", bytes: fixture("beratungsstellen.geojson") },
      { name: "sprachen.xml", bytes: fixture("sprachen.xml") },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { choices } = r.definition;
    expect(choices.beratungsstellen?.map((c) => [c.name, c.label.de, c.columns?.geometry])).toEqual([
      ["rathaus", "Bürgerbüro im Rathaus", "51.5349 7.6891 0 0"],
      ["koenigsborn", "Stadtteilbüro Königsborn", "51.5461 7.7093 0 0"],
    ]);
    expect(choices.beratungsstellen?.[0]?.columns).toMatchObject({ plz: "59423", barrierefrei: "true" });
    expect(choices.sprachen?.map((c) => c.name)).toEqual(["de", "ar", "uk"]);
    const answers = { stelle: "koenigsborn", sprache: "ar", treffpunkt: "51.5461 7.7093 0 0" };
    expect(checkAnswers(r.definition, answers, today).errors).toEqual([]);
  });
});
