// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
/**
 * Repeats in repeats (decision 091): the fixture `nested-repeats.xlsx` (household → child →
 * course, as KoboToolbox and ODK household surveys nest them) imported, filled as the browser
 * posts it, checked, stored apart (free text), shown by the API and written back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rawTables } from "./analysis-export.ts";
import { checkAnswers, checkDefinition, needsFrom, readSubmission } from "./engine.ts";
import type { ResponseRow } from "./responses.repo.ts";
import { answersView, mergeTextAnswers, splitTextAnswers } from "./responses.ts";
import type { Answers, FormDefinition } from "./types.ts";
import { readXlsForm, writeXlsForm } from "./xlsform.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, "../../../tests/fixtures/xlsform", name)));
const today = { today: "2026-03-01" };

async function nested(): Promise<FormDefinition> {
  const r = await readXlsForm(fixture("nested-repeats.xlsx"));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}

/** Two households as the page posts them; the second one's first child has two courses. */
const POSTED: [string, string][] = [
  ["q.haushalt.0.haushalt_name", "Arslan"],
  ["q.haushalt.0.anzahl_kinder", "1"],
  ["q.haushalt.0.kind.0.kind_name", "Deniz"],
  ["q.haushalt.0.kind.0.kind_alter", "4"],
  ["q.haushalt.0.kind.0.schulplatz", "nein"],
  ["q.haushalt.1.haushalt_name", "Haddad"],
  ["q.haushalt.1.anzahl_kinder", "2"],
  ["q.haushalt.1.kind.0.kind_name", "Lina"],
  ["q.haushalt.1.kind.0.kind_alter", "9"],
  ["q.haushalt.1.kind.0.schulplatz", "ja"],
  ["q.haushalt.1.kind.0.kurs.0.kurs_name", "Schwimmen"],
  ["q.haushalt.1.kind.0.kurs.1.kurs_name", "Chor"],
  ["q.haushalt.1.kind.1.kind_name", "Omar"],
  ["q.haushalt.1.kind.1.kind_alter", "x"],
];

describe("nested repeats", () => {
  it("imports the household survey's repeats in repeats with their group and expressions", async () => {
    const def = await nested();
    const household = def.nodes[0]!;
    expect(household).toMatchObject({ type: "repeat", name: "haushalt" });
    const child = household.children!.find((n) => n.name === "kind")!;
    expect(child).toMatchObject({ type: "repeat", repeatCount: "${anzahl_kinder}" });
    expect(child.children!.map((n) => [n.type, n.name])).toEqual([
      ["calculate", "kind_nr"],
      ["text", "kind_name"],
      ["integer", "kind_alter"],
      ["group", "schule"],
      ["repeat", "kurs"],
    ]);
    expect(checkDefinition(def)).toEqual([]);
  });

  it("refuses a fourth level at its row", async () => {
    const r = await readXlsForm(fixture("nested-too-deep.xlsx"));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        expect.objectContaining({ code: "repeat_nested", sheet: "survey", row: 5, detail: "r4" }),
      ]);
  });

  it("reads the posted fields per instance, with errors at the nested path", async () => {
    const def = await nested();
    const { answers, errors } = readSubmission(def, POSTED);
    expect(errors).toEqual([{ path: "haushalt[1].kind[1].kind_alter", code: "integer" }]);
    const second = (answers.haushalt as Answers[])[1]!;
    const lina = (second.kind as Answers[])[0]!;
    expect(lina.kurs).toEqual([{ kurs_name: "Schwimmen" }, { kurs_name: "Chor" }]);
  });

  it("evaluates relevance, position, count and indexed-repeat per instance", async () => {
    const def = await nested();
    const { answers } = readSubmission(def, POSTED.slice(0, -1));
    const { answers: checked, errors, hidden } = checkAnswers(def, answers, today);
    expect(errors).toEqual([]);
    // the four-year-old's school group does not apply: hidden at its nested path, answer dropped
    expect(hidden).toContain("haushalt[0].kind[0].schule");
    const [h1, h2] = checked.haushalt as Answers[];
    expect((h1!.kind as Answers[])[0]).toEqual({ kind_nr: 1, kind_name: "Deniz", kind_alter: 4 });
    expect(h2).toMatchObject({ erstes_kind: "Lina", kinder_erfasst: 2 });
    expect((h2!.kind as Answers[]).map((k) => k.kind_nr)).toEqual([1, 2]);
    expect(h1).toMatchObject({ erstes_kind: "Deniz", kinder_erfasst: 1 });
    expect(checked.h2_erstes_kind).toBe("Lina");
  });

  it("holds the inner repeat_count to the enclosing instance's answer", async () => {
    const def = await nested();
    const posted: [string, string][] = [
      ["q.haushalt.0.anzahl_kinder", "1"],
      ["q.haushalt.0.kind.0.kind_name", "A"],
      ["q.haushalt.0.kind.1.kind_name", "B"],
    ];
    const { errors } = checkAnswers(def, readSubmission(def, posted).answers, today);
    expect(errors).toEqual([{ path: "haushalt[0].kind", code: "too_many" }]);
  });

  it("keeps free text apart in every nested instance and puts it back", async () => {
    const def = await nested();
    const { answers } = checkAnswers(def, readSubmission(def, POSTED.slice(0, -1)).answers, today);
    const { structured, text } = splitTextAnswers(def, answers);
    // A calculation copying a name (erstes_kind) is free text too; a count stays structured.
    expect(JSON.stringify(structured)).not.toMatch(/Schwimmen|Haddad|Omar|Lina|Deniz/);
    expect(JSON.stringify(text)).toMatch(/Schwimmen/);
    expect(JSON.stringify(text)).toMatch(/Lina/);
    expect(JSON.stringify(structured)).toMatch(/"kinder_erfasst":2/);
    expect(mergeTextAnswers(structured, text)).toEqual(answers);
    const view = answersView(answers);
    expect(((view.haushalt as Answers[])[1]!.kind as Answers[])[0]!.kurs).toEqual([
      { kurs_name: "Schwimmen" },
      { kurs_name: "Chor" },
    ]);
  });

  it("writes nested repeats back as XLSForm that reads the same", async () => {
    const def = await nested();
    const again = await readXlsForm(await writeXlsForm(def));
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.definition.nodes).toEqual(def.nodes);
  });

  it("opens a need from an answer two repeats deep", () => {
    const def: FormDefinition = {
      formId: "f",
      title: { de: "F" },
      defaultLanguage: "de",
      languages: ["de"],
      choices: {},
      nodes: [
        {
          type: "repeat",
          name: "outer",
          label: { de: "O" },
          children: [
            {
              type: "repeat",
              name: "inner",
              label: { de: "I" },
              children: [{ type: "text", name: "school_wish", label: { de: "S" }, need: "school" }],
            },
          ],
        },
      ],
    };
    expect(needsFrom(def, { outer: [{}, { inner: [{ school_wish: "Gymnasium" }] }] })).toEqual(["school"]);
    expect(needsFrom(def, { outer: [{ inner: [{}] }] })).toEqual([]);
  });

  it("exports one table per repeat, every instance linked to its parent's row (decision 106)", async () => {
    const def = await nested();
    const { answers } = checkAnswers(def, readSubmission(def, POSTED.slice(0, -1)).answers, today);
    const row = {
      id: "r-1",
      formVersion: 1,
      channel: "case",
      submittedAt: new Date(0),
    } as unknown as ResponseRow;
    const tables = rawTables(def, [row, { ...row, id: "r-2" }], () => answers);
    expect(tables.map((t) => [t.name, t.parent])).toEqual([
      ["responses", null],
      ["haushalt", "responses"],
      ["kind", "haushalt"],
      ["kurs", "kind"],
    ]);
    const kind = tables.find((t) => t.name === "kind")!.lines;
    expect(kind[0]!.slice(0, 5)).toEqual([
      "_index",
      "_parent_table_name",
      "_parent_index",
      "response_id",
      "position",
    ]);
    const name = kind[0]!.indexOf("kind_name");
    // per response: Deniz in household 1, Lina and Omar in household 2
    expect(kind.slice(1).map((l) => [l[0], l[2], l[3], l[4], l[name]])).toEqual([
      ["1", "1", "r-1", "1", "Deniz"],
      ["2", "2", "r-1", "1", "Lina"],
      ["3", "2", "r-1", "2", "Omar"],
      ["4", "3", "r-2", "1", "Deniz"],
      ["5", "4", "r-2", "1", "Lina"],
      ["6", "4", "r-2", "2", "Omar"],
    ]);
    const kurs = tables.find((t) => t.name === "kurs")!.lines.slice(1);
    expect(kurs.map((l) => [l[1], l[2], l.at(-1)])).toEqual([
      ["kind", "2", "Schwimmen"],
      ["kind", "2", "Chor"],
      ["kind", "5", "Schwimmen"],
      ["kind", "5", "Chor"],
    ]);
    expect(tables[0]!.lines.map((l) => l[0])).toEqual(["_index", "1", "2"]);
  });
});
