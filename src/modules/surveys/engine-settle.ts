/**
 * Evaluating a form over answers: expressions parsed once per form, the scope an expression
 * reads (top level or one repeat instance), and relevance ⇄ calculation until the answers settle.
 */

import { childrenOf, flatten, isAnswerable, nodesIn } from "./engine-tree.ts";
import { type Expr, type ExprValue, evaluate, parseExpression, type Scope, toStr, truthy } from "./expr.ts";
import type { Answers, AnswerValue, FormDefinition, FormNode } from "./types.ts";

/** Rounds of relevance ⇄ calculation until the answers settle (a form whose rules contradict each other stops here). */
const MAX_SETTLE_ROUNDS = 10;

/** Parsed expressions of one form, each source parsed once; null when it does not parse. */
export class Expressions {
  private readonly cache = new Map<string, Expr | null>();
  private readonly filters = new Map<string, Expr | null>();
  get(src: string | undefined): Expr | null {
    return this.parse(src, this.cache, false);
  }
  /** A choice_filter: bare names read the choice's columns. */
  filter(src: string | undefined): Expr | null {
    return this.parse(src, this.filters, true);
  }
  private parse(src: string | undefined, cache: Map<string, Expr | null>, columns: boolean): Expr | null {
    if (typeof src !== "string" || src.trim() === "") return null;
    let expr = cache.get(src);
    if (expr === undefined) {
      const parsed = parseExpression(src, { columns });
      expr = parsed.ok ? parsed.expr : null;
      cache.set(src, expr);
    }
    return expr;
  }
}

/** What an answer looks like to an expression. */
export function exprValue(value: AnswerValue | undefined): ExprValue {
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

export type FormIndex = {
  /** Name → node, its nearest repeat and every enclosing repeat (outermost first). */
  nodes: Map<string, { node: FormNode; inRepeat: string | null; repeats: string[] }>;
};

export function indexForm(def: FormDefinition): FormIndex {
  const nodes: FormIndex["nodes"] = new Map();
  for (const v of flatten(def.nodes)) if (!nodes.has(v.node.name)) nodes.set(v.node.name, v);
  return { nodes };
}

/**
 * One repeat instance an expression is evaluated in: the repeat, the instance's answers, its
 * 0-based index, its answer path (`outer[0].inner[1]`) and the instance it is nested in.
 */
export type Frame = {
  repeat: string;
  answers: Answers;
  index: number;
  path: string;
  parent: Frame | null;
};

/** A frame inside `parent` for the i-th instance of `repeat`. */
export function frameOf(repeat: string, answers: Answers, index: number, parent: Frame | null): Frame {
  return { repeat, answers, index, path: `${parent ? `${parent.path}.` : ""}${repeat}[${index}]`, parent };
}

function framesByRepeat(instance: Frame | null): Map<string, Answers> {
  const out = new Map<string, Answers>();
  for (let f = instance; f; f = f.parent) out.set(f.repeat, f.answers);
  return out;
}

/**
 * What `${name}` reads (XPath's relative paths as ODK resolves them): down the repeats enclosing
 * `name`, the current instance where the expression sits in one, else every instance.
 */
function reach(values: Answers, repeats: readonly string[], frames: Map<string, Answers>) {
  let targets: Answers[] = [values];
  let single = true;
  for (const repeat of repeats) {
    const frame = single ? frames.get(repeat) : undefined;
    if (frame) targets = [frame];
    else {
      single = false;
      targets = targets.flatMap((t) => asInstances(t?.[repeat]));
    }
  }
  return { targets, single };
}

const asInstances = (v: AnswerValue | undefined): Answers[] =>
  Array.isArray(v) ? (v as Answers[]).filter((x) => x && typeof x === "object") : [];

/** The scope at the top level, or inside one (possibly nested) repeat instance. */
export function makeScope(
  index: FormIndex,
  values: Answers,
  today: string,
  self: AnswerValue | undefined,
  instance: Frame | null,
): Scope {
  const frames = framesByRepeat(instance);
  const scope: Scope = {
    self: exprValue(self),
    today,
    indexed(name, steps) {
      const entry = index.nodes.get(name);
      if (!entry) return "";
      let target: Answers | undefined = values;
      for (const repeat of entry.repeats) {
        const step = steps.find((s) => s.repeat === repeat);
        if (step) {
          if (!Number.isInteger(step.n) || step.n < 1) return "";
          target = asInstances(target?.[repeat])[step.n - 1];
        } else target = frames.get(repeat);
        if (!target) return "";
      }
      return exprValue(target[name]);
    },
    get(name) {
      const entry = index.nodes.get(name);
      if (!entry) return undefined;
      const { node, repeats } = entry;
      if (node.type !== "repeat" && !isAnswerable(node.type)) return "";
      const { targets, single } = reach(values, repeats, frames);
      if (node.type === "repeat") return exprValue(targets.flatMap((t) => asInstances(t?.[name])));
      // from outside the repeat: the values across its instances
      return single ? exprValue(targets[0]?.[name]) : targets.map((a) => exprValue(a?.[name]));
    },
  };
  if (instance) scope.position = instance.index + 1;
  return scope;
}

/** Deletes the answer at an engine path (`name`, `rep[0].name`, `a[0].b[1].name`). */
function deleteAt(values: Answers, path: string): void {
  let target: Answers | undefined = values;
  let rest = path;
  for (let m = /^([^[]+)\[(\d+)\]\.(.+)$/.exec(rest); m; m = /^([^[]+)\[(\d+)\]\.(.+)$/.exec(rest)) {
    target = asInstances(target?.[m[1]!])[Number(m[2])];
    rest = m[3]!;
  }
  if (target) delete target[rest];
}

/** Pairs each instance of `repeats` in `now` with the one at the same place in `before`. */
function pairInstances(
  now: Answers,
  before: Answers | undefined,
  repeats: readonly string[],
  fn: (a: Answers, b: Answers) => void,
) {
  if (!before) return;
  if (repeats.length === 0) {
    fn(now, before);
    return;
  }
  const [first, ...rest] = repeats;
  const b = asInstances(before[first!]);
  asInstances(now[first!]).forEach((inst, i) => {
    pairInstances(inst, b[i], rest, fn);
  });
}

/** A calculation's result as an answer: numbers stay numbers, the rest is text; empty or NaN → none. */
function calculated(v: ExprValue): AnswerValue | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? "true" : "false";
  const text = toStr(v);
  return text === "" ? undefined : text;
}

export type Settled = { values: Answers; hidden: Set<string> };

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
export function settle(
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
    for (const path of prev.hidden) deleteAt(values, path);
    for (const [name, { node, repeats }] of index.nodes) {
      if (node.type !== "calculate") continue;
      pairInstances(values, prev.values, repeats, (now, before) => {
        if (before[name] !== undefined) now[name] = before[name]!;
      });
    }
    const hidden = new Set<string>();
    const visit = (
      nodes: readonly FormNode[],
      target: Answers,
      instance: Frame | null,
      hiddenAbove: boolean,
    ) => {
      for (const node of nodes) {
        const path = instance ? `${instance.path}.${node.name}` : node.name;
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
              visit(childrenOf(node), answers, frameOf(node.name, answers, i, instance), false);
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
