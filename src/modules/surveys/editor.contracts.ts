/**
 * Contracts of the questionnaire editor (issue 15 §4, decision 096): one schema per operation,
 * shared by the editor pages (`parseInput`) and the typed service methods. Browser-safe.
 * Every operation carries the form's `version` as read (optimistic locking): two people editing
 * the same draft get a conflict, never a silent overwrite.
 */
import { z } from "zod";
import { INT32_MAX, text } from "#app/server/validation.ts";
import { QUESTION_TYPES } from "./types.ts";

/** Text of one label, hint or message (XLSForm cells are not longer in any form we know). */
export const EDITOR_TEXT_MAX = 2000;
/** Choices of one list the editor takes in one save. */
export const EDITOR_MAX_CHOICES = 300;

const fromText = (v: unknown) =>
  v === "" || v === null ? undefined : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
const formVersion = () =>
  z.preprocess(
    fromText,
    z
      .number({ error: (iss) => (iss.input === undefined ? "code:required" : "code:invalid_type") })
      .int()
      .min(1)
      .max(INT32_MAX),
  );
/** A question name as the form posts it; the checker (not the schema) says what is wrong with it. */
const questionName = () => text().trim().max(200);
/** Language code → text ("de", "ar", "de-simple"; "default" for an unlabelled XLSForm column). */
const localized = () =>
  z
    .record(z.string().regex(/^(?:[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|default)$/), text().max(EDITOR_TEXT_MAX))
    .default({});
const expression = () => text().trim().max(2000).default("");
const flag = () =>
  z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean()).default(false);

/** Save one question: an existing one (`original` = its name) or a new one in `parent` ("" = top). */
export const editQuestionInput = z.object({
  version: formVersion(),
  /** The question's name before this edit; "" adds a new question. */
  original: questionName().default(""),
  /** For a new question: the group, repeat or matrix it goes into ("" for the top level). */
  parent: questionName().default(""),
  type: z.enum(QUESTION_TYPES),
  name: questionName(),
  label: localized(),
  hint: localized(),
  required: flag(),
  relevant: expression(),
  constraint: expression(),
  constraintMessage: localized(),
  calculation: expression(),
  repeatCount: expression(),
  /** range: "start=1 end=10 step=1". */
  parameters: text().trim().max(200).default(""),
  /** Selects and matrices: the choice list; "" names it after the question. */
  listName: text().trim().max(200).default(""),
  /** The list's choices in order; rows with neither name nor label are left out. */
  choices: z
    .array(z.object({ name: text().trim().max(200).default(""), label: localized() }))
    .max(EDITOR_MAX_CHOICES)
    .default([]),
});
export type EditQuestionInput = z.output<typeof editQuestionInput>;

/** Move a question one place up or down among its siblings. */
export const moveQuestionInput = z.object({
  version: formVersion(),
  name: questionName().min(1),
  direction: z.enum(["up", "down"]),
});
export type MoveQuestionInput = z.output<typeof moveQuestionInput>;

/** Delete a question (a group, repeat or matrix with everything in it). */
export const deleteQuestionInput = z.object({
  version: formVersion(),
  name: questionName().min(1),
});
export type DeleteQuestionInput = z.output<typeof deleteQuestionInput>;
