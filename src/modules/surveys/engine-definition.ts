/**
 * Checking a form definition: structure (names, types, lists, groups), expressions and their
 * references, calculation cycles, choices. Each problem names its node or choice, so the XLSForm
 * reader can point at the row.
 */
import { LIFE_DOMAINS } from "../casework/life-domains.ts";
import { rangeOf } from "./engine-range.ts";
import {
  childrenOf,
  flatten,
  hasText,
  isAnswerable,
  isContainer,
  MAX_REPEAT_DEPTH,
  type Visit,
} from "./engine-tree.ts";
import { fieldRefs, parseExpression } from "./expr.ts";
import { isMediaType, mediaParametersValid, readAccept } from "./media.ts";
import { type FormDefinition, type FormError, type FormNode, QUESTION_TYPES } from "./types.ts";

export const MAX_FORM_NODES = 500;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** A definition problem with the node (or choice) it concerns, so a file reader can name the row. */
export type LocatedFormError = {
  error: FormError;
  node?: FormNode;
  choice?: { list: string; index: number };
};

const EXPRESSION_FIELDS = [
  ["relevant", "relevant"],
  ["constraint", "constraint"],
  ["calculation", "calculation"],
  ["repeatCount", "repeat_count"],
  ["required", "required"],
  ["choiceFilter", "choice_filter"],
] as const;

/**
 * Structure and expression problems of a definition, without sheet/row (xlsform.ts adds those).
 * `column` names the XLSForm column ("relevant", "type", …). `detail` is the node's name, except:
 * expression_invalid "<column>: <ExprErrorCode>"; expression_unknown_field and need_unknown
 * "<node name>: <unknown name>"; type_unknown the type; list_unknown the list name; choice
 * problems "<list>/<choice>"; too_many_questions the count.
 */
export function checkDefinition(def: FormDefinition): FormError[] {
  return checkDefinitionAt(def).map((e) => e.error);
}

/** checkDefinition with each problem's node or choice, in form order (choices after the survey). */
export function checkDefinitionAt(def: FormDefinition): LocatedFormError[] {
  const out: LocatedFormError[] = [];
  const add = (error: FormError, node?: FormNode) => out.push(node ? { error, node } : { error });
  const visits = flatten(def?.nodes);
  const choices: Record<string, unknown> = def?.choices && typeof def.choices === "object" ? def.choices : {};
  const names = new Set<string>();
  for (const { node } of visits) if (typeof node.name === "string") names.add(node.name);
  const byName = new Map(visits.map((v) => [v.node.name, v.node]));
  const ctx: NodeContext = {
    add,
    names,
    seen: new Set(),
    listExists: (list) => Object.hasOwn(choices, list) && Array.isArray(choices[list]),
  };
  for (const visit of visits) checkNode(visit, ctx);
  for (const name of calculationCycles(visits, byName)) {
    const node = byName.get(name)!;
    add({ code: "calculation_cycle", column: "calculation", detail: name }, node);
  }
  if (visits.length > MAX_FORM_NODES) {
    out.push({ error: { code: "too_many_questions", detail: String(visits.length) } });
  }
  // a select_multiple answer is its choice names joined by spaces: its lists cannot have names with spaces
  const multiple = new Set(
    visits.filter((v) => v.node.type === "select_multiple").map((v) => v.node.listName),
  );
  const options = { allowDuplicates: def?.allowChoiceDuplicates === true };
  for (const [list, raw] of Object.entries(choices))
    if (Array.isArray(raw)) checkChoices(list, raw, out, { ...options, noSpaces: multiple.has(list) });
  return out;
}

type NodeContext = {
  add: (error: FormError, node?: FormNode) => void;
  /** Every name in the form (expressions may refer to any of them). */
  names: Set<string>;
  /** Names met so far (the second use of a name is the duplicate). */
  seen: Set<string>;
  listExists: (list: string) => boolean;
};

function checkNode({ node, repeats }: Visit, ctx: NodeContext): void {
  const { add } = ctx;
  const name = typeof node.name === "string" ? node.name : "";
  if (!(QUESTION_TYPES as readonly string[]).includes(node.type)) {
    add({ code: "type_unknown", column: "type", detail: String(node.type) }, node);
    return;
  }
  if (name === "") add({ code: "name_missing", column: "name" }, node);
  else if (!NAME.test(name)) add({ code: "name_invalid", column: "name", detail: name }, node);
  else if (ctx.seen.has(name)) add({ code: "name_duplicate", column: "name", detail: name }, node);
  ctx.seen.add(name);

  if (node.type === "select_one" || node.type === "select_multiple" || node.type === "matrix") {
    if (!node.listName) add({ code: "list_missing", column: "type", detail: name }, node);
    else if (!ctx.listExists(node.listName)) {
      add({ code: "list_unknown", column: "type", detail: node.listName }, node);
    }
  }
  if (isContainer(node.type) && childrenOf(node).length === 0) {
    add({ code: "group_empty", column: "type", detail: name }, node);
  }
  if (node.type === "matrix") {
    for (const child of childrenOf(node)) {
      if (child.type !== "select_one" || child.listName !== node.listName) {
        add({ code: "matrix_mixed", column: "type", detail: child.name }, child);
      }
    }
  }
  // repeats nest as in KoboToolbox and ODK, up to a depth the page can still show
  if (node.type === "repeat" && repeats.length >= MAX_REPEAT_DEPTH) {
    add({ code: "repeat_nested", column: "type", detail: name }, node);
  }
  if (node.type === "calculate" && !node.calculation?.trim()) {
    add({ code: "calculation_missing", column: "calculation", detail: name }, node);
  }
  const labelled = node.type === "note" || (isAnswerable(node.type) && node.type !== "calculate");
  if (labelled && !hasText(node.label)) {
    add({ code: "label_missing", column: "label", detail: name }, node);
  }
  if (node.type === "range" && !rangeOf(node.parameters)) {
    add({ code: "parameters_invalid", column: "parameters", detail: name }, node);
  }
  if (isMediaType(node.type) && !mediaParametersValid(node.type, node.parameters)) {
    add({ code: `${node.type}_parameters_invalid`, column: "parameters", detail: name }, node);
  }
  // `body::accept` that leaves no type Lotse takes would make the question unanswerable
  if (isMediaType(node.type) && node.accept && readAccept(node.type, node.accept).types.length === 0) {
    add({ code: "accept_unsupported", column: "accept", detail: `${name}: ${node.accept}` }, node);
  }
  checkNeed(node, name, add);
  checkExpressions(node, name, ctx);
}

function checkNeed(node: FormNode, name: string, add: NodeContext["add"]): void {
  if (node.need === undefined || node.need === "") return;
  const known = node.need === "choices" || (LIFE_DOMAINS as readonly string[]).includes(node.need);
  const choicesOnSelect =
    node.need !== "choices" || node.type === "select_one" || node.type === "select_multiple";
  if (!known || !choicesOnSelect) {
    add({ code: "need_unknown", column: "lotse_need", detail: `${name}: ${node.need}` }, node);
  }
}

function checkExpressions(node: FormNode, name: string, ctx: NodeContext): void {
  for (const [field, column] of EXPRESSION_FIELDS) {
    const src = node[field];
    if (typeof src !== "string") continue;
    const parsed = parseExpression(src, { columns: field === "choiceFilter" });
    if (!parsed.ok) {
      ctx.add({ code: "expression_invalid", column, detail: `${column}: ${parsed.error.code}` }, node);
      continue;
    }
    for (const ref of fieldRefs(parsed.expr)) {
      if (!ctx.names.has(ref)) {
        ctx.add({ code: "expression_unknown_field", column, detail: `${name}: ${ref}` }, node);
      }
    }
  }
}

/**
 * Problems of one choice list: missing or blank names, duplicates (unless the form allows them),
 * spaces in names of a select_multiple's list. A choice without a label shows its name (pyxform
 * only warns, and so does the XLSForm reader).
 */
function checkChoices(
  list: string,
  raw: unknown[],
  out: LocatedFormError[],
  options: { allowDuplicates: boolean; noSpaces: boolean },
): void {
  const names = new Set<string>();
  raw.forEach((choice: unknown, index) => {
    const at = { list, index };
    const c = (choice && typeof choice === "object" ? choice : {}) as { name?: unknown };
    const name = typeof c.name === "string" ? c.name : "";
    if (name.trim() === "") {
      out.push({ error: { code: "choice_name_missing", column: "name", detail: list }, choice: at });
      return;
    }
    if (options.noSpaces && /\s/.test(name)) {
      out.push({
        error: { code: "choice_name_spaces", column: "name", detail: `${list}/${name}` },
        choice: at,
      });
    } else if (names.has(name) && !options.allowDuplicates) {
      out.push({
        error: { code: "choice_duplicate", column: "name", detail: `${list}/${name}` },
        choice: at,
      });
    }
    names.add(name);
  });
}

/** Names of calculate nodes that depend on themselves through other calculations. */
function calculationCycles(visits: Visit[], byName: Map<string, FormNode>): string[] {
  const deps = new Map<string, string[]>();
  for (const { node } of visits) {
    if (node.type !== "calculate" || typeof node.calculation !== "string") continue;
    const parsed = parseExpression(node.calculation);
    if (!parsed.ok) continue;
    deps.set(
      node.name,
      fieldRefs(parsed.expr).filter((r) => byName.get(r)?.type === "calculate"),
    );
  }
  if (deps.size > 4 * MAX_FORM_NODES) return []; // too_many_questions says enough
  const cyclic: string[] = [];
  for (const start of deps.keys()) {
    const reached = new Set<string>();
    const stack = [...(deps.get(start) ?? [])];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (reached.has(n)) continue;
      reached.add(n);
      stack.push(...(deps.get(n) ?? []));
    }
    if (reached.has(start)) cyclic.push(start);
  }
  return cyclic;
}
