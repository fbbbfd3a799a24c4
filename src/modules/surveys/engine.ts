import { LIFE_DOMAINS } from "../casework/life-domains.ts";
import {
  dateToDays,
  type Expr,
  type ExprValue,
  evaluate,
  fieldRefs,
  parseExpression,
  toStr,
  truthy,
} from "./expr.ts";
import {
  type AnswerError,
  type AnswerErrorCode,
  type Answers,
  type AnswerValue,
  CONTAINER_TYPES,
  type EvaluationContext,
  type FormDefinition,
  type FormError,
  type FormNode,
  LANGUAGE_LEVELS,
  type LanguageLevelAnswer,
  type LocalizedText,
  QUESTION_TYPES,
  type QuestionType,
} from "./types.ts";

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

export const MAX_FORM_NODES = 500;
export const MAX_TEXT_LENGTH = 2000;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;
/** Answers that say "no need here" (a yes_no "no", a "none" choice): they open no need. */
const NEGATIVE_ANSWERS = new Set(["no", "none"]);
/** Rounds of relevance ⇄ calculation until the answers settle (a form whose rules contradict each other stops here). */
const MAX_SETTLE_ROUNDS = 10;

const isContainer = (type: QuestionType) => (CONTAINER_TYPES as readonly string[]).includes(type);
const isAnswerable = (type: QuestionType) =>
  type !== "group" && type !== "repeat" && type !== "note" && type !== "matrix";

// ---------------------------------------------------------------------------------------------
// Walking the form

type Visit = { node: FormNode; parent: Visit | null; inRepeat: string | null };

/** The form objects in a list (a definition from outside may hold anything). */
const nodesIn = (list: unknown): FormNode[] =>
  Array.isArray(list) ? list.filter((n): n is FormNode => !!n && typeof n === "object") : [];
const childrenOf = (node: FormNode): FormNode[] => nodesIn(node.children);

/** Every node in document order with its parent (iterative: any nesting depth). */
function flatten(nodes: unknown, inRepeat: string | null = null): Visit[] {
  const out: Visit[] = [];
  const stack: Visit[] = [];
  const pushAll = (list: FormNode[], parent: Visit | null, repeat: string | null) => {
    for (let k = list.length - 1; k >= 0; k--) stack.push({ node: list[k]!, parent, inRepeat: repeat });
  };
  pushAll(nodesIn(nodes), null, inRepeat);
  while (stack.length > 0) {
    const visit = stack.pop()!;
    out.push(visit);
    const { node } = visit;
    if (isContainer(node.type)) {
      const repeat = node.type === "repeat" ? (visit.inRepeat ?? node.name) : visit.inRepeat;
      pushAll(childrenOf(node), visit, repeat);
    }
  }
  return out;
}

/** Names of the enclosing containers, outermost first. */
function pathOf(visit: Visit): string[] {
  const path: string[] = [];
  for (let p = visit.parent; p; p = p.parent) path.push(p.node.name);
  return path.reverse();
}

export type QuestionInfo = {
  name: string;
  type: QuestionType;
  /** Names of the enclosing groups, repeats and matrices, outermost first. */
  path: string[];
  node: FormNode;
  /** The enclosing repeat's name. */
  inRepeat: string | null;
};

/** Every answerable node (calculations and matrix rows included; groups, repeats, notes and matrices not), in form order. */
export function questions(def: FormDefinition): QuestionInfo[] {
  return flatten(def.nodes)
    .filter((v) => isAnswerable(v.node.type))
    .map((v) => ({
      name: v.node.name,
      type: v.node.type,
      path: pathOf(v),
      node: v.node,
      inRepeat: v.inRepeat,
    }));
}

// ---------------------------------------------------------------------------------------------
// Checking a definition

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
] as const;

const hasText = (text: LocalizedText | undefined) =>
  !!text &&
  typeof text === "object" &&
  Object.values(text).some((v) => typeof v === "string" && v.trim() !== "");

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
  const listExists = (list: string) => Object.hasOwn(choices, list) && Array.isArray(choices[list]);
  const names = new Set<string>();
  for (const { node } of visits) if (typeof node.name === "string") names.add(node.name);
  const byName = new Map(visits.map((v) => [v.node.name, v.node]));

  const seen = new Set<string>();
  for (const { node, inRepeat } of visits) {
    const name = typeof node.name === "string" ? node.name : "";
    if (!(QUESTION_TYPES as readonly string[]).includes(node.type)) {
      add({ code: "type_unknown", column: "type", detail: String(node.type) }, node);
      continue;
    }
    if (name === "") add({ code: "name_missing", column: "name" }, node);
    else if (!NAME.test(name)) add({ code: "name_invalid", column: "name", detail: name }, node);
    else if (seen.has(name)) add({ code: "name_duplicate", column: "name", detail: name }, node);
    seen.add(name);

    if (node.type === "select_one" || node.type === "select_multiple" || node.type === "matrix") {
      if (!node.listName) add({ code: "list_missing", column: "type", detail: name }, node);
      else if (!listExists(node.listName)) {
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
    if (node.type === "repeat" && inRepeat !== null) {
      add({ code: "repeat_nested", column: "type", detail: name }, node);
    }
    if (node.type === "calculate" && !node.calculation?.trim()) {
      add({ code: "calculation_missing", column: "calculation", detail: name }, node);
    }
    if (isAnswerable(node.type) && node.type !== "calculate" && !hasText(node.label)) {
      add({ code: "label_missing", column: "label", detail: name }, node);
    }
    if (node.type === "note" && !hasText(node.label)) {
      add({ code: "label_missing", column: "label", detail: name }, node);
    }
    if (node.need !== undefined && node.need !== "") {
      const known = node.need === "choices" || (LIFE_DOMAINS as readonly string[]).includes(node.need);
      const choicesOnSelect =
        node.need !== "choices" || node.type === "select_one" || node.type === "select_multiple";
      if (!known || !choicesOnSelect) {
        add({ code: "need_unknown", column: "lotse_need", detail: `${name}: ${node.need}` }, node);
      }
    }
    for (const [field, column] of EXPRESSION_FIELDS) {
      const src = node[field];
      if (typeof src !== "string") continue;
      const parsed = parseExpression(src);
      if (!parsed.ok) {
        add({ code: "expression_invalid", column, detail: `${column}: ${parsed.error.code}` }, node);
        continue;
      }
      for (const ref of fieldRefs(parsed.expr)) {
        if (!names.has(ref)) {
          add({ code: "expression_unknown_field", column, detail: `${name}: ${ref}` }, node);
        }
      }
    }
  }

  for (const name of calculationCycles(visits, byName)) {
    const node = byName.get(name)!;
    add({ code: "calculation_cycle", column: "calculation", detail: name }, node);
  }
  if (visits.length > MAX_FORM_NODES) {
    out.push({ error: { code: "too_many_questions", detail: String(visits.length) } });
  }

  for (const [list, raw] of Object.entries(choices)) {
    if (!Array.isArray(raw)) continue;
    const names = new Set<string>();
    raw.forEach((choice: unknown, index) => {
      const at = { list, index };
      const c = (choice && typeof choice === "object" ? choice : {}) as {
        name?: unknown;
        label?: LocalizedText;
      };
      const name = typeof c.name === "string" ? c.name : "";
      if (name.trim() === "") {
        out.push({ error: { code: "choice_name_missing", column: "name", detail: list }, choice: at });
        return;
      }
      if (/\s/.test(name)) {
        out.push({ error: { code: "name_invalid", column: "name", detail: `${list}/${name}` }, choice: at });
      } else if (names.has(name)) {
        out.push({
          error: { code: "choice_duplicate", column: "name", detail: `${list}/${name}` },
          choice: at,
        });
      }
      names.add(name);
      if (!hasText(c.label)) {
        out.push({
          error: { code: "label_missing", column: "label", detail: `${list}/${name}` },
          choice: at,
        });
      }
    });
  }
  return out;
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

// ---------------------------------------------------------------------------------------------
// Reading and typing single values

type Coerced = { value?: AnswerValue; error?: AnswerErrorCode };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function choiceNames(def: FormDefinition, list: string | undefined): Set<string> {
  const raw = list && def.choices && Object.hasOwn(def.choices, list) ? def.choices[list] : undefined;
  return new Set(Array.isArray(raw) ? raw.map((c) => c?.name).filter((n) => typeof n === "string") : []);
}

/**
 * Arabic-Indic (٠–٩) and Persian (۰–۹) digits as typed on Arabic and Farsi phone keyboards, and
 * the Arabic decimal separator (٫), read as the Western digits and "." they stand for.
 */
export function westernDigits(s: string | null): string | null {
  if (s === null) return null;
  return s
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".");
}

function scalarText(raw: unknown): string | null {
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

/** Types one raw answer (from a form field, a default or an API body). Empty → no value. */
function coerce(def: FormDefinition, node: FormNode, raw: unknown): Coerced {
  if (raw === undefined || raw === null) return {};
  switch (node.type) {
    case "text": {
      const s = scalarText(raw);
      return s ? { value: s } : {};
    }
    case "integer": {
      if (typeof raw === "number") return Number.isSafeInteger(raw) ? { value: raw } : { error: "integer" };
      const s = westernDigits(scalarText(raw));
      if (!s) return s === "" ? {} : { error: "integer" };
      const n = Number(s);
      return INTEGER.test(s) && Number.isSafeInteger(n) ? { value: n } : { error: "integer" };
    }
    case "decimal": {
      if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { error: "decimal" };
      const s = westernDigits(scalarText(raw));
      if (!s) return s === "" ? {} : { error: "decimal" };
      const n = Number(s.replace(",", "."));
      return DECIMAL.test(s) && Number.isFinite(n) ? { value: n } : { error: "decimal" };
    }
    case "date": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "date" };
      return ISO_DATE.test(s) && dateToDays(s) !== null ? { value: s } : { error: "date" };
    }
    case "yes_no": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "choice" };
      return s === "yes" || s === "no" ? { value: s } : { error: "choice" };
    }
    case "select_one": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "choice" };
      return choiceNames(def, node.listName).has(s) ? { value: s } : { error: "choice" };
    }
    case "select_multiple": {
      const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\s+/) : [raw];
      const allowed = choiceNames(def, node.listName);
      const given = new Set<string>();
      let bad = false;
      for (const item of list) {
        const s = scalarText(item);
        if (s === "") continue;
        if (s !== null && allowed.has(s)) given.add(s);
        else bad = true;
      }
      // in the list's order, each once
      const value = [...allowed].filter((n) => given.has(n));
      const out: Coerced = value.length > 0 ? { value } : {};
      if (bad) out.error = "choice";
      return out;
    }
    case "language_level": {
      if (!Array.isArray(raw)) return {};
      const rows: LanguageLevelAnswer[] = [];
      for (const item of raw) {
        if (!item || typeof item !== "object") continue;
        const { lang, level } = item as { lang?: unknown; level?: unknown };
        const l = typeof lang === "string" ? lang.trim().toLowerCase() : "";
        const v = typeof level === "string" ? level.trim() : "";
        if (l === "" && v === "") continue;
        rows.push({ lang: l, level: v as LanguageLevelAnswer["level"] });
      }
      return rows.length > 0 ? { value: rows } : {};
    }
    default:
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Reading an HTML form submission

/**
 * Reads `q.<name>` fields (select_multiple: the key repeated; language_level:
 * `q.<name>.<i>.lang` / `.level`; repeat: `q.<repeat>.<i>.<child>`) into typed answers.
 * A value that does not fit its type is dropped with an error; empty fields give no entry;
 * empty repeat instances and language rows are skipped (the others are numbered from 0).
 */
export function readSubmission(
  def: FormDefinition,
  entries: Iterable<[string, string]>,
): { answers: Answers; errors: AnswerError[] } {
  const fields = new Map<string, string[]>();
  for (const [key, value] of entries) {
    if (typeof key !== "string" || !key.startsWith("q.") || typeof value !== "string") continue;
    const list = fields.get(key);
    if (list) list.push(value);
    else fields.set(key, [value]);
  }
  const errors: AnswerError[] = [];
  const answers = readLevel(def, nodesIn(def.nodes), fields, "q.", "", errors);
  return { answers, errors };
}

/** Indices i of keys `<prefix><i>.<rest>` where rest satisfies `tail`, ascending. */
function indicesUnder(
  fields: Map<string, string[]>,
  prefix: string,
  tail: (rest: string) => boolean,
): number[] {
  const found = new Set<number>();
  for (const key of fields.keys()) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d{1,6})\.(.+)$/.exec(key.slice(prefix.length));
    if (m && tail(m[2]!)) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

function readLevel(
  def: FormDefinition,
  nodes: readonly FormNode[],
  fields: Map<string, string[]>,
  prefix: string,
  pathPrefix: string,
  errors: AnswerError[],
): Answers {
  const answers: Answers = {};
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    const key = `${prefix}${node.name}`;
    if (node.type === "group" || node.type === "matrix") {
      stack.push(...[...childrenOf(node)].reverse());
      continue;
    }
    if (node.type === "repeat") {
      const childNames = new Set(flatten(childrenOf(node)).map((v) => v.node.name));
      const instances: Answers[] = [];
      const ownField = (rest: string) => [...childNames].some((n) => rest === n || rest.startsWith(`${n}.`));
      for (const i of indicesUnder(fields, `${key}.`, ownField)) {
        const instanceErrors: AnswerError[] = [];
        const instance = readLevel(
          def,
          childrenOf(node),
          fields,
          `${key}.${i}.`,
          `${node.name}[${instances.length}].`,
          instanceErrors,
        );
        if (Object.keys(instance).length === 0 && instanceErrors.length === 0) continue;
        instances.push(instance);
        errors.push(...instanceErrors);
      }
      if (instances.length > 0) answers[node.name] = instances;
      continue;
    }
    if (!isAnswerable(node.type) || node.type === "calculate") continue;
    let raw: unknown;
    if (node.type === "select_multiple") raw = fields.get(key) ?? [];
    else if (node.type === "language_level") {
      raw = indicesUnder(fields, `${key}.`, (rest) => rest === "lang" || rest === "level").map((i) => ({
        lang: fields.get(`${key}.${i}.lang`)?.[0] ?? "",
        level: fields.get(`${key}.${i}.level`)?.[0] ?? "",
      }));
    } else raw = fields.get(key)?.[0];
    const { value, error } = coerce(def, node, raw);
    if (value !== undefined) answers[node.name] = value;
    if (error) errors.push({ path: `${pathPrefix}${node.name}`, code: error });
  }
  return answers;
}

// ---------------------------------------------------------------------------------------------
// Evaluating a form over answers

/** Parsed expressions of one form, each source parsed once; null when it does not parse. */
class Expressions {
  private readonly cache = new Map<string, Expr | null>();
  get(src: string | undefined): Expr | null {
    if (typeof src !== "string" || src.trim() === "") return null;
    let expr = this.cache.get(src);
    if (expr === undefined) {
      const parsed = parseExpression(src);
      expr = parsed.ok ? parsed.expr : null;
      this.cache.set(src, expr);
    }
    return expr;
  }
}

/** What an answer looks like to an expression. */
function exprValue(value: AnswerValue | undefined): ExprValue {
  if (value === undefined) return "";
  if (!Array.isArray(value)) return value;
  return value.map((item): ExprValue => {
    if (typeof item === "string") return item;
    if (item && typeof item === "object" && "lang" in item && typeof item.lang === "string") return item.lang;
    // a repeat instance reads as its answers joined (XPath: the string value of the node)
    return Object.values(item as Answers)
      .map((v) => toStr(exprValue(v)))
      .join(" ");
  });
}

type FormIndex = {
  /** Name → node and the repeat it is in. */
  nodes: Map<string, { node: FormNode; inRepeat: string | null }>;
};

function indexForm(def: FormDefinition): FormIndex {
  const nodes = new Map<string, { node: FormNode; inRepeat: string | null }>();
  for (const v of flatten(def.nodes)) if (!nodes.has(v.node.name)) nodes.set(v.node.name, v);
  return { nodes };
}

/** The scope at the top level, or inside one instance of a repeat. */
function makeScope(
  index: FormIndex,
  values: Answers,
  today: string,
  self: AnswerValue | undefined,
  instance: { repeat: string; answers: Answers } | null,
): { get(name: string): ExprValue | undefined; self: ExprValue; today: string } {
  return {
    self: exprValue(self),
    today,
    get(name) {
      const entry = index.nodes.get(name);
      if (!entry) return undefined;
      const { node, inRepeat } = entry;
      if (node.type === "repeat") {
        const list = values[name];
        return Array.isArray(list) ? exprValue(list) : [];
      }
      if (!isAnswerable(node.type)) return "";
      if (inRepeat === null) return exprValue(values[name]);
      if (instance && instance.repeat === inRepeat) return exprValue(instance.answers[name]);
      // from outside the repeat: the values across its instances
      const list = values[inRepeat];
      return Array.isArray(list) ? (list as Answers[]).map((a) => exprValue(a?.[name])) : [];
    },
  };
}

/** A calculation's result as an answer: numbers stay numbers, the rest is text; empty or NaN → none. */
function calculated(v: ExprValue): AnswerValue | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? "true" : "false";
  const text = toStr(v);
  return text === "" ? undefined : text;
}

type Settled = { values: Answers; hidden: Set<string> };

function cloneAnswers(a: Answers): Answers {
  const out: Answers = {};
  for (const [k, v] of Object.entries(a)) {
    out[k] = Array.isArray(v)
      ? (v.map((x) => (x && typeof x === "object" ? { ...x } : x)) as AnswerValue)
      : v;
  }
  return out;
}

/**
 * Relevance and calculations over `base` (typed answers), repeated until nothing changes:
 * a later calculation can decide an earlier question's relevance, and a hidden question's
 * answer is blank for everything else (as ODK).
 */
function settle(
  def: FormDefinition,
  index: FormIndex,
  exprs: Expressions,
  base: Answers,
  today: string,
): Settled {
  let prev: Settled = { values: base, hidden: new Set() };
  let prevKey = "";
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
    const values = cloneAnswers(base);
    // blank what the last round hid; carry its calculated values
    for (const path of prev.hidden) {
      const m = /^(.+)\[(\d+)\]\.(.+)$/.exec(path);
      if (m) {
        const inst = (values[m[1]!] as Answers[] | undefined)?.[Number(m[2])];
        if (inst && typeof inst === "object") delete inst[m[3]!];
      } else delete values[path];
    }
    for (const [name, { node, inRepeat }] of index.nodes) {
      if (node.type !== "calculate") continue;
      if (inRepeat === null) {
        if (prev.values[name] !== undefined) values[name] = prev.values[name]!;
      } else {
        const now = values[inRepeat] as Answers[] | undefined;
        const before = prev.values[inRepeat] as Answers[] | undefined;
        now?.forEach((inst, i) => {
          const v = before?.[i]?.[name];
          if (v !== undefined && inst && typeof inst === "object") inst[name] = v;
        });
      }
    }
    const hidden = new Set<string>();
    const visit = (
      nodes: readonly FormNode[],
      target: Answers,
      instance: { repeat: string; answers: Answers; index: number } | null,
      hiddenAbove: boolean,
    ) => {
      for (const node of nodes) {
        const path = instance ? `${instance.repeat}[${instance.index}].${node.name}` : node.name;
        let isHidden = hiddenAbove;
        const relevant = exprs.get(node.relevant);
        if (!isHidden && relevant) {
          const scope = makeScope(index, values, today, target[node.name], instance);
          isHidden = !truthy(evaluate(relevant, scope));
        }
        if (isHidden) {
          hidden.add(path);
          delete target[node.name];
        } else if (node.type === "calculate") {
          const calc = exprs.get(node.calculation);
          const v = calc
            ? calculated(evaluate(calc, makeScope(index, values, today, target[node.name], instance)))
            : undefined;
          if (v === undefined) delete target[node.name];
          else target[node.name] = v;
        }
        if (node.type === "group" || node.type === "matrix")
          visit(childrenOf(node), target, instance, isHidden);
        else if (node.type === "repeat" && !isHidden) {
          const list = target[node.name];
          if (Array.isArray(list)) {
            (list as Answers[]).forEach((answers, i) => {
              visit(childrenOf(node), answers, { repeat: node.name, answers, index: i }, false);
            });
          }
        }
      }
    };
    visit(nodesIn(def.nodes), values, null, false);
    const key = JSON.stringify([values, [...hidden].sort()]);
    prev = { values, hidden };
    if (key === prevKey) break;
    prevKey = key;
  }
  return prev;
}

/** Keeps only the form's own questions with values of the right type; errors for values that do not fit. */
function sanitize(
  def: FormDefinition,
  nodes: readonly FormNode[],
  raw: unknown,
  pathPrefix: string,
  errors: AnswerError[],
): Answers {
  const given = (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const out: Answers = {};
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "group" || node.type === "matrix") {
      stack.push(...[...childrenOf(node)].reverse());
      continue;
    }
    if (!Object.hasOwn(given, node.name)) continue;
    const value = given[node.name];
    if (node.type === "repeat") {
      if (!Array.isArray(value)) continue;
      const instances = value
        .filter((inst) => inst && typeof inst === "object" && !Array.isArray(inst))
        .map((inst, i) => sanitize(def, childrenOf(node), inst, `${node.name}[${i}].`, errors));
      if (instances.length > 0) out[node.name] = instances;
      continue;
    }
    if (!isAnswerable(node.type) || node.type === "calculate") continue;
    const coerced = coerce(def, node, value);
    if (coerced.value !== undefined) out[node.name] = coerced.value;
    if (coerced.error) errors.push({ path: `${pathPrefix}${node.name}`, code: coerced.error });
  }
  return out;
}

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
      instance: { repeat: string; answers: Answers; index: number } | null,
      requiredAbove: boolean | string | undefined,
    ) => {
      for (const node of nodes) {
        const path = instance ? `${instance.repeat}[${instance.index}].${node.name}` : node.name;
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
        if (node.type === "text" && typeof value === "string" && [...value].length > MAX_TEXT_LENGTH) {
          visibleErrors.push({ path, code: "too_long" });
        }
        if (node.type === "language_level" && Array.isArray(value)) {
          const rows = value as LanguageLevelAnswer[];
          if (rows.some((r) => !LANGUAGE_CODE.test(r.lang))) visibleErrors.push({ path, code: "language" });
          if (rows.some((r) => !(LANGUAGE_LEVELS as readonly string[]).includes(r.level))) {
            visibleErrors.push({ path, code: "level" });
          }
        }
        const constraint = exprs.get(node.constraint);
        if (constraint && !truthy(evaluate(constraint, scope()))) {
          visibleErrors.push(withMessage(path, "constraint", node.constraintMessage));
        }
        if (node.type === "repeat" && Array.isArray(value)) {
          const countExpr = exprs.get(node.repeatCount);
          if (countExpr) {
            const count = Number(evaluate(countExpr, scope()));
            if (Number.isFinite(count) && value.length > count)
              visibleErrors.push({ path, code: "too_many" });
          }
          (value as Answers[]).forEach((answers, i) => {
            check(childrenOf(node), answers, { repeat: node.name, answers, index: i }, undefined);
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

// ---------------------------------------------------------------------------------------------
// Needs and labels

function opensNeed(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === "number") return true;
  if (typeof value === "string") return value.trim() !== "" && !NEGATIVE_ANSWERS.has(value.trim());
  return value.some((item) =>
    typeof item === "string"
      ? item !== "" && !NEGATIVE_ANSWERS.has(item)
      : !!item && typeof item === "object",
  );
}

/**
 * The life domains the answers open needs in, unique and sorted. A question with `need` = a
 * domain opens it when answered — except "no"/"none" (a yes_no "no", a "none" choice) and empty
 * answers; with `need` = "choices" the selected choice names that are life domains are opened.
 * A need on a group or matrix opens when any question in it does. Inside a repeat, any instance counts.
 */
export function needsFrom(def: FormDefinition, answers: Answers): string[] {
  const found = new Set<string>();
  const domains = LIFE_DOMAINS as readonly string[];
  const valuesOf = (name: string, inRepeat: string | null): AnswerValue[] => {
    if (inRepeat === null) return answers[name] === undefined ? [] : [answers[name]!];
    const list = answers[inRepeat];
    if (!Array.isArray(list)) return [];
    return (list as Answers[]).map((a) => a?.[name]).filter((v): v is AnswerValue => v !== undefined);
  };
  for (const { node, inRepeat } of flatten(def.nodes)) {
    const need = node.need;
    if (!need) continue;
    if (need === "choices") {
      for (const v of valuesOf(node.name, inRepeat)) {
        for (const choice of Array.isArray(v) ? v : [v]) {
          if (typeof choice === "string" && domains.includes(choice)) found.add(choice);
        }
      }
      continue;
    }
    if (!domains.includes(need)) continue;
    const inside =
      node.type === "group" || node.type === "matrix"
        ? flatten(childrenOf(node), inRepeat)
        : [{ node, inRepeat }];
    const opens = inside.some(
      (q) => isAnswerable(q.node.type) && valuesOf(q.node.name, q.inRepeat).some(opensNeed),
    );
    if (opens) found.add(need);
  }
  return [...found].sort();
}

/** Text in `lang`, else its base language ("ar" for "ar-SY"), else the form's default, else "default", else any. */
export function labelFor(text: LocalizedText | undefined, lang: string, def: FormDefinition): string {
  if (!text || typeof text !== "object") return "";
  const pick = (key: string | undefined) => {
    if (!key || !Object.hasOwn(text, key)) return "";
    const v = text[key];
    return typeof v === "string" ? v : "";
  };
  const base = typeof lang === "string" ? lang.split("-")[0] : undefined;
  return (
    pick(lang) ||
    pick(base) ||
    pick(def?.defaultLanguage) ||
    pick("default") ||
    Object.values(text).find((v) => typeof v === "string" && v !== "") ||
    ""
  );
}
