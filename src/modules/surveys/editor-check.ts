/**
 * The editor's check of a definition (decision 096): the engine's own definition check
 * (`checkDefinitionAt`) and the expression parser, turned into field errors the editor shows
 * beside the field — the edited question's fields by their form names (`relevant`,
 * `choices.2.name`), a problem at another question as `questions.<name>` naming it. Expression
 * syntax errors carry the 1-based position the parser found.
 */
import type { FieldError } from "../../server/errors.ts";
import { checkDefinitionAt, type LocatedFormError } from "./engine.ts";
import { parseExpression } from "./expr.ts";
import type { ExprErrorCode } from "./expr-syntax.ts";
import type { FormDefinition, FormErrorCode, FormNode } from "./types.ts";

/** XLSForm column (as the checker names it) → the node's key and the editor's field. */
const EXPRESSION_COLUMNS: Record<string, { key: keyof FormNode; field: string }> = {
  relevant: { key: "relevant", field: "relevant" },
  constraint: { key: "constraint", field: "constraint" },
  calculation: { key: "calculation", field: "calculation" },
  repeat_count: { key: "repeatCount", field: "repeatCount" },
  required: { key: "required", field: "required" },
  choice_filter: { key: "choiceFilter", field: "choiceFilter" },
};

/** The field of the edited question a definition problem belongs to. */
const FIELD_OF: Partial<Record<FormErrorCode, string>> = {
  name_missing: "name",
  name_invalid: "name",
  name_duplicate: "name",
  type_unknown: "type",
  list_missing: "listName",
  list_unknown: "listName",
  group_empty: "type",
  matrix_mixed: "type",
  repeat_nested: "type",
  calculation_missing: "calculation",
  calculation_cycle: "calculation",
  parameters_invalid: "parameters",
  image_parameters_invalid: "parameters",
  audio_parameters_invalid: "parameters",
  file_parameters_invalid: "parameters",
  need_unknown: "type",
};

/** Problems the editor has its own message for; the rest read as `survey_editor_invalid`. */
const OWN_MESSAGES = new Set<FormErrorCode>([
  "name_missing",
  "name_invalid",
  "name_duplicate",
  "list_missing",
  "group_empty",
  "matrix_mixed",
  "repeat_nested",
  "calculation_missing",
  "calculation_cycle",
  "label_missing",
  "parameters_invalid",
  "image_parameters_invalid",
  "audio_parameters_invalid",
  "file_parameters_invalid",
  "choice_duplicate",
  "choice_name_missing",
  "choice_name_spaces",
  "too_many_questions",
]);

/** Parser error → the editor's message: where it stopped, what it did not know, or too much. */
const EXPRESSION_MESSAGES: Record<ExprErrorCode, string> = {
  empty: "survey_editor_expr_unexpected",
  unexpected_token: "survey_editor_expr_unexpected",
  unexpected_end: "survey_editor_expr_end",
  unterminated_string: "survey_editor_expr_end",
  unknown_function: "survey_editor_expr_function",
  wrong_arity: "survey_editor_expr_arity",
  too_long: "survey_editor_expr_complex",
  too_deep: "survey_editor_expr_complex",
};

/**
 * Field errors of a definition the editor is about to store. `focus` is the question being
 * edited (its problems go to its fields), `sourceLanguage` the language whose label field is shown
 * first (a missing label points there).
 */
export function editorErrors(
  def: FormDefinition,
  focus: string | null,
  sourceLanguage: string,
): FieldError[] {
  const listOfFocus = focus ? findListName(def, focus) : undefined;
  const out: FieldError[] = [];
  for (const located of checkDefinitionAt(def)) {
    const e = toField(located, focus, listOfFocus, sourceLanguage);
    if (!out.some((o) => o.field === e.field && o.code === e.code)) out.push(e);
  }
  return out;
}

function toField(
  { error, node, choice }: LocatedFormError,
  focus: string | null,
  listOfFocus: string | undefined,
  sourceLanguage: string,
): FieldError {
  const question = node?.name ?? choice?.list ?? "";
  const onFocus = focus !== null && node?.name === focus;
  const elsewhere = `questions.${question}`;
  const params: Record<string, string> = { question, detail: error.detail ?? "" };
  if (choice) {
    const field = choice.list === listOfFocus ? `choices.${choice.index}.name` : elsewhere;
    return {
      field,
      code: codeOf(error.code),
      params: { ...params, detail: error.detail?.split("/")[1] ?? "" },
    };
  }
  const expression = error.column ? EXPRESSION_COLUMNS[error.column] : undefined;
  if (expression && (error.code === "expression_invalid" || error.code === "expression_unknown_field")) {
    const field = onFocus ? expression.field : elsewhere;
    if (error.code === "expression_unknown_field")
      return {
        field,
        code: "survey_editor_unknown_name",
        params: { ...params, detail: error.detail?.split(": ").slice(1).join(": ") ?? "" },
      };
    const src = node?.[expression.key];
    const parsed = parseExpression(typeof src === "string" ? src : "", {
      columns: expression.key === "choiceFilter",
    });
    const at = parsed.ok ? 0 : parsed.error.at;
    const code = parsed.ok ? "survey_editor_expr_unexpected" : EXPRESSION_MESSAGES[parsed.error.code];
    return {
      field,
      code,
      params: { ...params, position: String(at + 1), detail: parsed.ok ? "" : (parsed.error.detail ?? "") },
    };
  }
  if (!onFocus) return { field: elsewhere, code: codeOf(error.code), params };
  const field = error.code === "label_missing" ? `label.${sourceLanguage}` : (FIELD_OF[error.code] ?? "type");
  return { field, code: codeOf(error.code), params };
}

const codeOf = (code: FormErrorCode) =>
  OWN_MESSAGES.has(code) ? `survey_editor_${code}` : "survey_editor_invalid";

function findListName(def: FormDefinition, name: string): string | undefined {
  const stack = [...def.nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === name) return node.listName;
    if (Array.isArray(node.children)) stack.push(...node.children);
  }
  return undefined;
}
