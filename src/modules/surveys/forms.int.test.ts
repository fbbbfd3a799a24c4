import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { createSurveyFixture, errorOf, type SurveyFixture } from "./test-fixture.ts";

let fx: SurveyFixture;
let ctx: SurveyFixture["ctx"];
let p: SurveyFixture["p"];

beforeAll(async () => {
  fx = await createSurveyFixture();
  ({ ctx, p } = fx);
});

afterAll(async () => {
  await fx?.ctx.close();
});

describe("forms", () => {
  it("creates forms from the seed templates; a second copy gets its own code", async () => {
    const again = await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_needs");
    const list = await ctx.services.surveys.listForms(p("cw"));
    const codes = list.map((f) => f.code).sort();
    expect(codes).toContain("luenen_needs");
    expect(codes).toContain("luenen_needs_2");
    expect(again.code).toBe("luenen_needs_2");
    // Case workers read forms but do not create them.
    const e = await errorOf(ctx.services.surveys.createFromTemplate(p("cw"), "luenen_needs"));
    expect(e.code).toBe("forbidden");
  });

  it("refuses a malformed XLSForm with sheet, row and column, and creates nothing", async () => {
    const before = (await ctx.services.surveys.listForms(p("coord"))).length;
    const wb = new ExcelJS.Workbook();
    const survey = wb.addWorksheet("survey");
    survey.addRow(["type", "name", "label"]);
    survey.addRow(["integer", "age", "Alter"]);
    survey.addRow(["select_one colours", "colour", "Farbe"]);
    survey.addRow(["text", "age", "doppelt"]);
    survey.addRow(["text", "why", "Warum?"]);
    survey.getCell("D1").value = "relevant";
    survey.getCell("D5").value = "${unknown} > 3";
    wb.addWorksheet("choices").addRow(["list_name", "name", "label"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = await errorOf(ctx.services.surveys.importXlsForm(p("coord"), bytes));
    expect(e.code).toBe("validation_failed");
    const codes = e.fields.map((f) => f.code);
    expect(codes).toContain("xlsform_list_unknown");
    expect(codes).toContain("xlsform_name_duplicate");
    expect(codes).toContain("xlsform_expression_unknown_field");
    const unknownField = e.fields.find((f) => f.code === "xlsform_expression_unknown_field")!;
    expect(unknownField.params).toMatchObject({ sheet: "survey", row: "5", column: "relevant" });
    expect((await ctx.services.surveys.listForms(p("coord"))).length).toBe(before);
  });

  it("imports a KoboToolbox form, skipping its metadata rows and saying which", async () => {
    const wb = new ExcelJS.Workbook();
    const survey = wb.addWorksheet("survey");
    survey.addRow(["type", "name", "label::English (en)", "label::Arabic (ar)", "required"]);
    survey.addRow(["start", "start", "", "", ""]);
    survey.addRow(["deviceid", "deviceid", "", "", ""]);
    survey.addRow([
      "integer",
      "household_size",
      "How many people live with you?",
      "كم عدد الأشخاص الذين يعيشون معك؟",
      "yes",
    ]);
    wb.addWorksheet("choices").addRow(["list_name", "name", "label::English (en)"]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Kobo household", "kobo_household", "English (en)"],
    ]);
    const r = await ctx.services.surveys.importXlsForm(
      p("coord"),
      new Uint8Array(await wb.xlsx.writeBuffer()),
    );
    expect(r.skipped).toEqual(expect.arrayContaining(["start", "deviceid"]));
    const f = await ctx.services.surveys.getForm(p("coord"), r.form.id);
    expect(f.definition.languages).toEqual(["en", "ar"]);
    expect(f.definition.nodes.map((n) => n.name)).toEqual(["household_size"]);
  });

  it("refuses an oversized file before unpacking it", async () => {
    const e = await errorOf(ctx.services.surveys.importXlsForm(p("coord"), new Uint8Array(6 * 2 ** 20)));
    expect(e.fields[0]).toMatchObject({ field: "file", code: "import_file_too_large" });
  });

  it("an XLSForm export imports again as the same form", async () => {
    const out = await ctx.services.surveys.exportXlsForm(p("cw"), fx.outcomeForm);
    const r = await ctx.services.surveys.importXlsForm(p("coord"), out.bytes);
    const a = await ctx.services.surveys.getForm(p("coord"), fx.outcomeForm);
    const b = await ctx.services.surveys.getForm(p("coord"), r.form.id);
    expect({ ...b.definition, formId: "x" }).toEqual({ ...a.definition, formId: "x" });
  });

  it("the import API takes the file as multipart; without one it names the field, and creates nothing", async () => {
    const post = (body: FormData) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/forms/import`, {
        method: "POST",
        headers: { origin: TEST_BASE_URL, cookie: fx.who.coord!.cookie, "accept-language": "de" },
        body,
      });
    const before = (await ctx.services.surveys.listForms(p("coord"))).length;
    const none = await post(new FormData());
    expect(none.status).toBe(422);
    const problem = (await none.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: "file", code: "required" })]);
    expect((await ctx.services.surveys.listForms(p("coord"))).length).toBe(before);
    const out = await ctx.services.surveys.exportXlsForm(p("cw"), fx.outcomeForm);
    const body = new FormData();
    body.set("file", new File([out.bytes], out.fileName));
    const created = await post(body);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ number: 1, replaced: false, skipped: [] });
  });

  it("the import API lists every skipped row and renamed question, in the caller's language", async () => {
    const fixture = (name: string) =>
      readFileSync(join(import.meta.dirname, "../../../tests/fixtures/xlsform", name));
    const post = async (name: string) => {
      const body = new FormData();
      body.set("file", new File([fixture(name)], name));
      return ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/forms/import`, {
        method: "POST",
        headers: { origin: TEST_BASE_URL, cookie: fx.who.coord!.cookie, "accept-language": "en" },
        body,
      });
    };
    const kobo = await post("kobo-metadata.xlsx");
    expect(kobo.status).toBe(201);
    const r = (await kobo.json()) as { skipped: string[]; warnings: Record<string, unknown>[] };
    expect(r.skipped).toEqual(["start", "end", "deviceid"]);
    expect(r.warnings.map((w) => [w.code, w.row, w.detail])).toEqual([
      ["type_unknown", 2, "start"],
      ["type_unknown", 3, "end"],
      ["type_unknown", 4, "deviceid"],
    ]);
    expect(r.warnings[0]!.message).toBe(
      "Sheet “survey”, row 2: “start” left out, Lotse does not need or know it.",
    );
    const groups = (await (await post("names-per-group.xlsx")).json()) as typeof r;
    expect(groups.warnings).toEqual([
      {
        code: "name_renamed",
        sheet: "survey",
        row: 7,
        column: "name",
        detail: "age → child_age",
        message:
          "Sheet “survey”, row 7, column “name”: renamed (age → child_age), because the name already occurs in another group.",
      },
    ]);
  });

  it("the import API refuses an ambiguous reference naming sheet, row and column, and creates nothing", async () => {
    const before = (await ctx.services.surveys.listForms(p("coord"))).length;
    const body = new FormData();
    const bytes = readFileSync(
      join(import.meta.dirname, "../../../tests/fixtures/xlsform/names-ambiguous.xlsx"),
    );
    body.set("file", new File([bytes], "names-ambiguous.xlsx"));
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/forms/import`, {
      method: "POST",
      headers: { origin: TEST_BASE_URL, cookie: fx.who.coord!.cookie, "accept-language": "de" },
      body,
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(problem.errors.map((e) => e.code)).toEqual(["xlsform_name_ambiguous"]);
    expect(problem.errors[0]!.message).toContain("Blatt „survey“, Zeile 8, Spalte „relevant“");
    expect((await ctx.services.surveys.listForms(p("coord"))).length).toBe(before);
  });

  it("the import API takes the CSV files a from_file question names; without one it names the file", async () => {
    const dir = join(import.meta.dirname, "../../../tests/fixtures/xlsform");
    const post = (names: string[]) => {
      const body = new FormData();
      body.set(
        "file",
        new File([readFileSync(join(dir, "choices-from-file.xlsx"))], "choices-from-file.xlsx"),
      );
      for (const n of names) body.append("choiceFiles", new File([readFileSync(join(dir, n))], n));
      return ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/forms/import`, {
        method: "POST",
        headers: { origin: TEST_BASE_URL, cookie: fx.who.coord!.cookie, "accept-language": "de" },
        body,
      });
    };
    const before = (await ctx.services.surveys.listForms(p("coord"))).length;
    const missing = await post(["stadtbezirke.csv"]);
    expect(missing.status).toBe(422);
    const problem = (await missing.json()) as { errors: { code: string; message: string }[] };
    expect(problem.errors.map((e) => e.code)).toEqual(["xlsform_choice_file_missing"]);
    expect(problem.errors[0]!.message).toContain("Zeile 3");
    expect(problem.errors[0]!.message).toContain("„quartiere.csv“");
    expect((await ctx.services.surveys.listForms(p("coord"))).length).toBe(before);

    const created = await post(["stadtbezirke.csv", "quartiere.csv"]);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const form = await ctx.services.surveys.getForm(p("coord"), id);
    expect(form.definition.choices.quartiere?.map((c) => c.columns?.bezirk)).toEqual([
      "mitte",
      "mitte",
      "koenigsborn",
      "massen",
    ]);
    expect(form.definition.nodes.map((n) => n.listName)).toEqual([
      "stadtbezirke",
      "quartiere",
      "stadtbezirke",
    ]);
  });
});
