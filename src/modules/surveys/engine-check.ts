/**
 * Checking answers against a form (relevance, calculations, required, constraints, types,
 * lengths, repeat counts) and the answers a new response starts with.
 */

import { filteredChoices } from "./engine-choices.ts";
import { inRange, rangeOf } from "./engine-range.ts";
import { coerce, sanitize } from "./engine-read.ts";
import { Expressions, type Frame, frameOf, indexForm, makeScope, settle } from "./engine-settle.ts";
import { childrenOf, flatten, hasText, isAnswerable, nodesIn } from "./engine-tree.ts";
import { evaluate, type Scope, truthy } from "./expr.ts";
import {
  type AnswerError,
  type AnswerErrorCode,
  type Answers,
  type AnswerValue,
  type EvaluationContext,
  type FormDefinition,
  type FormNode,
  LANGUAGE_LEVELS,
  type LanguageLevelAnswer,
  type LocalizedText,
} from "./types.ts";

export const MAX_TEXT_LENGTH = 2000;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

const isEmpty = (v: AnswerValue | undefined) =>
  v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function withMessage(path: string, code: AnswerErrorCode, message: LocalizedText | undefined): AnswerError {
  return message && hasText(message) ? { path, code, message } : { path, code };
}

/**
 * Checks answers against the form: drops what is not asked (non-relevant questions and their
 * children, paths in `hidden`), stores calculations, and reports required, constraint, choice,
 * type, length, language/level and repeat-count problems. Never throws.
 */
export function checkAnswers(
  def: FormDefinition,
  answers: Answers,
  ctx: EvaluationContext,
): { answers: Answers; errors: AnswerError[]; hidden: Set<string> } {
  try {
    const errors: AnswerError[] = [];
    const base = sanitize(def, nodesIn(def.nodes), answers, "", errors);
    const index = indexForm(def);
    const exprs = new Expressions();
    const { values, hidden } = settle(def, index, exprs, base, ctx.today);
    // a type error on a hidden question does not count
    const isHidden = (path: string) => hidden.has(path) || [...hidden].some((h) => path.startsWith(`${h}[`));
    const visibleErrors = errors.filter((e) => !isHidden(e.path));

    const check = (
      nodes: readonly FormNode[],
      target: Answers,
      instance: Frame | null,
      requiredAbove: boolean | string | undefined,
    ) => {
      for (const node of nodes) {
        const path = instance ? `${instance.path}.${node.name}` : node.name;
        if (hidden.has(path)) continue;
        const value = target[node.name];
        const scope = () => makeScope(index, values, ctx.today, value, instance);
        const req = node.required ?? requiredAbove;
        if (node.type === "group") {
          check(childrenOf(node), target, instance, undefined);
          continue;
        }
        if (node.type === "matrix") {
          check(childrenOf(node), target, instance, node.required);
          continue;
        }
        if (node.type === "note" || node.type === "calculate") continue;
        let required = req === true;
        if (typeof req === "string") {
          const expr = exprs.get(req);
          required = expr !== null && truthy(evaluate(expr, scope()));
        }
        if (isEmpty(value)) {
          if (required) visibleErrors.push(withMessage(path, "required", node.requiredMessage));
          continue;
        }
        visibleErrors.push(...valueProblems(node, value!, path, exprs, scope));
        if (node.choiceFilter && (node.type === "select_one" || node.type === "select_multiple")) {
          const ctx2 = { index, exprs, values, today: ctx.today, self: value, instance };
          const offered = new Set(filteredChoices(def, node, ctx2).map((c) => c.name));
          const given = Array.isArray(value) ? (value as string[]) : [String(value)];
          if (given.some((v) => !offered.has(v))) visibleErrors.push({ path, code: "choice" });
        }
        if (node.type === "repeat" && Array.isArray(value)) {
          (value as Answers[]).forEach((answers, i) => {
            check(childrenOf(node), answers, frameOf(node.name, answers, i, instance), undefined);
          });
        }
      }
    };
    check(nodesIn(def.nodes), values, null, undefined);
    return { answers: values, errors: visibleErrors, hidden };
  } catch {
    // Only a definition checkDefinition would refuse can get here; refuse the answers rather than pass them.
    return { answers: {}, errors: [{ path: "", code: "constraint" }], hidden: new Set() };
  }
}

/** What is wrong with one given answer: length, language rows, its constraint, a repeat's count. */
function valueProblems(
  node: FormNode,
  value: AnswerValue,
  path: string,
  exprs: Expressions,
  scope: () => Scope,
): AnswerError[] {
  const out: AnswerError[] = [];
  if (node.type === "text" && typeof value === "string" && [...value].length > MAX_TEXT_LENGTH) {
    out.push({ path, code: "too_long" });
  }
  if (node.type === "language_level" && Array.isArray(value)) {
    const rows = value as LanguageLevelAnswer[];
    if (rows.some((r) => !LANGUAGE_CODE.test(r.lang))) out.push({ path, code: "language" });
    if (rows.some((r) => !(LANGUAGE_LEVELS as readonly string[]).includes(r.level))) {
      out.push({ path, code: "level" });
    }
  }
  if (node.type === "range" && typeof value === "number" && !inRange(value, rangeOf(node.parameters)))
    out.push({ path, code: "range" });
  const constraint = exprs.get(node.constraint);
  if (constraint && !truthy(evaluate(constraint, scope()))) {
    out.push(withMessage(path, "constraint", node.constraintMessage));
  }
  if (node.type === "repeat" && Array.isArray(value)) {
    const countExpr = exprs.get(node.repeatCount);
    if (countExpr) {
      const count = Number(evaluate(countExpr, scope()));
      if (Number.isFinite(count) && value.length > count) out.push({ path, code: "too_many" });
    }
  }
  return out;
}

/** Defaults (typed; invalid defaults ignored) and the calculations over them, for a new response. */
export function initialAnswers(def: FormDefinition, ctx: EvaluationContext): Answers {
  try {
    const base: Answers = {};
    for (const { node, inRepeat } of flatten(def.nodes)) {
      if (inRepeat !== null || node.default === undefined || node.default === "") continue;
      if (!isAnswerable(node.type) || node.type === "calculate") continue;
      const raw = node.type === "select_multiple" ? node.default.trim().split(/\s+/) : node.default;
      const { value } = coerce(def, node, raw);
      if (value !== undefined) base[node.name] = value;
    }
    const { values } = settle(def, indexForm(def), new Expressions(), base, ctx.today);
    for (const { node, inRepeat } of flatten(def.nodes)) {
      if (node.type === "calculate" && inRepeat === null && values[node.name] !== undefined) {
        base[node.name] = values[node.name]!;
      }
    }
    return base;
  } catch {
    return {};
  }
}
