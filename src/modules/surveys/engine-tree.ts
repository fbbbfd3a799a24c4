/**
 * Walking a form definition (shared by every part of the form engine): its nodes in document
 * order with their parents and enclosing repeat, its questions, and texts in a language.
 */
import {
  CONTAINER_TYPES,
  type FormDefinition,
  type FormNode,
  type LocalizedText,
  type QuestionType,
} from "./types.ts";

export const isContainer = (type: QuestionType) => (CONTAINER_TYPES as readonly string[]).includes(type);
export const isAnswerable = (type: QuestionType) =>
  type !== "group" && type !== "repeat" && type !== "note" && type !== "matrix";

export type Visit = { node: FormNode; parent: Visit | null; inRepeat: string | null };

/** The form objects in a list (a definition from outside may hold anything). */
export const nodesIn = (list: unknown): FormNode[] =>
  Array.isArray(list) ? list.filter((n): n is FormNode => !!n && typeof n === "object") : [];
export const childrenOf = (node: FormNode): FormNode[] => nodesIn(node.children);

/** Every node in document order with its parent (iterative: any nesting depth). */
export function flatten(nodes: unknown, inRepeat: string | null = null): Visit[] {
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
