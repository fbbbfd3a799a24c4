import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkAnswers,
  checkDefinition,
  checkDefinitionAt,
  initialAnswers,
  labelFor,
  needsFrom,
  questions,
  readSubmission,
} from "./engine.ts";
import type { Answers, FormDefinition, FormNode } from "./types.ts";

const l = (de: string, en = de): Record<string, string> => ({ de, en });
const ctx = { today: "2026-11-21" };

/** A form with every question type, relevance, constraints, a calculation and a repeat. */
const form = (): FormDefinition => ({
  formId: "test",
  title: l("Test"),
  defaultLanguage: "de",
  languages: ["de", "en"],
  choices: {
    family: [
      { name: "single", label: l("ledig", "single") },
      { name: "married", label: l("verheiratet", "married") },
    ],
    interests: [
      { name: "sport", label: l("Sport") },
      { name: "music", label: l("Musik") },
      { name: "reading", label: l("Lesen") },
    ],
    sex: [
      { name: "f", label: l("weiblich") },
      { name: "m", label: l("männlich") },
      { name: "d", label: l("divers") },
    ],
    level: [
      { name: "none", label: l("kein") },
      { name: "some", label: l("etwas") },
      { name: "urgent", label: l("dringend") },
    ],
    domains: [
      { name: "language", label: l("Sprache") },
      { name: "school", label: l("Schule") },
      { name: "other", label: l("Sonstiges") },
    ],
  },
  nodes: [
    { type: "note", name: "intro", label: l("Willkommen") },
    {
      type: "text",
      name: "name",
      label: l("Name"),
      required: true,
      requiredMessage: l("Bitte Namen angeben"),
    },
    {
      type: "date",
      name: "birth",
      label: l("Geburtsdatum"),
      constraint: ". < today()",
      constraintMessage: l("Datum in der Zukunft", "Date in the future"),
    },
    { type: "calculate", name: "age", calculation: "int((today() - ${birth}) div 365.25)" },
    { type: "select_one", name: "family", label: l("Familienstand"), listName: "family" },
    {
      type: "integer",
      name: "children",
      label: l("Kinder"),
      relevant: "${family} = 'married'",
      constraint: ". >= 0 and . <= 20",
    },
    { type: "decimal", name: "income", label: l("Einkommen") },
    {
      type: "yes_no",
      name: "literacy_course",
      label: l("Alphabetisierungskurs gewünscht?"),
      need: "language",
    },
    {
      type: "select_multiple",
      name: "interests",
      label: l("Interessen"),
      listName: "interests",
      constraint: "count-selected(.) <= 2",
    },
    { type: "language_level", name: "languages", label: l("Sprachen"), required: "${age} >= 16" },
    {
      type: "group",
      name: "school",
      label: l("Schule"),
      relevant: "${age} >= 6",
      children: [
        { type: "text", name: "school_name", label: l("Schule"), required: true },
        { type: "integer", name: "school_years", label: l("Schuljahre") },
      ],
    },
    {
      type: "matrix",
      name: "needs",
      label: l("Bedarfe"),
      listName: "level",
      children: [
        {
          type: "select_one",
          name: "need_language",
          label: l("Sprache"),
          listName: "level",
          need: "language",
        },
        { type: "select_one", name: "need_housing", label: l("Wohnen"), listName: "level", need: "housing" },
      ],
    },
    { type: "select_multiple", name: "domains", label: l("Bereiche"), listName: "domains", need: "choices" },
    { type: "integer", name: "household_size", label: l("Haushaltsgröße"), default: "1" },
    {
      type: "repeat",
      name: "members",
      label: l("Haushaltsmitglieder"),
      repeatCount: "${household_size}",
      children: [
        { type: "select_one", name: "member_sex", label: l("Geschlecht"), listName: "sex", required: true },
        { type: "integer", name: "member_age", label: l("Alter"), constraint: ". < 120" },
        {
          type: "yes_no",
          name: "member_school",
          label: l("Schulpflichtig?"),
          relevant: "${member_age} < 18",
        },
        { type: "calculate", name: "member_adult", calculation: "if(${member_age} >= 18, 'yes', 'no')" },
      ],
    },
    { type: "calculate", name: "member_count", calculation: "count(${members})" },
    { type: "calculate", name: "total_age", calculation: "sum(${member_age})" },
  ],
});

describe("checkDefinition", () => {
  it("accepts a well-formed form with every type", () => {
    expect(checkDefinition(form())).toEqual([]);
  });

  it("reports names, lists, choices, expressions, structure and needs", () => {
    const def = form();
    def.nodes.push(
      { type: "text", name: "name", label: l("doppelt") },
      { type: "text", name: "9lives", label: l("x") },
      { type: "text", name: "", label: l("x") },
      { type: "select_one", name: "pick", label: l("x"), listName: "nope" },
      { type: "select_multiple", name: "pick2", label: l("x") },
      { type: "text", name: "bad_rel", label: l("x"), relevant: "${name} = " },
      { type: "text", name: "bad_ref", label: l("x"), constraint: ". != ${ghost}" },
      { type: "calculate", name: "calc_none" },
      { type: "calculate", name: "c1", calculation: "${c2} + 1" },
      { type: "calculate", name: "c2", calculation: "${c1} + 1" },
      { type: "calculate", name: "c3", calculation: "${c3}" },
      { type: "calculate", name: "c4", calculation: "${c1}" },
      {
        type: "matrix",
        name: "mx",
        label: l("x"),
        listName: "level",
        children: [
          { type: "select_one", name: "mx_a", label: l("x"), listName: "family" },
          { type: "text", name: "mx_b", label: l("x") },
        ],
      },
      { type: "group", name: "empty_group", label: l("x"), children: [] },
      {
        type: "repeat",
        name: "outer",
        label: l("x"),
        children: [
          {
            type: "repeat",
            name: "inner",
            label: l("x"),
            children: [{ type: "text", name: "deep", label: l("x") }],
          },
        ],
      },
      { type: "text", name: "need_bad", label: l("x"), need: "wellbeing" },
      { type: "text", name: "need_choices_text", label: l("x"), need: "choices" },
      { type: "text", name: "unlabelled" },
      { type: "text", name: "req_expr", label: l("x"), required: "(${age}" },
      {
        type: "repeat",
        name: "rc",
        label: l("x"),
        repeatCount: "foo(1)",
        children: [{ type: "note", name: "rc_note", label: l("x") }],
      },
      { type: "fancy" as never, name: "weird", label: l("x") },
    );
    def.choices.family!.push({ name: "single", label: l("x") }, { name: "", label: l("x") });
    // a choice without a label is no error (pyxform only warns); spaces only hurt select_multiple lists
    def.choices.interests!.push({ name: "two words", label: l("x") }, { name: "nolabel", label: {} });
    def.choices.family!.push({ name: "two words", label: l("x") });
    const errors = checkDefinition(def);
    expect(errors).toEqual([
      { code: "name_duplicate", column: "name", detail: "name" },
      { code: "name_invalid", column: "name", detail: "9lives" },
      { code: "name_missing", column: "name" },
      { code: "list_unknown", column: "type", detail: "nope" },
      { code: "list_missing", column: "type", detail: "pick2" },
      { code: "expression_invalid", column: "relevant", detail: "relevant: unexpected_end" },
      { code: "expression_unknown_field", column: "constraint", detail: "bad_ref: ghost" },
      { code: "calculation_missing", column: "calculation", detail: "calc_none" },
      { code: "matrix_mixed", column: "type", detail: "mx_a" },
      { code: "matrix_mixed", column: "type", detail: "mx_b" },
      { code: "group_empty", column: "type", detail: "empty_group" },
      { code: "need_unknown", column: "lotse_need", detail: "need_bad: wellbeing" },
      { code: "need_unknown", column: "lotse_need", detail: "need_choices_text: choices" },
      { code: "label_missing", column: "label", detail: "unlabelled" },
      { code: "expression_invalid", column: "required", detail: "required: unexpected_end" },
      { code: "expression_invalid", column: "repeat_count", detail: "repeat_count: unknown_function" },
      { code: "type_unknown", column: "type", detail: "fancy" },
      { code: "calculation_cycle", column: "calculation", detail: "c1" },
      { code: "calculation_cycle", column: "calculation", detail: "c2" },
      { code: "calculation_cycle", column: "calculation", detail: "c3" },
      { code: "choice_duplicate", column: "name", detail: "family/single" },
      { code: "choice_name_missing", column: "name", detail: "family" },
      { code: "choice_name_spaces", column: "name", detail: "interests/two words" },
    ]);
  });

  it("names the node or choice of each problem for a file reader", () => {
    const def = form();
    const dup: FormNode = { type: "text", name: "name", label: l("x") };
    def.nodes.push(dup);
    def.choices.sex!.push({ name: "f", label: l("x") });
    const located = checkDefinitionAt(def);
    expect(located).toHaveLength(2);
    expect(located[0]!.node).toBe(dup);
    expect(located[1]!.choice).toEqual({ list: "sex", index: 3 });
  });

  it("limits a form to 500 nodes", () => {
    const def = form();
    def.nodes = Array.from(
      { length: 501 },
      (_, i) => ({ type: "text", name: `q${i}`, label: l("x") }) as FormNode,
    );
    expect(checkDefinition(def)).toEqual([{ code: "too_many_questions", detail: "501" }]);
  });

  it("does not throw on deeply nested or malformed definitions", () => {
    let node: FormNode = { type: "text", name: "leaf", label: l("x") };
    for (let i = 0; i < 5_000; i++) node = { type: "group", name: `g${i}`, children: [node] };
    const deep = { ...form(), nodes: [node] };
    expect(checkDefinition(deep).map((e) => e.code)).toEqual(["too_many_questions"]);
    const broken = { ...form(), nodes: [null, { type: "group", name: "g", children: "x" }] } as never;
    expect(checkDefinition(broken).map((e) => e.code)).toEqual(["group_empty"]);
    expect(checkAnswers(broken, {}, ctx).errors).toEqual([]);
  });
});

describe("questions", () => {
  it("lists answerable nodes in order with their groups and repeat", () => {
    const qs = questions(form());
    expect(qs.map((q) => q.name)).toEqual([
      "name",
      "birth",
      "age",
      "family",
      "children",
      "income",
      "literacy_course",
      "interests",
      "languages",
      "school_name",
      "school_years",
      "need_language",
      "need_housing",
      "domains",
      "household_size",
      "member_sex",
      "member_age",
      "member_school",
      "member_adult",
      "member_count",
      "total_age",
    ]);
    const schoolName = qs.find((q) => q.name === "school_name")!;
    expect(schoolName.path).toEqual(["school"]);
    expect(schoolName.inRepeat).toBeNull();
    const sex = qs.find((q) => q.name === "member_sex")!;
    expect(sex.path).toEqual(["members"]);
    expect(sex.inRepeat).toBe("members");
    expect(sex.node.listName).toBe("sex");
  });
});

describe("readSubmission", () => {
  it("types every kind of field and skips empty ones", () => {
    const { answers, errors } = readSubmission(form(), [
      ["q.name", "  Amira "],
      ["q.birth", "1990-06-15"],
      ["q.family", "married"],
      ["q.children", " 3 "],
      ["q.income", "1234,5"],
      ["q.literacy_course", "yes"],
      ["q.interests", "music"],
      ["q.interests", "sport"],
      ["q.interests", "music"],
      ["q.languages.0.lang", "AR"],
      ["q.languages.0.level", "native"],
      ["q.languages.1.lang", ""],
      ["q.languages.1.level", ""],
      ["q.languages.2.lang", "de"],
      ["q.languages.2.level", "A2"],
      ["q.school_name", ""],
      ["q.need_language", "urgent"],
      ["q.household_size", "2"],
      ["q.members.0.member_sex", "f"],
      ["q.members.0.member_age", "34"],
      ["q.members.1.member_sex", ""],
      ["q.members.1.member_age", ""],
      ["q.members.5.member_sex", "m"],
      ["q.members.5.member_age", "7"],
      ["q.age", "99"],
      ["csrf", "x"],
    ]);
    expect(errors).toEqual([]);
    expect(answers).toEqual({
      name: "Amira",
      birth: "1990-06-15",
      family: "married",
      children: 3,
      income: 1234.5,
      literacy_course: "yes",
      interests: ["sport", "music"],
      languages: [
        { lang: "ar", level: "native" },
        { lang: "de", level: "A2" },
      ],
      need_language: "urgent",
      household_size: 2,
      members: [
        { member_sex: "f", member_age: 34 },
        { member_sex: "m", member_age: 7 },
      ],
    });
  });

  it("drops values that do not fit their type, with an error each", () => {
    const { answers, errors } = readSubmission(form(), [
      ["q.name", "Amira"],
      ["q.birth", "2021-02-29"],
      ["q.family", "widowed"],
      ["q.children", "2.5"],
      ["q.income", "12.3.4"],
      ["q.literacy_course", "maybe"],
      ["q.interests", "sport"],
      ["q.interests", "cooking"],
      ["q.household_size", "1e3"],
      ["q.members.0.member_sex", "f"],
      ["q.members.0.member_age", "old"],
    ]);
    expect(answers).toEqual({ name: "Amira", interests: ["sport"], members: [{ member_sex: "f" }] });
    expect(errors).toEqual([
      { path: "birth", code: "date" },
      { path: "family", code: "choice" },
      { path: "children", code: "integer" },
      { path: "income", code: "decimal" },
      { path: "literacy_course", code: "choice" },
      { path: "interests", code: "choice" },
      { path: "household_size", code: "integer" },
      { path: "members[0].member_age", code: "integer" },
    ]);
  });

  it("reads language levels and choices inside repeat instances", () => {
    const def = form();
    def.nodes
      .find((n) => n.name === "members")!
      .children!.push({ type: "language_level", name: "member_languages", label: l("Sprachen") });
    const { answers, errors } = readSubmission(def, [
      ["q.members.3.member_sex", "d"],
      ["q.members.3.member_languages.0.lang", "fa"],
      ["q.members.3.member_languages.0.level", "B1"],
      ["q.members.3.member_languages.1.level", "A1"],
      ["q.members.4.member_sex", "x"],
    ]);
    expect(answers.members).toEqual([
      {
        member_sex: "d",
        member_languages: [
          { lang: "fa", level: "B1" },
          { lang: "", level: "A1" },
        ],
      },
      {},
    ]);
    expect(errors).toEqual([{ path: "members[1].member_sex", code: "choice" }]);
    const checked = checkAnswers(def, { ...base(), members: answers.members! }, ctx);
    expect(checked.errors).toEqual([
      { path: "members[0].member_languages", code: "language" },
      { path: "members[1].member_sex", code: "required" },
    ]);
  });

  it("accepts both decimal separators and signs, and rejects out-of-range integers", () => {
    const read = (field: string, value: string) => readSubmission(form(), [[`q.${field}`, value]]);
    expect(read("income", "12.5").answers.income).toBe(12.5);
    expect(read("income", "-,5").answers.income).toBe(-0.5);
    expect(read("children", "+4").answers.children).toBe(4);
    expect(read("children", "99999999999999999999").errors).toEqual([{ path: "children", code: "integer" }]);
    expect(read("birth", "2024-02-29").answers.birth).toBe("2024-02-29");
    expect(read("birth", "15.06.1990").errors).toEqual([{ path: "birth", code: "date" }]);
  });
});

const base = (): Answers => ({
  name: "Amira",
  birth: "1990-06-15",
  family: "single",
  literacy_course: "yes",
  languages: [{ lang: "ar", level: "native" }],
  school_name: "Gesamtschule",
  household_size: 2,
  members: [
    { member_sex: "f", member_age: 34 },
    { member_sex: "m", member_age: 7, member_school: "yes" },
  ],
});

describe("checkAnswers", () => {
  it("accepts valid answers and adds calculations, also inside repeats", () => {
    const { answers, errors, hidden } = checkAnswers(form(), base(), ctx);
    expect(errors).toEqual([]);
    expect(answers.age).toBe(36);
    expect(answers.member_count).toBe(2);
    expect(answers.total_age).toBe(41);
    expect(answers.members).toEqual([
      { member_sex: "f", member_age: 34, member_adult: "yes" },
      { member_sex: "m", member_age: 7, member_school: "yes", member_adult: "no" },
    ]);
    expect([...hidden].sort()).toEqual(["children", "members[0].member_school"]);
  });

  it("drops answers of non-relevant questions and groups", () => {
    const input: Answers = { ...base(), birth: "2023-01-01", children: 2, school_years: 3 };
    const { answers, errors, hidden } = checkAnswers(form(), input, ctx);
    expect(errors).toEqual([]);
    expect(answers.age).toBe(3);
    expect(answers).not.toHaveProperty("children");
    expect(answers).not.toHaveProperty("school_name");
    expect(answers).not.toHaveProperty("school_years");
    expect(hidden.has("school")).toBe(true);
    expect(hidden.has("school_name")).toBe(true);
    expect(hidden.has("children")).toBe(true);
    // languages are required from 16 on only
    const { languages: _, ...noLanguages } = input;
    expect(checkAnswers(form(), noLanguages, ctx).errors).toEqual([]);
  });

  it("reports required answers with the form's message, plain and as an expression", () => {
    const { name: _n, languages: _l, ...input } = base();
    const { errors } = checkAnswers(form(), input, ctx);
    expect(errors).toEqual([
      { path: "name", code: "required", message: l("Bitte Namen angeben") },
      { path: "languages", code: "required" },
    ]);
  });

  it("checks constraints on the answer with the form's message in every language", () => {
    const input = {
      ...base(),
      birth: "2030-01-01",
      family: "married",
      children: 21,
      interests: ["sport", "music", "reading"],
    };
    const { errors } = checkAnswers(form(), input, ctx);
    expect(errors).toEqual([
      {
        path: "birth",
        code: "constraint",
        message: { de: "Datum in der Zukunft", en: "Date in the future" },
      },
      { path: "children", code: "constraint" },
      { path: "interests", code: "constraint" },
    ]);
  });

  it("checks choices, types, text length, languages, levels and repeats", () => {
    const input: Answers = {
      ...base(),
      name: "x".repeat(2001),
      family: "widowed",
      income: "12,5" as never,
      interests: ["sport", "cooking"],
      languages: [
        { lang: "arabic", level: "native" },
        { lang: "de", level: "B3" as never },
      ],
      household_size: 1,
      members: [{ member_sex: "f", member_age: 130 }, { member_age: 4 }],
      age: 99,
      unknown_question: "dropped",
    };
    const { answers, errors } = checkAnswers(form(), input, ctx);
    expect(answers.income).toBe(12.5);
    expect(answers.interests).toEqual(["sport"]);
    expect(answers).not.toHaveProperty("family");
    expect(answers).not.toHaveProperty("unknown_question");
    expect(answers.age).toBe(36);
    expect(errors).toEqual([
      { path: "family", code: "choice" },
      { path: "interests", code: "choice" },
      { path: "name", code: "too_long" },
      { path: "languages", code: "language" },
      { path: "languages", code: "level" },
      { path: "members", code: "too_many" },
      { path: "members[0].member_age", code: "constraint" },
      { path: "members[1].member_sex", code: "required" },
    ]);
  });

  it("lets a later calculation decide an earlier question's relevance", () => {
    const def: FormDefinition = {
      ...form(),
      nodes: [
        { type: "text", name: "first", label: l("x"), relevant: "${flag} = 'on'" },
        { type: "integer", name: "n", label: l("x") },
        { type: "calculate", name: "flag", calculation: "if(${n} > 5, 'on', 'off')" },
      ],
    };
    expect(checkAnswers(def, { first: "kept", n: 6 }, ctx).answers).toEqual({
      first: "kept",
      n: 6,
      flag: "on",
    });
    const off = checkAnswers(def, { first: "dropped", n: 1 }, ctx);
    expect(off.answers).toEqual({ n: 1, flag: "off" });
    expect([...off.hidden]).toEqual(["first"]);
  });

  it("treats a hidden question's answer as blank for the others", () => {
    const def: FormDefinition = {
      ...form(),
      nodes: [
        { type: "yes_no", name: "works", label: l("x") },
        { type: "text", name: "job", label: l("x"), relevant: "${works} = 'yes'" },
        { type: "text", name: "employer", label: l("x"), relevant: "${job} != ''" },
      ],
    };
    const { answers, hidden } = checkAnswers(def, { works: "no", job: "Koch", employer: "Hotel" }, ctx);
    expect(answers).toEqual({ works: "no" });
    expect([...hidden].sort()).toEqual(["employer", "job"]);
  });

  it("ignores type errors in a repeat that is not relevant", () => {
    const def = form();
    def.nodes.find((n) => n.name === "members")!.relevant = "${household_size} > 1";
    const input: Answers = { ...base(), household_size: 1, members: [{ member_age: "old" as never }] };
    const { answers, errors, hidden } = checkAnswers(def, input, ctx);
    expect(errors).toEqual([]);
    expect(answers).not.toHaveProperty("members");
    expect(hidden.has("members")).toBe(true);
  });

  it("requires every matrix row when the matrix is required", () => {
    const def = form();
    const matrix = def.nodes.find((n) => n.name === "needs")!;
    matrix.required = true;
    const { errors } = checkAnswers(def, { ...base(), need_language: "some" }, ctx);
    expect(errors).toEqual([{ path: "need_housing", code: "required" }]);
  });

  it("never throws, whatever the answers", () => {
    const anyValue = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.object({ maxDepth: 1 })), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const names = questions(form())
      .map((q) => q.name)
      .concat(["members", "zzz"]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), anyValue), (answers) => {
        const result = checkAnswers(form(), answers as Answers, ctx);
        expect(Array.isArray(result.errors)).toBe(true);
        expect(result.errors.every((e) => e.path !== "")).toBe(true);
        needsFrom(form(), result.answers);
      }),
      { numRuns: 500 },
    );
  });
});

describe("initialAnswers", () => {
  it("gives typed defaults and calculations over them", () => {
    const def = form();
    def.nodes.push(
      { type: "select_multiple", name: "fav", label: l("x"), listName: "interests", default: "music sport" },
      { type: "integer", name: "broken_default", label: l("x"), default: "many" },
      { type: "calculate", name: "size_plus", calculation: "${household_size} + 1" },
    );
    expect(initialAnswers(def, ctx)).toEqual({
      household_size: 1,
      fav: ["sport", "music"],
      member_count: 0,
      total_age: 0,
      size_plus: 2,
    });
  });
});

describe("needsFrom", () => {
  it("opens needs from yes answers, choices and matrix rows, not from negative answers", () => {
    const answers: Answers = {
      literacy_course: "yes",
      need_language: "none",
      need_housing: "urgent",
      domains: ["school", "other", "language"],
    };
    expect(needsFrom(form(), answers)).toEqual(["housing", "language", "school"]);
    expect(needsFrom(form(), { literacy_course: "no", need_housing: "none" })).toEqual([]);
    expect(needsFrom(form(), {})).toEqual([]);
  });

  it("counts any instance of a repeat and a need on a group", () => {
    const def = form();
    def.nodes
      .find((n) => n.name === "members")!
      .children!.push({
        type: "yes_no",
        name: "member_kita",
        label: l("Kita"),
        need: "kita",
      });
    def.nodes.find((n) => n.name === "school")!.need = "school";
    const answers: Answers = { members: [{ member_kita: "no" }, { member_kita: "yes" }], school_years: 0 };
    expect(needsFrom(def, answers)).toEqual(["kita", "school"]);
  });
});

describe("labelFor", () => {
  const def = form();
  it("falls back from the language to its base, the form's default, 'default', then any", () => {
    expect(labelFor({ de: "Name", ar: "الاسم" }, "ar-SY", def)).toBe("الاسم");
    expect(labelFor({ de: "Name", ar: "الاسم" }, "ar", def)).toBe("الاسم");
    expect(labelFor({ de: "Name", ar: "" }, "ar", def)).toBe("Name");
    expect(labelFor({ default: "Name", tr: "Ad" }, "fa", def)).toBe("Name");
    expect(labelFor({ tr: "Ad" }, "fa", def)).toBe("Ad");
    expect(labelFor({}, "fa", def)).toBe("");
    expect(labelFor(undefined, "fa", def)).toBe("");
  });
});

describe("digits typed on Arabic and Farsi keyboards", () => {
  it("reads Arabic-Indic and Persian digits as numbers", async () => {
    const { readSubmission, westernDigits } = await import("./engine.ts");
    expect(westernDigits("١٢")).toBe("12");
    expect(westernDigits("۳۴٫۵")).toBe("34.5");
    const def = {
      formId: "f",
      title: { de: "F" },
      defaultLanguage: "de",
      languages: ["de"],
      choices: {},
      nodes: [
        { type: "integer" as const, name: "n", label: { de: "n" } },
        { type: "decimal" as const, name: "d", label: { de: "d" } },
      ],
    };
    const r = readSubmission(def, [
      ["q.n", "١٢"],
      ["q.d", "۳۴٫۵"],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.answers).toEqual({ n: 12, d: 34.5 });
  });
});
