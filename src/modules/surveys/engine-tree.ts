/**
 * Walking a form definition (shared by every part of the form engine): its nodes in document
 * order with their parents and enclosing repeat, its questions, and texts in a language.
 */
import {
  type Answers,
  type AnswerValue,
  CONTAINER_TYPES,
  type FormDefinition,
  type FormNode,
  type LocalizedText,
  type QuestionType,
} from "./types.ts";

export const isContainer = (type: QuestionType) => (CONTAINER_TYPES as readonly string[]).includes(type);
export const isAnswerable = (type: QuestionType) =>
  type !== "group" && type !== "repeat" && type !== "note" && type !== "matrix";

/**
 * A node with its parent, the nearest enclosing repeat (`inRepeat`) and every enclosing repeat,
 * outermost first (`repeats`; repeats nest, as in KoboToolbox and ODK).
 */
export type Visit = { node: FormNode; parent: Visit | null; inRepeat: string | null; repeats: string[] };

/** Repeats nest at most this deep (a repeat in a repeat in a repeat); deeper is refused. */
export const MAX_REPEAT_DEPTH = 3;

/** The form objects in a list (a definition from outside may hold anything). */
export const nodesIn = (list: unknown): FormNode[] =>
  Array.isArray(list) ? list.filter((n): n is FormNode => !!n && typeof n === "object") : [];
export const childrenOf = (node: FormNode): FormNode[] => nodesIn(node.children);

/** Every node in document order with its parent (iterative: any nesting depth). */
export function flatten(nodes: unknown, repeats: readonly string[] = []): Visit[] {
  const out: Visit[] = [];
  const stack: Visit[] = [];
  const pushAll = (list: FormNode[], parent: Visit | null, chain: string[]) => {
    const inRepeat = chain.at(-1) ?? null;
    for (let k = list.length - 1; k >= 0; k--)
      stack.push({ node: list[k]!, parent, inRepeat, repeats: chain });
  };
  pushAll(nodesIn(nodes), null, [...repeats]);
  while (stack.length > 0) {
    const visit = stack.pop()!;
    out.push(visit);
    const { node } = visit;
    if (isContainer(node.type)) {
      const chain = node.type === "repeat" ? [...visit.repeats, node.name] : visit.repeats;
      pushAll(childrenOf(node), visit, chain);
    }
  }
  return out;
}

/** The instances of the innermost of `repeats` (outermost first), across every enclosing instance. */
export function instancesAcross(answers: Answers, repeats: readonly string[]): Answers[] {
  let level: Answers[] = [answers];
  for (const repeat of repeats) {
    level = level.flatMap((a) => {
      const list = a && typeof a === "object" ? a[repeat] : undefined;
      return Array.isArray(list) ? (list as Answers[]).filter((x) => x && typeof x === "object") : [];
    });
  }
  return level;
}

/** Every given answer to `name` inside `repeats` (outermost first), in instance order. */
export function valuesAcross(answers: Answers, repeats: readonly string[], name: string): AnswerValue[] {
  return instancesAcross(answers, repeats)
    .map((a) => a[name])
    .filter((v): v is AnswerValue => v !== undefined);
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
  /** The nearest enclosing repeat's name. */
  inRepeat: string | null;
  /** Every enclosing repeat, outermost first. */
  repeats: string[];
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
      repeats: v.repeats,
    }));
}

export const hasText = (text: LocalizedText | undefined) =>
  !!text &&
  typeof text === "object" &&
  Object.values(text).some((v) => typeof v === "string" && v.trim() !== "");

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
