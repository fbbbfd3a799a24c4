import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { RouterContextProvider, type data as routerData } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { action as questionAction } from "#app/app/routes/staff/surveys/editor-question.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { parseInput } from "#app/server/validation.ts";
import { TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { editQuestionInput } from "./editor.contracts.ts";
import {
  createSurveyFixture,
  errorOf,
  outcomeAnswers,
  type SurveyFixture,
  submission,
} from "./test-fixture.ts";

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

describe("the questionnaire editor (decision 096)", () => {
  /** A small form as an XLSForm import makes it: German and Arabic, a question and a note. */
  async function smallForm() {
    const wb = new ExcelJS.Workbook();
    const survey = wb.addWorksheet("survey");
    survey.addRow(["type", "name", "label::Deutsch (de)", "label::Arabic (ar)", "required"]);
    survey.addRow(["integer", "age", "Wie alt sind Sie?", "كم عمرك؟", "yes"]);
    survey.addRow(["note", "thanks", "Danke!", "شكرًا!", ""]);
    wb.addWorksheet("choices").addRow(["list_name", "name", "label::Deutsch (de)", "label::Arabic (ar)"]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Editor", "editor_form", "Deutsch (de)"],
    ]);
    const r = await ctx.services.surveys.importXlsForm(
      p("coord"),
      new Uint8Array(await wb.xlsx.writeBuffer()),
    );
    return r.form.id;
  }
  const versionOf = async (id: string) =>
    (await ctx.services.surveys.editorView(p("coord"), id)).form.version;
  /** A question as the page posts it, through the editor's contract. */
  const question = (fields: Record<string, unknown>) =>
    parseInput(editQuestionInput, { original: "", parent: "", ...fields });
  const courseQuestion = (version: number) =>
    question({
      version,
      type: "select_one",
      name: "course",
      label: { de: "Welcher Kurs?", ar: "أي دورة؟" },
      hint: { de: "Nur einer" },
      relevant: "${age} >= 18",
      constraint: "",
      choices: [
        { name: "german", label: { de: "Deutsch", ar: "الألمانية" } },
        { name: "job", label: { de: "Beruf", ar: "العمل" } },
        { name: "", label: { de: "", ar: "" } },
      ],
    });

  it("adds, moves and deletes questions; an export of the edit imports again as the same definition", async () => {
    const id = await smallForm();
    const added = await ctx.services.surveys.saveQuestion(
      p("coord"),
      id,
      courseQuestion(await versionOf(id)),
    );
    expect(added).toMatchObject({ number: 1, replaced: true, name: "course" });
    let def = (await ctx.services.surveys.getForm(p("coord"), id)).definition;
    expect(def.nodes.map((n) => n.name)).toEqual(["age", "thanks", "course"]);
    expect(def.nodes[2]).toEqual({
      type: "select_one",
      name: "course",
      label: { de: "Welcher Kurs?", ar: "أي دورة؟" },
      hint: { de: "Nur einer" },
      relevant: "${age} >= 18",
      listName: "course",
    });
    expect(def.choices.course).toEqual([
      { name: "german", label: { de: "Deutsch", ar: "الألمانية" } },
      { name: "job", label: { de: "Beruf", ar: "العمل" } },
    ]);

    await ctx.services.surveys.moveQuestion(p("coord"), id, {
      version: await versionOf(id),
      name: "course",
      direction: "up",
    });
    // A group starts with a note holding its label (XLSForm has no empty groups); a question goes in.
    await ctx.services.surveys.saveQuestion(
      p("coord"),
      id,
      question({ version: await versionOf(id), type: "group", name: "family", label: { de: "Familie" } }),
    );
    await ctx.services.surveys.saveQuestion(
      p("coord"),
      id,
      question({
        version: await versionOf(id),
        parent: "family",
        type: "integer",
        name: "children",
        label: { de: "Wie viele Kinder?", ar: "كم طفلًا؟" },
        constraint: ". <= 20",
        constraintMessage: { de: "Höchstens 20" },
      }),
    );
    await ctx.services.surveys.deleteQuestion(p("coord"), id, {
      version: await versionOf(id),
      name: "thanks",
    });
    def = (await ctx.services.surveys.getForm(p("coord"), id)).definition;
    expect(def.nodes.map((n) => n.name)).toEqual(["age", "course", "family"]);
    expect(def.nodes[2]!.children!.map((n) => n.name)).toEqual(["family_note", "children"]);

    // Renaming a question renames the references to it.
    const age = def.nodes[0]!;
    await ctx.services.surveys.saveQuestion(
      p("coord"),
      id,
      question({
        version: await versionOf(id),
        original: "age",
        type: "integer",
        name: "age_years",
        label: age.label,
        required: "on",
      }),
    );
    def = (await ctx.services.surveys.getForm(p("coord"), id)).definition;
    expect(def.nodes[1]!.relevant).toBe("${age_years} >= 18");
    expect(def.nodes[0]!.required).toBe(true);

    const out = await ctx.services.surveys.exportXlsForm(p("coord"), id);
    const again = await ctx.services.surveys.importXlsForm(p("coord"), out.bytes);
    const imported = (await ctx.services.surveys.getForm(p("coord"), again.form.id)).definition;
    expect({ ...imported, formId: "x" }).toEqual({ ...def, formId: "x" });
  });

  it("checks expressions and names on save, with errors per question and field in the user's language", async () => {
    const id = await smallForm();
    const version = await versionOf(id);
    const bad = await errorOf(
      ctx.services.surveys.saveQuestion(
        p("coord"),
        id,
        question({
          version,
          type: "select_one",
          name: "age",
          label: { de: "Doppelt" },
          relevant: "${nobody} = 'x'",
          constraint: ". <= (3",
          choices: [
            { name: "a", label: { de: "A" } },
            { name: "a", label: { de: "A2" } },
          ],
        }),
      ),
    );
    expect(bad.code).toBe("validation_failed");
    expect(bad.fields.map((f) => [f.field, f.code])).toEqual(
      expect.arrayContaining([
        ["name", "survey_editor_name_duplicate"],
        ["relevant", "survey_editor_unknown_name"],
        ["constraint", "survey_editor_expr_end"],
        ["choices.1.name", "survey_editor_choice_duplicate"],
      ]),
    );
    expect(bad.fields.find((f) => f.field === "constraint")!.params).toMatchObject({ position: "8" });
    expect(bad.fields.find((f) => f.field === "relevant")!.params).toMatchObject({ detail: "nobody" });
    // Nothing was stored.
    expect(await versionOf(id)).toBe(version);

    // A question another one refers to cannot go; the refusal names the referring question.
    await ctx.services.surveys.saveQuestion(p("coord"), id, courseQuestion(version));
    const refused = await errorOf(
      ctx.services.surveys.deleteQuestion(p("coord"), id, { version: await versionOf(id), name: "age" }),
    );
    expect(refused.fields).toEqual([
      {
        field: "questions.course",
        code: "survey_editor_unknown_name",
        params: { question: "course", detail: "age" },
      },
    ]);

    // Through the page: the message in the reader's language beside the field, what was typed kept.
    const res = await postQuestionPage(id, "en", {
      version: String(await versionOf(id)),
      original: "",
      parent: "",
      type: "integer",
      name: "weight",
      "label.de": "Gewicht",
      "label.ar": "الوزن",
      constraint: "foo(.)",
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.fields.constraint).toBe("“weight”: there is no function “foo” (position 1).");
    expect(res.body.posted.label).toEqual({ de: "Gewicht", ar: "الوزن" });
  });

  it("two people editing the same draft: the second save is a conflict, not an overwrite", async () => {
    const id = await smallForm();
    const version = await versionOf(id);
    await ctx.services.surveys.saveQuestion(p("coord"), id, courseQuestion(version));
    const second = await errorOf(
      ctx.services.surveys.saveQuestion(
        p("coord"),
        id,
        question({ version, type: "text", name: "other", label: { de: "Anders" } }),
      ),
    );
    expect(second.code).toBe("version_conflict");
    const def = (await ctx.services.surveys.getForm(p("coord"), id)).definition;
    expect(def.nodes.map((n) => n.name)).toEqual(["age", "thanks", "course"]);
    const page = await postQuestionPage(id, "de", {
      version: String(version),
      type: "text",
      name: "other",
      "label.de": "Anders",
    });
    expect(page.status).toBe(409);
    expect(page.body.errors.title).toContain("Jemand anderes hat diesen Eintrag inzwischen geändert");
    // Case workers read forms but do not edit them.
    expect((await errorOf(ctx.services.surveys.editorView(p("cw"), id))).code).toBe("forbidden");
  });

  it("an answered version stays as it is: the edit becomes the next version, further edits change that draft", async () => {
    const id = (await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_outcome_2017")).id;
    await ctx.services.surveys.submitInCase(
      p("cw"),
      fx.caseId,
      id,
      submission({
        formVersion: 1,
        submissionId: randomUUID(),
        personId: fx.personIds[0],
        lang: "de",
        entries: outcomeAnswers("yes"),
      }),
    );
    const before = (await ctx.services.surveys.getForm(p("coord"), id, 1)).definition;
    const add = (name: string, version: number) =>
      ctx.services.surveys.saveQuestion(
        p("coord"),
        id,
        question({ version, type: "text", name, label: { de: name } }),
      );
    expect(await add("remark", await versionOf(id))).toMatchObject({ number: 2, replaced: false });
    expect(await add("remark_2", await versionOf(id))).toMatchObject({ number: 2, replaced: true });
    expect((await ctx.services.surveys.getForm(p("coord"), id, 1)).definition).toEqual(before);
    const draft = (await ctx.services.surveys.getForm(p("coord"), id)).definition;
    expect(draft.nodes.slice(-2).map((n) => n.name)).toEqual(["remark", "remark_2"]);
  });
});

/** Posts the question page's form as a browser would, through the page's own action. */
async function postQuestionPage(formId: string, lang: "de" | "en", fields: Record<string, string>) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-editor",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(fx.tenantId))!,
    principal: p("coord"),
    lang,
    t: createTranslator(lang, catalogs().get(lang) ?? {}),
  });
  const url = new URL(`${TEST_BASE_URL}/staff/surveys/forms/${formId}/edit/question`);
  const result = await questionAction({
    context,
    request: new Request(url, { method: "POST", body: new URLSearchParams(fields) }),
    url,
    pattern: "/staff/surveys/forms/:id/edit/question",
    params: { id: formId },
  } as Parameters<typeof questionAction>[0]);
  const d = result as unknown as ReturnType<typeof routerData>;
  return {
    status: d.init?.status ?? 200,
    body: d.data as {
      errors: { title: string; fields: Record<string, string> };
      posted: { label: Record<string, string> };
    },
  };
}
