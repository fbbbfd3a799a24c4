import { describe, expect, it } from "vitest";
import { mergeSurveyAnswers, readableSurveyAnswers } from "./subject-answers.ts";
import type { FormDefinition } from "./types.ts";

const def: FormDefinition = {
  formId: "t",
  title: { de: "Test" },
  defaultLanguage: "de",
  languages: ["de", "en"],
  choices: {
    yn: [
      { name: "a", label: { de: "Antwort A", en: "Answer A" } },
      { name: "b", label: { de: "Antwort B" } },
    ],
  },
  nodes: [
    { type: "note", name: "intro", label: { de: "Hinweis" } },
    {
      type: "group",
      name: "g",
      label: { de: "Gruppe" },
      children: [
        { type: "select_one", name: "one", listName: "yn", label: { de: "Eine Wahl", en: "One choice" } },
        { type: "select_multiple", name: "many", listName: "yn", label: { de: "Mehrere" } },
      ],
    },
    { type: "yes_no", name: "yn_q", label: { de: "Ja oder nein?" } },
    { type: "language_level", name: "langs", label: { de: "Sprachen" } },
    {
      type: "repeat",
      name: "members",
      label: { de: "Mitglieder" },
      children: [
        { type: "text", name: "member_name", label: { de: "Name" } },
        { type: "integer", name: "member_age", label: { de: "Alter" } },
      ],
    },
    // Same label as another question: the name tells them apart.
    { type: "text", name: "other", label: { de: "Mehrere" } },
  ],
};

describe("readableSurveyAnswers", () => {
  it("labels questions and choices in German, in form order, with repeats and unknown names", () => {
    const r = readableSurveyAnswers(def, {
      legacy: "x",
      one: "b",
      many: ["a", "zzz"],
      yn_q: "no",
      langs: [{ lang: "ar", level: "native" }],
      members: [
        { member_name: "Sami", member_age: 7 },
        { member_name: "Rua", member_age: 4 },
      ],
      other: "Text",
    });
    expect(r).toEqual({
      "Eine Wahl": "Antwort B",
      Mehrere: ["Antwort A", "zzz"],
      "Ja oder nein?": false,
      Sprachen: ["ar: native"],
      Mitglieder: [
        { Name: "Sami", Alter: 7 },
        { Name: "Rua", Alter: 4 },
      ],
      "Mehrere (other)": "Text",
      legacy: "x",
    });
    expect(Object.keys(r)[0]).toBe("Eine Wahl");
    expect(readableSurveyAnswers(def, { one: "a" }, "en")).toEqual({ "One choice": "Answer A" });
  });

  it("survives a missing definition and odd values", () => {
    expect(readableSurveyAnswers(null, { a: 1, b: ["x"] })).toEqual({ a: 1, b: '["x"]' });
    expect(readableSurveyAnswers(def, { members: "broken" as never, many: "a" as never })).toEqual({
      Mitglieder: [],
      Mehrere: null,
    });
  });
});

describe("mergeSurveyAnswers", () => {
  it("puts decrypted free text back, also inside repeat instances", () => {
    expect(
      mergeSurveyAnswers(
        { one: "a", members: [{ member_age: 7 }, { member_age: 4 }] },
        { other: "Text", members: [{ member_name: "Sami" }, { member_name: "Rua" }] },
      ),
    ).toEqual({
      one: "a",
      other: "Text",
      members: [
        { member_age: 7, member_name: "Sami" },
        { member_age: 4, member_name: "Rua" },
      ],
    });
  });
});
