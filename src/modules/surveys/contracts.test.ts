import { describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import { INT32_MAX, parseInput } from "#app/server/validation.ts";
import {
  answerFieldsOf,
  createLinkInput,
  createSurveyInput,
  drawWaveInput,
  importXlsFormTarget,
  MAX_SUBMISSION_FIELDS,
  recordContactInput,
  submissionInput,
} from "./contracts.ts";

/** The field errors a parse fails with (code per field). */
function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (e) {
    if (isAppError(e)) return Object.fromEntries(e.fields.map((f) => [f.field, f.code]));
    throw e;
  }
  throw new Error("expected a validation error");
}

const submission = {
  formVersion: 1,
  submissionId: "0b9c4a4e-7f6d-4d55-9a43-2d6f8a0c1e11",
  lang: "de",
  answers: { "q.a": "x" },
};

describe("survey contracts", () => {
  it("form fields become answers: a name posted twice holds both values, other fields stay out", () => {
    expect(
      answerFieldsOf([
        ["q.colours", "red"],
        ["submissionId", "x"],
        ["q.colours", "blue"],
        ["q.name", "Amal"],
      ]),
    ).toEqual({ "q.colours": ["red", "blue"], "q.name": "Amal" });
  });

  it("a submission takes the form version as posted text or as a number, within the integer column", () => {
    expect(parseInput(submissionInput, { ...submission, formVersion: "2" }).formVersion).toBe(2);
    expect(parseInput(submissionInput, { ...submission, personId: "" }).personId).toBeNull();
    expect(
      fieldsOf(() => parseInput(submissionInput, { ...submission, formVersion: INT32_MAX + 1 })),
    ).toEqual({
      formVersion: "too_big",
    });
    expect(fieldsOf(() => parseInput(submissionInput, { ...submission, formVersion: 0 }))).toEqual({
      formVersion: "too_small",
    });
  });

  it("a submission with more answer fields than any form has is refused at the answers", () => {
    const values = Array.from({ length: 500 }, (_, i) => `v${i}`);
    const fields = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, k) => [`q.k${k}`, values]));
    expect(MAX_SUBMISSION_FIELDS).toBe(10 * values.length);
    expect(parseInput(submissionInput, { ...submission, answers: fields(10) }).answers["q.k9"]).toHaveLength(
      500,
    );
    expect(fieldsOf(() => parseInput(submissionInput, { ...submission, answers: fields(11) }))).toEqual({
      answers: "too_big",
    });
  });

  it("page numbers arrive as text: empty is not given, a fraction or a word is refused", () => {
    const survey = { title: "Befragung", formId: "0b9c4a4e-7f6d-4d55-9a43-2d6f8a0c1e11" };
    expect(parseInput(createSurveyInput, { ...survey, assignedYear: "2015", minAge: "" })).toMatchObject({
      assignedYear: 2015,
    });
    expect(parseInput(createSurveyInput, { ...survey, minAge: "" }).minAge).toBeUndefined();
    expect(fieldsOf(() => parseInput(createSurveyInput, { ...survey, assignedYear: "2015.5" }))).toEqual({
      assignedYear: "invalid_type",
    });
    const wave = { label: "Welle 1", seed: "s", stratifyBy: ["sex"] };
    expect(parseInput(drawWaveInput, { ...wave, size: "20" })).toMatchObject({ size: 20, reserve: 0 });
    expect(
      fieldsOf(() => parseInput(drawWaveInput, { ...wave, size: "", stratifyBy: ["eye_colour"] })),
    ).toEqual({
      size: "required",
      "stratifyBy.0": "invalid_choice",
    });
  });

  it("versions of what was read come back from hidden fields; an empty one is not given", () => {
    expect(parseInput(recordContactInput, { status: "refused", version: "3" })).toEqual({
      status: "refused",
      version: 3,
    });
    expect(parseInput(importXlsFormTarget, { formId: "", version: "" })).toEqual({ formId: null });
    expect(
      fieldsOf(() => parseInput(recordContactInput, { status: "refused", version: String(INT32_MAX + 1) })),
    ).toEqual({
      version: "too_big",
    });
  });

  it("a link is in a UI language and valid for at most 90 days", () => {
    const link = { formId: "f", caseId: "c", lang: "ar" };
    expect(parseInput(createLinkInput, link)).toEqual({ ...link, waveId: null, personId: null });
    expect(fieldsOf(() => parseInput(createLinkInput, { ...link, lang: "xx", days: 91 }))).toEqual({
      lang: "invalid_choice",
      days: "too_big",
    });
  });
});
