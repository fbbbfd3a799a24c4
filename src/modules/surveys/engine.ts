/**
 * The form engine (issue 5): checks a form definition, reads an HTML submission into typed
 * answers, and checks answers against the form — relevance, calculations, required, constraints,
 * choices — the way ODK/Enketo do, with the expression language of `expr.ts`.
 *
 * Pure and synchronous; runs on the server and in the browser. Nothing here throws on any input.
 *
 * Answers are a flat record by question name (names are unique in a form); a repeat's answer is
 * an array of such records, one per instance. Answer paths in errors are `name`, or
 * `repeat[i].name` inside a repeat (i from 0).
 */

export { checkAnswers, initialAnswers, MAX_TEXT_LENGTH } from "./engine-check.ts";
export { offeredChoices } from "./engine-choices.ts";
export {
  checkDefinition,
  checkDefinitionAt,
  type LocatedFormError,
  MAX_FORM_NODES,
} from "./engine-definition.ts";
export { needsFrom } from "./engine-needs.ts";
export { readSubmission, westernDigits } from "./engine-read.ts";
export { labelFor, type QuestionInfo, questions } from "./engine-tree.ts";
