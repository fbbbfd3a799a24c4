// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptAttribute, prepareUploads } from "./media.ts";
import { FORM_TEMPLATES } from "./templates.ts";
import type { FormDefinition, FormError, FormNode } from "./types.ts";
import { languageOf, readXlsForm, writeXlsForm } from "./xlsform.ts";

type Cell = string | number | boolean | Date | null;

/** A workbook with the given sheets (rows of cells, the first row being the header). */
async function workbook(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The sheets of a workbook as rows of text (for looking at what was written). */
async function sheetsOf(bytes: Uint8Array): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= ws.columnCount; i++) {
        const v = row.getCell(i).value;
        cells.push(v === null || v === undefined ? "" : String(v));
      }
      rows.push(cells);
    });
    out[ws.name] = rows;
  }
  return out;
}

async function read(bytes: Uint8Array): Promise<FormDefinition> {
  const r = await readXlsForm(bytes);
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.errors)}`);
  return r.definition;
}

async function errorsOf(bytes: Uint8Array): Promise<FormError[]> {
  const r = await readXlsForm(bytes);
  if (r.ok) throw new Error("read without errors");
  return r.errors;
}

const roundTrip = async (def: FormDefinition) => read(await writeXlsForm(def));

/** A form as KoboToolbox users write it: every type, three languages (one right-to-left). */
const surveyHeader: Cell[] = [
  "Type",
  "name",
  "Label::English (en)",
  "label::Deutsch",
  "label::ar",
  "hint::English (en)",
  "hint::ar",
  "required",
  "required_message::English (en)",
  "relevance",
  "constraint",
  "constraint_message::English (en)",
  "constraint_message::Deutsch",
  "constraint_message::ar",
  "calculation",
  "default",
  "appearance",
  "repeat_count",
  "lotse_need",
  "comment",
];
const row = (cells: Partial<Record<string, Cell>>): Cell[] =>
  surveyHeader.map((h) => cells[String(h)] ?? null);

const handWritten: Record<string, Cell[][]> = {
  survey: [
    surveyHeader,
    row({ Type: "start", name: "start" }),
    row({
      Type: "text",
      name: "full_name",
      "Label::English (en)": "Your name",
      "label::Deutsch": "Ihr Name",
      "label::ar": "اسمك",
      "hint::English (en)": "As in your papers",
      "hint::ar": "كما في أوراقك",
      required: true,
      "required_message::English (en)": "Please give a name",
      comment: "just a remark",
    }),
    row({
      Type: "date",
      name: "birth",
      "Label::English (en)": "Date of birth",
      "label::Deutsch": "Geburtsdatum",
      "label::ar": "تاريخ الميلاد",
      required: "yes",
      constraint: ". <= today()",
      "constraint_message::English (en)": "Not in the future",
      "constraint_message::Deutsch": "Nicht in der Zukunft",
      "constraint_message::ar": "ليس في المستقبل",
    }),
    row({ Type: "calculate", name: "age", calculation: "int((today() - ${birth}) div 365.25)" }),
    row({
      Type: "integer",
      name: "household_size",
      "Label::English (en)": "People in the household",
      "label::Deutsch": "Personen im Haushalt",
      "label::ar": "عدد أفراد الأسرة",
      constraint: ". >= 1 and . <= 20",
      default: 1,
    }),
    row({
      Type: "decimal",
      name: "rent",
      "Label::English (en)": "Rent",
      "label::Deutsch": "Miete",
      "label::ar": "الإيجار",
      relevance: "${household_size} > 1",
    }),
    row({
      Type: "select_one sex",
      name: "sex",
      "Label::English (en)": "Sex",
      "label::Deutsch": "Geschlecht",
      "label::ar": "الجنس",
      appearance: "minimal",
    }),
    row({
      Type: "select_multiple interests",
      name: "interests",
      "Label::English (en)": "Interests",
      "label::Deutsch": "Interessen",
      "label::ar": "الاهتمامات",
      lotse_need: "choices",
    }),
    row({
      Type: "select_one yes_no",
      name: "literacy_course",
      "Label::English (en)": "Would you like a literacy course?",
      "label::Deutsch": "Möchten Sie einen Alphabetisierungskurs?",
      "label::ar": "هل ترغب في دورة محو الأمية؟",
      lotse_need: "language",
    }),
    row({
      Type: "begin group",
      name: "needs",
      "Label::English (en)": "Needs",
      "label::Deutsch": "Bedarfe",
      "label::ar": "الاحتياجات",
      appearance: "table-list",
    }),
    row({
      Type: "select_one urgency",
      name: "need_school",
      "Label::English (en)": "School",
      "label::Deutsch": "Schule",
      "label::ar": "المدرسة",
      lotse_need: "school",
    }),
    row({
      Type: "select_one urgency",
      name: "need_housing",
      "Label::English (en)": "Housing",
      "label::Deutsch": "Wohnen",
      "label::ar": "السكن",
    }),
    row({ Type: "end group" }),
    row({
      Type: "begin_repeat",
      name: "languages",
      "Label::English (en)": "Languages you speak",
      "label::Deutsch": "Ihre Sprachen",
      "label::ar": "اللغات التي تتحدثها",
      appearance: "lotse-language-level",
    }),
    row({ Type: "select_one lotse_languages", name: "lang", "Label::English (en)": "Language" }),
    row({ Type: "select_one lotse_cefr", name: "level", "Label::English (en)": "Level" }),
    row({ Type: "end_repeat" }),
    row({
      Type: "begin_group",
      name: "household",
      "Label::English (en)": "Household",
      "label::Deutsch": "Haushalt",
      "label::ar": "الأسرة",
      appearance: "field-list",
    }),
    row({
      Type: "note",
      name: "household_note",
      "Label::English (en)": "Tell us about everyone",
      "label::Deutsch": "Erzählen Sie uns von allen",
      "label::ar": "أخبرنا عن الجميع",
    }),
    row({
      Type: "begin_repeat",
      name: "members",
      "Label::English (en)": "Member",
      "label::Deutsch": "Mitglied",
      "label::ar": "فرد",
      repeat_count: "${household_size}",
    }),
    row({
      Type: "select_one sex",
      name: "member_sex",
      "Label::English (en)": "Sex",
      "label::Deutsch": "Geschlecht",
      "label::ar": "الجنس",
    }),
    row({
      Type: "integer",
      name: "member_age",
      "Label::English (en)": "Age",
      "label::Deutsch": "Alter",
      "label::ar": "العمر",
      required: "${member_sex} != ''",
    }),
    row({ Type: "end_repeat" }),
    row({ Type: "end_group" }),
    [],
    row({ Type: "end", name: "end" }),
  ],
  choices: [
    ["list name", "name", "label::English (en)", "label::Deutsch", "label::ar"],
    ["sex", "f", "female", "weiblich", "أنثى"],
    ["sex", "m", "male", "männlich", "ذكر"],
    ["sex", "d", "diverse", "divers", "متنوع"],
    ["interests", "sport", "Sport", "Sport", "الرياضة"],
    ["interests", "music", "Music", "Musik", "الموسيقى"],
    ["yes_no", "yes", "yes", "ja", "نعم"],
    ["yes_no", "no", "no", "nein", "لا"],
    ["urgency", "none", "none", "keiner", "لا يوجد"],
    ["urgency", "urgent", "urgent", "dringend", "عاجل"],
    [],
    ["lotse_languages", "de", "German", "Deutsch", "الألمانية"],
    ["lotse_languages", "ar", "Arabic", "Arabisch", "العربية"],
    ["lotse_cefr", "A1", "A1", "A1", "A1"],
  ],
  settings: [
    ["form_title", "form_id", "version", "default_language"],
    ["Needs questionnaire", "needs_2016", 2016031501, "English (en)"],
  ],
};

describe("readXlsForm", () => {
  it("reads a hand-written form with every type and three languages", async () => {
    const r = await readXlsForm(await workbook(handWritten));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const def = r.definition;
    expect(def.formId).toBe("needs_2016");
    expect(def.version).toBe("2016031501");
    expect(def.defaultLanguage).toBe("en");
    expect(def.title).toEqual({ en: "Needs questionnaire" });
    expect(def.languages).toEqual(["en", "de", "ar"]);
    expect(def.nodes.map((n) => [n.name, n.type])).toEqual([
      ["full_name", "text"],
      ["birth", "date"],
      ["age", "calculate"],
      ["household_size", "integer"],
      ["rent", "decimal"],
      ["sex", "select_one"],
      ["interests", "select_multiple"],
      ["literacy_course", "yes_no"],
      ["needs", "matrix"],
      ["languages", "language_level"],
      ["household", "group"],
    ]);
    const [fullName, birth, age, size, rent, , interests, literacy, needs, languages, household] = def.nodes;
    expect(fullName).toEqual({
      type: "text",
      name: "full_name",
      label: { en: "Your name", de: "Ihr Name", ar: "اسمك" },
      hint: { en: "As in your papers", ar: "كما في أوراقك" },
      required: true,
      requiredMessage: { en: "Please give a name" },
    });
    expect(birth?.required).toBe(true);
    expect(birth?.constraint).toBe(". <= today()");
    expect(birth?.constraintMessage).toEqual({
      en: "Not in the future",
      de: "Nicht in der Zukunft",
      ar: "ليس في المستقبل",
    });
    expect(age).toEqual({
      type: "calculate",
      name: "age",
      calculation: "int((today() - ${birth}) div 365.25)",
    });
    expect(size?.default).toBe("1");
    expect(rent?.relevant).toBe("${household_size} > 1");
    expect(interests?.need).toBe("choices");
    expect(literacy).toMatchObject({ type: "yes_no", need: "language" });
    expect(literacy?.listName).toBeUndefined();
    expect(needs).toMatchObject({ type: "matrix", listName: "urgency" });
    expect(needs?.appearance).toBeUndefined();
    expect(needs?.children?.map((c) => [c.name, c.type, c.listName])).toEqual([
      ["need_school", "select_one", "urgency"],
      ["need_housing", "select_one", "urgency"],
    ]);
    expect(languages).toEqual({
      type: "language_level",
      name: "languages",
      label: { en: "Languages you speak", de: "Ihre Sprachen", ar: "اللغات التي تتحدثها" },
    });
    expect(household?.appearance).toBe("field-list");
    const members = household?.children?.[1];
    expect(members).toMatchObject({ type: "repeat", name: "members", repeatCount: "${household_size}" });
    expect(members?.children?.[1]?.required).toBe("${member_sex} != ''");
    // The file's own yes/no labels differ from Lotse's, so its list stays; Lotse's lists go.
    expect(Object.keys(def.choices)).toEqual(["sex", "interests", "yes_no", "urgency"]);
    expect(def.choices.sex?.[2]).toEqual({ name: "d", label: { en: "diverse", de: "divers", ar: "متنوع" } });
  });

  it("warns about KoboToolbox metadata rows and ignores them", async () => {
    const r = await readXlsForm(await workbook(handWritten));
    expect(r.ok && r.warnings).toEqual([
      { code: "type_unknown", sheet: "survey", row: 2, column: "Type", detail: "start" },
      { code: "type_unknown", sheet: "survey", row: 27, column: "Type", detail: "end" },
    ]);
  });

  it("narrows a file question to the types its body::accept names, and writes the column back", async () => {
    const survey: Cell[][] = [
      ["type", "name", "label", "body::accept"],
      ["file", "bescheid", "Bescheid", ".pdf"],
      ["file", "nachweis", "Nachweis", "application/pdf, .docx"],
      ["text", "notiz", "Notiz", ".txt"],
    ];
    const r = await readXlsForm(await workbook({ survey }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // what Lotse takes no file of is named, never dropped silently
    expect(r.warnings).toEqual([
      {
        code: "type_unknown",
        sheet: "survey",
        row: 3,
        column: "body::accept",
        detail: "body::accept: .docx",
      },
      { code: "type_unknown", sheet: "survey", row: 4, column: "body::accept", detail: "body::accept: .txt" },
    ]);
    const def = r.definition;
    expect(def.nodes.map((n) => n.accept ?? null)).toEqual([".pdf", "application/pdf, .docx", null]);
    expect(acceptAttribute({ type: "file", accept: ".pdf" })).toBe("application/pdf,.pdf");
    const pdf = new TextEncoder().encode("%PDF-1.7\n");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const up = prepareUploads(def, [
      { path: "bescheid", fileName: "scan.png", content: png },
      { path: "nachweis", fileName: "nachweis.pdf", content: pdf },
    ]);
    expect(up.errors).toEqual([{ path: "bescheid", code: "file_type" }]);
    expect(up.files.map((f) => [f.question, f.mimeType])).toEqual([["nachweis", "application/pdf"]]);
    const sheets = await sheetsOf(await writeXlsForm(def));
    expect(sheets.survey?.[0]).toContain("body::accept");
    expect(await roundTrip(def)).toEqual(def);
  });

  it("refuses a body::accept that leaves no format Lotse takes, naming row and column", async () => {
    const survey: Cell[][] = [
      ["type", "name", "label", "body::accept"],
      ["text", "name", "Name", ""],
      ["file", "lebenslauf", "Lebenslauf", ".docx,.odt"],
    ];
    expect(await errorsOf(await workbook({ survey }))).toEqual([
      {
        code: "accept_unsupported",
        sheet: "survey",
        row: 3,
        column: "body::accept",
        detail: "lebenslauf: .docx,.odt",
      },
    ]);
  });

  it("skips background-audio with a warning, and refuses a quality pyxform refuses", async () => {
    const survey = (quality: string): Cell[][] => [
      ["type", "name", "label", "parameters"],
      ["background-audio", "mitschnitt", "", quality],
      ["text", "name", "Name", ""],
    ];
    const r = await readXlsForm(await workbook({ survey: survey("quality=voice-only") }));
    expect(r.ok && r.warnings).toEqual([
      { code: "type_unknown", sheet: "survey", row: 2, column: "type", detail: "background-audio" },
    ]);
    expect(r.ok && r.definition.nodes.map((n) => n.name)).toEqual(["name"]);
    // "external" is for audio questions only (pyxform: "Invalid value for quality.")
    expect(await errorsOf(await workbook({ survey: survey("quality=external") }))).toEqual([
      {
        code: "background_audio_parameters_invalid",
        sheet: "survey",
        row: 2,
        column: "parameters",
        detail: "mitschnitt",
      },
    ]);
  });

  it("takes the plain label column as the default language, or as 'default' without one", async () => {
    const survey = [
      ["type", "name", "label", "label::Türkçe"],
      ["text", "q1", "Frage", "Soru"],
    ];
    const withDefault = await read(
      await workbook({
        survey,
        settings: [
          ["default_language", "form_id"],
          ["Deutsch", "f"],
        ],
      }),
    );
    expect(withDefault.defaultLanguage).toBe("de");
    expect(withDefault.languages).toEqual(["de", "tr"]);
    expect(withDefault.nodes[0]?.label).toEqual({ de: "Frage", tr: "Soru" });
    const withoutSettings = await read(await workbook({ survey }));
    expect(withoutSettings.defaultLanguage).toBe("default");
    expect(withoutSettings.formId).toBe("form");
    expect(withoutSettings.nodes[0]?.label).toEqual({ default: "Frage", tr: "Soru" });
  });

  it("keeps `select_one yes_no` a choice question when the list is not exactly yes/no", async () => {
    const def = await read(
      await workbook({
        survey: [
          ["type", "name", "label"],
          ["select_one yes_no", "q", "Q"],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["yes_no", "yes", "Yes"],
          ["yes_no", "no", "No"],
          ["yes_no", "dont_know", "Don't know"],
        ],
      }),
    );
    expect(def.nodes[0]).toMatchObject({ type: "select_one", listName: "yes_no" });
  });

  it("keeps a table-list group with mixed rows a group", async () => {
    const def = await read(
      await workbook({
        survey: [
          ["type", "name", "label", "appearance"],
          ["begin_group", "g", "G", "table-list"],
          ["select_one a", "q1", "Q1"],
          ["select_one b", "q2", "Q2"],
          ["end_group"],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["a", "x", "X"],
          ["b", "x", "X"],
        ],
      }),
    );
    expect(def.nodes[0]).toMatchObject({ type: "group", appearance: "table-list" });
  });

  it("reads rich text, dates and formulas as text, and warns about or_other", async () => {
    const def = await read(
      await workbook({
        survey: [
          ["type", "name", "label", "default", "calculation"],
          [
            "select_one sex or_other",
            "sex",
            { richText: [{ text: "Your " }, { font: { bold: true }, text: "sex" }] } as unknown as Cell,
          ],
          ["date", "arrival", "Arrival", new Date(Date.UTC(2015, 9, 1))],
          ["calculate", "c", null, null, { formula: "1+1", result: "1 + 1" } as unknown as Cell],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["sex", 1, "female"],
          ["sex", 2, "male"],
        ],
      }),
    );
    expect(def.nodes[0]).toEqual({
      type: "select_one",
      name: "sex",
      listName: "sex",
      label: { default: "Your sex" },
    });
    expect(def.nodes[1]?.default).toBe("2015-10-01");
    expect(def.nodes[2]?.calculation).toBe("1 + 1");
    expect(def.choices.sex?.map((c) => c.name)).toEqual(["1", "2"]);
    const r = await readXlsForm(
      await workbook({
        survey: [
          ["type", "name", "label"],
          ["select_multiple l or_other", "q", "Q"],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["l", "a", "A"],
        ],
      }),
    );
    expect(r.ok && r.warnings).toEqual([
      { code: "type_unknown", sheet: "survey", row: 2, column: "type", detail: "or_other" },
    ]);
  });

  it("names the default language's column for a missing label, and the choices row for a choice", async () => {
    const errors = await errorsOf(
      await workbook({
        survey: [
          ["type", "name", "label::Arabic (ar)", "label::English (en)"],
          ["select_multiple l", "q", null, null],
        ],
        choices: [
          ["list_name", "name", "label::Arabic (ar)", "label::English (en)"],
          ["l", "a", "أ", "A"],
          ["l", "b"],
          ["l", "c d", "ج", "C"],
        ],
        settings: [["default_language"], ["English (en)"]],
      }),
    );
    expect(errors).toEqual([
      { code: "label_missing", sheet: "survey", row: 2, column: "label::English (en)", detail: "q" },
      { code: "choice_name_spaces", sheet: "choices", row: 4, column: "name", detail: "l/c d" },
    ]);
  });

  it("lists every problem of a malformed form with sheet, row and column", async () => {
    const errors = await errorsOf(
      await workbook({
        survey: [
          ["type", "name", "label", "relevant", "constraint", "calculation"],
          ["text", "q1", "Q1"],
          ["text", "q1", "Q1 again"],
          ["integer", "", "No name"],
          ["video", "clip", "Clip"],
          ["select_one_from_file places.csv", "place", "Place"],
          ["select_one", "nolist", "No list"],
          ["select_one colours", "colour", "Colour"],
          ["text", "q2", "Q2", "${q1} = 'a' and"],
          ["integer", "q3", "Q3", "${nowhere} > 1"],
          ["calculate", "c1", ""],
          ["end_group"],
          ["begin_group", "g", "G"],
          ["text", "q4", "Q4"],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["sizes", "s", "S"],
          ["sizes", "s", "S again"],
          ["sizes", "", "no name"],
        ],
      }),
    );
    const at = (sheet: string, row: number) =>
      errors.filter((e) => e.sheet === sheet && e.row === row).map((e) => [e.code, e.column]);
    expect(at("survey", 3)).toEqual([["name_duplicate", "name"]]);
    expect(at("survey", 4)).toEqual([["name_missing", "name"]]);
    expect(at("survey", 5)).toEqual([["type_unknown", "type"]]);
    // the CSV a from_file question names was not uploaded beside the form
    expect(at("survey", 6)).toEqual([["choice_file_missing", "type"]]);
    expect(at("survey", 7)).toEqual([["list_missing", "type"]]);
    expect(at("survey", 8)).toEqual([["list_unknown", "type"]]);
    expect(at("survey", 9)).toEqual([["expression_invalid", "relevant"]]);
    expect(at("survey", 10)).toEqual([["expression_unknown_field", "relevant"]]);
    expect(at("survey", 11)).toEqual([["calculation_missing", "calculation"]]);
    expect(at("survey", 12)).toEqual([["group_unopened", "type"]]);
    expect(at("survey", 13)).toEqual([["group_unclosed", "type"]]);
    expect(at("choices", 3)).toEqual([["choice_duplicate", "name"]]);
    expect(at("choices", 4)).toEqual([["choice_name_missing", "name"]]);
    expect(errors.every((e) => e.sheet !== undefined && e.row !== undefined && e.column !== undefined)).toBe(
      true,
    );
  });

  it("reports missing sheets and columns", async () => {
    expect(await errorsOf(await workbook({ form: [["type", "name"]] }))).toEqual([
      { code: "sheet_missing", sheet: "survey" },
    ]);
    expect(await errorsOf(await workbook({ survey: [[], ["label", "hint"], ["x", "y"]] }))).toEqual([
      { code: "column_missing", sheet: "survey", row: 2, column: "type" },
      { code: "column_missing", sheet: "survey", row: 2, column: "name" },
    ]);
    const noChoices = await errorsOf(
      await workbook({
        survey: [
          ["type", "name", "label"],
          ["select_one sex", "sex", "Sex"],
        ],
      }),
    );
    expect(noChoices).toContainEqual({ code: "sheet_missing", sheet: "choices" });
    expect(noChoices.some((e) => e.code === "list_unknown" && e.row === 2)).toBe(true);
  });

  it("reports an empty group and an end_repeat closing a group", async () => {
    const errors = await errorsOf(
      await workbook({
        survey: [
          ["type", "name", "label"],
          ["begin_group", "empty", "Empty"],
          ["end_group"],
          ["begin_group", "g", "G"],
          ["text", "t", "T"],
          ["end_repeat"],
          ["end_group"],
        ],
      }),
    );
    expect(errors.map((e) => [e.code, e.row])).toEqual([
      ["group_empty", 2],
      ["group_unopened", 6],
    ]);
  });

  it("reports a repeat four deep at the innermost repeat's row", async () => {
    const errors = await errorsOf(
      await workbook({
        survey: [
          ["type", "name", "label"],
          ["begin_repeat", "outer", "Outer"],
          ["begin_repeat", "middle", "Middle"],
          ["begin_repeat", "inner", "Inner"],
          ["begin_repeat", "deepest", "Deepest"],
          ["text", "t", "T"],
          ["end_repeat"],
          ["end_repeat"],
          ["end_repeat"],
          ["end_repeat"],
        ],
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "repeat_nested", sheet: "survey", row: 5 }),
    );
  });

  it("treats names of object properties as plain text", async () => {
    const r = await readXlsForm(
      await workbook({
        survey: [
          ["type", "name", "label", "label::__proto__", "constructor", "toString"],
          ["constructor", "a", "A"],
          ["select_one __proto__", "b", "B", "x", "y", "z"],
          ["select_one toString", "c", "C"],
        ],
        choices: [
          ["list_name", "name", "label"],
          ["__proto__", "x", "X"],
        ],
        settings: [
          ["form_title::__proto__", "default_language"],
          ["T", "__proto__"],
        ],
      }),
    );
    // the label columns of the language "__proto__" are left aside, so labels are missing
    const found = r.ok ? [] : r.errors.map((e) => [e.code, e.row]);
    expect(found).toContainEqual(["type_unknown", 2]);
    expect(found).toContainEqual(["list_unknown", 4]);
    expect(found).toContainEqual(["label_missing", 3]);
    expect(found).not.toContainEqual(["list_unknown", 3]);
  });

  it("never throws on random bytes, and calls them unreadable", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const r = await readXlsForm(bytes);
        expect(r).toEqual({ ok: false, errors: [{ code: "file_unreadable" }] });
      }),
      { numRuns: 200 },
    );
    const zipHeader = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await readXlsForm(zipHeader)).toEqual({ ok: false, errors: [{ code: "file_unreadable" }] });
  });

  it("never throws on a damaged workbook", async () => {
    const good = await workbook(handWritten);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 10, max: good.length }),
        async (at, value, cut) => {
          const bytes = good.slice(0, cut);
          if (at < bytes.length) bytes[at] = value;
          const r = await readXlsForm(bytes);
          expect(typeof r.ok).toBe("boolean");
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("languageOf", () => {
  it.each([
    ["English (en)", "en"],
    ["Arabic (ar)", "ar"],
    ["ar", "ar"],
    ["AR", "ar"],
    ["Arabic", "ar"],
    ["Farsi", "fa"],
    ["Persian", "fa"],
    ["Deutsch", "de"],
    ["German", "de"],
    ["Türkçe", "tr"],
    ["Українська", "uk"],
    ["Russian", "ru"],
    ["ar_SY", "ar-SY"],
    ["Klingon", "Klingon"],
  ])("%s → %s", (spec, lang) => {
    expect(languageOf(spec)).toBe(lang);
  });
});

describe("writeXlsForm", () => {
  it("round-trips the hand-written form: import → export → import gives the same definition", async () => {
    const first = await read(await workbook(handWritten));
    const second = await roundTrip(first);
    expect(second).toEqual(first);
    expect(await roundTrip(second)).toEqual(first);
  });

  const lotse: FormDefinition = {
    formId: "home_visit",
    title: { de: "Hausbesuch", en: "Home visit", ar: "زيارة منزلية" },
    version: "3",
    defaultLanguage: "de",
    languages: ["de", "en", "ar"],
    nodes: [
      {
        type: "yes_no",
        name: "kita_wanted",
        label: { de: "Kita-Platz gewünscht?", en: "Daycare place wanted?", ar: "هل تريد مكاناً في الحضانة؟" },
        need: "kita",
        required: true,
      },
      {
        type: "matrix",
        name: "areas",
        label: { de: "Bedarfe", en: "Needs", ar: "الاحتياجات" },
        listName: "need_level",
        appearance: "compact",
        children: [
          { type: "select_one", name: "area_language", listName: "need_level", label: { de: "Sprache" } },
          { type: "select_one", name: "area_school", listName: "need_level", label: { de: "Schule" } },
        ],
      },
      {
        type: "language_level",
        name: "spoken",
        label: { de: "Sprachen", en: "Languages", ar: "اللغات" },
        relevant: "${kita_wanted} = 'yes'",
        need: "language",
      },
      {
        type: "repeat",
        name: "children",
        label: { de: "Kinder" },
        children: [{ type: "language_level", name: "child_languages", label: { de: "Sprachen des Kindes" } }],
      },
      { type: "text", name: "notes", label: { de: "Notizen" }, appearance: "multiline", default: "—" },
    ],
    choices: {
      need_level: [
        { name: "none", label: { de: "kein", en: "none", ar: "لا يوجد" } },
        { name: "urgent", label: { de: "dringend", en: "urgent", ar: "عاجل" } },
      ],
    },
  };

  it("writes Lotse's own types as standard XLSForm", async () => {
    const sheets = await sheetsOf(await writeXlsForm(lotse));
    expect(Object.keys(sheets)).toEqual(["survey", "choices", "settings", "lotse_titles"]);
    const survey = sheets.survey!;
    const header = survey[0]!;
    expect(header.slice(0, 5)).toEqual([
      "type",
      "name",
      "label::German (de)",
      "label::English (en)",
      "label::Arabic (ar)",
    ]);
    const col = (name: string) => header.indexOf(name);
    const typeOf = (name: string) => survey.find((r) => r[col("name")] === name)?.[col("type")];
    const appearanceOf = (name: string) => survey.find((r) => r[col("name")] === name)?.[col("appearance")];
    expect(typeOf("kita_wanted")).toBe("select_one yes_no");
    expect(typeOf("areas")).toBe("begin_group");
    expect(appearanceOf("areas")).toBe("table-list compact");
    expect(typeOf("area_school")).toBe("select_one need_level");
    expect(typeOf("spoken")).toBe("begin_repeat");
    expect(appearanceOf("spoken")).toBe("lotse-language-level");
    expect(typeOf("spoken_lang")).toBe("select_one lotse_languages");
    expect(typeOf("spoken_level")).toBe("select_one lotse_cefr");
    expect(survey.find((r) => r[col("name")] === "kita_wanted")?.[col("lotse_need")]).toBe("kita");
    expect(survey.find((r) => r[col("name")] === "kita_wanted")?.[col("required")]).toBe("yes");
    const lists = new Set(sheets.choices!.slice(1).map((r) => r[0]));
    expect([...lists]).toEqual(["need_level", "yes_no", "lotse_languages", "lotse_cefr"]);
    expect(sheets.choices!.find((r) => r[0] === "yes_no" && r[1] === "yes")?.slice(2)).toEqual([
      "Ja",
      "Yes",
      "نعم",
    ]);
    expect(sheets.choices!.find((r) => r[0] === "lotse_languages" && r[1] === "ar")?.[2]).toBe("Arabisch");
    // pyxform refuses form_title::<language>: the other titles go to Lotse's own sheet
    expect(sheets.settings).toEqual([
      ["form_title", "form_id", "version", "default_language"],
      ["Hausbesuch", "home_visit", "3", "German (de)"],
    ]);
    expect(sheets.lotse_titles).toEqual([
      ["language", "form_title"],
      ["English (en)", "Home visit"],
      ["Arabic (ar)", "زيارة منزلية"],
    ]);
  });

  it("round-trips Lotse's own types", async () => {
    expect(await roundTrip(lotse)).toEqual(lotse);
  });

  it("round-trips a form with the 'default' language and a custom yes_no list", async () => {
    const def: FormDefinition = {
      formId: "f",
      title: { default: "Form" },
      defaultLanguage: "default",
      languages: ["default", "fr"],
      nodes: [{ type: "yes_no", name: "q", label: { default: "Q?", fr: "Q ?" } }],
      choices: {
        yes_no: [
          { name: "yes", label: { default: "Sure", fr: "Oui" } },
          { name: "no", label: { default: "Nope", fr: "Non" } },
        ],
      },
    };
    expect(await roundTrip(def)).toEqual(def);
    const sheets = await sheetsOf(await writeXlsForm(def));
    expect(sheets.survey![0]!.slice(0, 4)).toEqual(["type", "name", "label", "label::French (fr)"]);
  });
});

describe("round trip of generated forms", () => {
  // Text as people type it: any characters but control characters, no surrounding white space
  // (cells are read trimmed).
  const text = fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 24 })
    .map((s) => s.replace(/[\p{Cc}\uFFFE\uFFFF]/gu, "").trim())
    .filter((s) => s !== "");
  const LANGS = ["de", "en", "ar", "fa", "tr", "uk", "ru", "ckb", "fr", "default"];
  const SIMPLE = [
    "text",
    "integer",
    "decimal",
    "date",
    "yes_no",
    "select_one",
    "select_multiple",
    "note",
  ] as const;

  const form = fc
    .record({
      langs: fc
        .subarray(LANGS, { minLength: 1 })
        .chain((l) => fc.shuffledSubarray(l, { minLength: l.length })),
      defaultIndex: fc.nat(),
      title: fc.option(text, { nil: undefined }),
      nodes: fc.array(
        fc.record({
          type: fc.constantFrom(...SIMPLE, "calculate", "language_level"),
          label: fc.dictionary(fc.constantFrom(...LANGS), text, { minKeys: 1 }),
          hint: fc.option(fc.dictionary(fc.constantFrom(...LANGS), text, { minKeys: 1 }), { nil: undefined }),
          required: fc.option(fc.constantFrom(true, "${q0} != ''"), { nil: undefined }),
          relevant: fc.option(fc.constantFrom("${q0} = 'x'", "not(selected(${q0}, 'a'))"), {
            nil: undefined,
          }),
          appearance: fc.option(fc.constantFrom("minimal", "multiline"), { nil: undefined }),
          wrap: fc.constantFrom("none", "group", "repeat", "matrix"),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      choices: fc.array(fc.dictionary(fc.constantFrom(...LANGS), text, { minKeys: 1 }), {
        minLength: 1,
        maxLength: 4,
      }),
    })
    .map(({ langs, defaultIndex, title, nodes, choices }): FormDefinition => {
      const only = (t: Record<string, string>) => {
        const out: Record<string, string> = {};
        for (const l of langs) if (t[l] !== undefined) out[l] = t[l];
        return out;
      };
      const all = (t: Record<string, string>) => {
        const first = Object.values(t)[0]!;
        return Object.fromEntries(langs.map((l) => [l, t[l] ?? first]));
      };
      const defaultLanguage = langs[defaultIndex % langs.length]!;
      const built = nodes.map((n, i) => {
        const name = `q${i}`;
        // the first label has every language, so that every language has a text somewhere
        const partial = only(n.label);
        const label = i === 0 || Object.keys(partial).length === 0 ? all(n.label) : partial;
        const node: FormNode = { type: n.type, name, label };
        if (n.type === "select_one" || n.type === "select_multiple") node.listName = "list";
        if (n.type === "calculate") {
          delete node.label;
          node.calculation = "1 + 1";
        }
        if (n.hint && Object.keys(only(n.hint)).length > 0) node.hint = only(n.hint);
        if (n.required !== undefined && i > 0) node.required = n.required;
        if (n.relevant !== undefined && i > 0) node.relevant = n.relevant;
        if (n.appearance !== undefined) node.appearance = n.appearance;
        if (n.wrap === "matrix")
          return {
            type: "matrix" as const,
            name: `m${i}`,
            listName: "list",
            label: all(n.label),
            children: [{ type: "select_one" as const, name, label: all(n.label), listName: "list" }],
          };
        if (n.wrap === "group" || n.wrap === "repeat")
          return { type: n.wrap, name: `g${i}`, label: all(n.label), children: [node] };
        return node;
      });
      const def: FormDefinition = {
        formId: "generated",
        title: title ? { [defaultLanguage]: title } : {},
        defaultLanguage,
        languages: langs,
        nodes: built,
        choices: { list: choices.map((c, i) => ({ name: `c${i}`, label: all(c) })) },
      };
      return def;
    });

  it("export → import gives the same definition", async () => {
    await fc.assert(
      fc.asyncProperty(form, async (def) => {
        const r = await readXlsForm(await writeXlsForm(def));
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        expect(r.definition).toEqual(def);
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it("leaves out what a workbook cannot hold, keeps _xHHHH_ as written, and writes a readable file", async () => {
    const def: FormDefinition = {
      formId: "f",
      title: { de: "Titel\u0001" },
      defaultLanguage: "de",
      languages: ["de"],
      nodes: [
        { type: "text", name: "q", label: { de: "Zeile 1\r\nZeile\u0000 2" } },
        { type: "text", name: "r", label: { de: "_x0041_ und _x005F_" } },
      ],
      choices: {},
    };
    const back = await read(await writeXlsForm(def));
    expect(back.title).toEqual({ de: "Titel" });
    expect(back.nodes[0]?.label).toEqual({ de: "Zeile 1\nZeile 2" });
    expect(back.nodes[1]?.label).toEqual({ de: "_x0041_ und _x005F_" });
  });
});

describe("templates", () => {
  it.each(FORM_TEMPLATES.map((t) => [t.key, t.definition] as const))(
    "%s round-trips: export → import gives the same definition",
    async (_key, definition) => {
      const r = await readXlsForm(await writeXlsForm(definition));
      expect(r.ok ? r.warnings : r.errors).toEqual([]);
      expect(r.ok && r.definition).toEqual(definition);
    },
  );
});
