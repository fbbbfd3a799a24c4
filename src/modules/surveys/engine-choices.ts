/**
 * Cascading selects (XLSForm `choice_filter`): the choices of a select that pass its filter,
 * each choice evaluated with its own columns as bare names (`state = ${state}`), as ODK does.
 */
import { Expressions, type FormIndex, type Frame, frameOf, indexForm, makeScope } from "./engine-settle.ts";
import { evaluate, truthy } from "./expr.ts";
import type { Answers, AnswerValue, Choice, FormDefinition, FormNode } from "./types.ts";

export function listOf(def: FormDefinition, node: FormNode): Choice[] {
  const list = node.listName;
  const raw = list && def.choices && Object.hasOwn(def.choices, list) ? def.choices[list] : undefined;
  return Array.isArray(raw) ? raw : [];
}

/** A choice column as a filter reads it: name, label (default language), or the sheet's own column. */
function columnOf(def: FormDefinition, c: Choice, column: string): string {
  if (column === "name") return c.name;
  if (column === "label") return c.label?.[def.defaultLanguage] ?? Object.values(c.label ?? {})[0] ?? "";
  const cols = c.columns;
  return cols && Object.hasOwn(cols, column) ? (cols[column] ?? "") : "";
}

/**
 * The choices of `node` that pass its choice_filter over `values` (inside a repeat: over that
 * instance). All of them without a filter; none when the filter does not parse.
 */
export function filteredChoices(
  def: FormDefinition,
  node: FormNode,
  ctx: {
    index: FormIndex;
    exprs: Expressions;
    values: Answers;
    today: string;
    self?: AnswerValue;
    instance: Frame | null;
  },
): Choice[] {
  const all = listOf(def, node);
  if (!node.choiceFilter?.trim()) return all;
  const expr = ctx.exprs.filter(node.choiceFilter);
  if (!expr) return [];
  const base = makeScope(ctx.index, ctx.values, ctx.today, ctx.self, ctx.instance);
  return all.filter((c) => truthy(evaluate(expr, { ...base, column: (name) => columnOf(def, c, name) })));
}

/**
 * The names of the choices a select offers now, over the whole form's answers (the renderer:
 * `prefix` is "" or `repeat[i]`, `outer[i].inner[j]` for a question in a repeat instance).
 * Null without a filter.
 */
export function offeredChoices(
  def: FormDefinition,
  node: FormNode,
  answers: Answers,
  today: string,
  prefix: string,
): Set<string> | null {
  if (!node.choiceFilter?.trim()) return null;
  const instance = frameAt(answers, prefix);
  const ctx = { index: indexForm(def), exprs: new Expressions(), values: answers, today, instance };
  return new Set(filteredChoices(def, node, ctx).map((c) => c.name));
}

/** The frame of the repeat instance at `prefix` (`a[0]`, `a[0].b[1]`), null at the top or when absent. */
function frameAt(answers: Answers, prefix: string): Frame | null {
  let frame: Frame | null = null;
  let target: Answers = answers;
  for (const m of prefix.matchAll(/(?:^|\.)([^[.][^[]*)\[(\d+)\]/g)) {
    const list = target[m[1]!];
    const inst = Array.isArray(list) ? (list as Answers[])[Number(m[2])] : undefined;
    if (!inst || typeof inst !== "object") return null;
    frame = frameOf(m[1]!, inst, Number(m[2]), frame);
    target = inst;
  }
  return frame;
}
