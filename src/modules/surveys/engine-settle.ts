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
  /** Name → node and the repeat it is in. */
  nodes: Map<string, { node: FormNode; inRepeat: string | null }>;
};

export function indexForm(def: FormDefinition): FormIndex {
  const nodes = new Map<string, { node: FormNode; inRepeat: string | null }>();
  for (const v of flatten(def.nodes)) if (!nodes.has(v.node.name)) nodes.set(v.node.name, v);
  return { nodes };
}

/** The scope at the top level, or inside one instance of a repeat. */
export function makeScope(
  index: FormIndex,
  values: Answers,
  today: string,
  self: AnswerValue | undefined,
  instance: { repeat: string; answers: Answers; index?: number } | null,
): Scope {
  const scope: Scope = {
    self: exprValue(self),
    today,
    indexed(name, repeat, n) {
      const list = index.nodes.get(repeat)?.node.type === "repeat" ? values[repeat] : undefined;
      if (!Array.isArray(list) || !Number.isInteger(n) || n < 1) return "";
      const inst = (list as Answers[])[n - 1];
      return inst && typeof inst === "object" ? exprValue(inst[name]) : "";
    },
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
  if (instance?.index !== undefined) scope.position = instance.index + 1;
  return scope;
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
