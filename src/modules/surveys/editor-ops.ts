/**
 * The questionnaire editor's operations on a form definition (decision 096): pure functions
 * that take a definition and give a new one, on the same model the XLSForm reader produces
 * (`types.ts`), so an edited form exports and imports again as itself. Checking is apart
 * (`editor-check.ts`); storing a version is the forms service's (`forms.ts`).
 */
import type { EditQuestionInput } from "./editor.contracts.ts";
import { childrenOf, isContainer, nodesIn } from "./engine-tree.ts";
import { isMediaType } from "./media.ts";
import type { Choice, FormDefinition, FormNode, LocalizedText, QuestionType } from "./types.ts";

/** Where a node sits: the sibling list holding it and its index there. */
type Place = { siblings: FormNode[]; index: number; node: FormNode };

/** The node named `name` with its sibling list, anywhere in the tree. */
export function locate(nodes: FormNode[], name: string): Place | null {
  const stack: FormNode[][] = [nodes];
  while (stack.length > 0) {
    const list = stack.pop()!;
    for (let i = 0; i < list.length; i++) {
      const node = list[i]!;
      if (node.name === name) return { siblings: list, index: i, node };
      if (isContainer(node.type) && Array.isArray(node.children)) stack.push(node.children);
    }
  }
  return null;
}

/** Types that take a choice list from the form's choices. */
export const LIST_TYPES: readonly QuestionType[] = ["select_one", "select_multiple", "matrix"];

/** Texts without blanks: an empty label in a language is no label (what the reader makes of an empty cell). */
export function cleanText(text: LocalizedText | undefined): LocalizedText | undefined {
  if (!text) return undefined;
  const out: LocalizedText = {};
  for (const [lang, value] of Object.entries(text)) {
    const v = value.trim();
    if (v !== "") out[lang] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const REF = /\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g;
const EXPRESSION_KEYS = ["relevant", "constraint", "calculation", "repeatCount", "choiceFilter"] as const;

/** Every `${from}` in the form's expressions becomes `${to}` (a renamed question keeps its references). */
function renameReferences(nodes: FormNode[], from: string, to: string): void {
  const swap = (src: string) =>
    src.replace(REF, (whole, name: string) => (name === from ? `\${${to}}` : whole));
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of EXPRESSION_KEYS) {
      const src = node[key];
      if (typeof src === "string") node[key] = swap(src);
    }
    if (typeof node.required === "string") node.required = swap(node.required);
    stack.push(...childrenOf(node));
  }
}

/** Drops keys whose value is undefined (the stored JSON and the reader's output have none). */
function compact(node: FormNode): FormNode {
  for (const key of Object.keys(node) as (keyof FormNode)[]) if (node[key] === undefined) delete node[key];
  return node;
}

/** Languages with any text in the definition, in the order the form had them, new ones after. */
function languagesOf(def: FormDefinition): string[] {
  const seen = new Set<string>();
  const note = (t: LocalizedText | undefined) => {
    for (const lang of Object.keys(t ?? {})) seen.add(lang);
  };
  note(def.title);
  const stack = [...def.nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    note(node.label);
    note(node.hint);
    note(node.constraintMessage);
    note(node.requiredMessage);
    stack.push(...childrenOf(node));
  }
  for (const list of Object.values(def.choices)) for (const c of list) note(c.label);
  const kept = def.languages.filter((l) => seen.has(l) || l === def.defaultLanguage);
  return [...kept, ...[...seen].filter((l) => !kept.includes(l)).sort()];
}

/** A first child for a new container: XLSForm has no empty groups, so it starts with one. */
function firstChild(type: QuestionType, name: string, label: LocalizedText | undefined, list: string) {
  const text = label ?? { default: name };
  if (type === "matrix")
    return { type: "select_one" as const, name: `${name}_1`, label: text, listName: list };
  return { type: "note" as const, name: `${name}_note`, label: text };
}

export type EditResult =
  | { ok: true; definition: FormDefinition }
  | { ok: false; missing: "question" | "parent" };

/**
 * The definition with one question saved: changed in place (`original`) or added at the end of
 * `parent`. What the editor does not show (appearance, default, choice filter, needs, required
 * messages) is kept as it was. A new group, repeat or matrix gets a first child to hold.
 */
export function saveQuestion(source: FormDefinition, input: EditQuestionInput): EditResult {
  const def = structuredClone(source);
  def.nodes = nodesIn(def.nodes);
  def.choices = def.choices ?? {};
  const existing = input.original ? locate(def.nodes, input.original) : null;
  if (input.original && !existing) return { ok: false, missing: "question" };
  let siblings: FormNode[];
  if (existing) siblings = existing.siblings;
  else if (input.parent) {
    const parent = locate(def.nodes, input.parent);
    if (!parent || !isContainer(parent.node.type)) return { ok: false, missing: "parent" };
    parent.node.children = childrenOf(parent.node);
    siblings = parent.node.children;
  } else siblings = def.nodes;

  const before: FormNode = existing?.node ?? { type: input.type, name: input.name };
  const label = cleanText(input.label);
  const usesList = LIST_TYPES.includes(input.type);
  const listName = usesList ? input.listName || before.listName || input.name : undefined;
  const node: FormNode = compact({
    ...before,
    type: input.type,
    name: input.name,
    label,
    hint: cleanText(input.hint),
    required: input.required ? true : typeof before.required === "string" ? before.required : undefined,
    relevant: input.relevant || undefined,
    constraint: input.constraint || undefined,
    constraintMessage: cleanText(input.constraintMessage),
    calculation: input.type === "calculate" ? input.calculation || undefined : undefined,
    repeatCount: input.type === "repeat" ? input.repeatCount || undefined : undefined,
    parameters: input.parameters || undefined,
    // not shown in the editor: kept while the question stays an upload
    accept: isMediaType(input.type) ? before.accept : undefined,
    listName,
    choiceFilter: usesList && input.type !== "matrix" ? before.choiceFilter : undefined,
  });
  if (isContainer(input.type)) {
    node.children = childrenOf(before);
    if (node.children.length === 0)
      node.children = [firstChild(input.type, input.name, label, listName ?? "")];
    // a matrix's rows answer from its list
    if (input.type === "matrix")
      for (const row of node.children) if (row.type === "select_one") row.listName = listName;
  } else delete node.children;
  if (listName) def.choices[listName] = choicesOf(input, def.choices[listName]);

  if (existing) siblings[existing.index] = node;
  else siblings.push(node);
  if (existing && input.original !== input.name) renameReferences(def.nodes, input.original, input.name);
  def.languages = languagesOf(def);
  return { ok: true, definition: def };
}

/** The posted choices (blank rows left out), keeping each kept choice's further columns. */
function choicesOf(input: EditQuestionInput, before: Choice[] | undefined): Choice[] {
  const columns = new Map((before ?? []).map((c) => [c.name, c.columns]));
  const out: Choice[] = [];
  for (const row of input.choices) {
    const label = cleanText(row.label);
    if (row.name === "" && !label) continue;
    const cols = columns.get(row.name);
    out.push(
      cols ? { name: row.name, label: label ?? {}, columns: cols } : { name: row.name, label: label ?? {} },
    );
  }
  return out;
}

/** The definition with a question moved one place among its siblings; null when it cannot move. */
export function moveQuestion(source: FormDefinition, name: string, direction: "up" | "down") {
  const def = structuredClone(source);
  def.nodes = nodesIn(def.nodes);
  const at = locate(def.nodes, name);
  if (!at) return null;
  const to = direction === "up" ? at.index - 1 : at.index + 1;
  if (to < 0 || to >= at.siblings.length) return def;
  [at.siblings[at.index], at.siblings[to]] = [at.siblings[to]!, at.siblings[at.index]!];
  return def;
}

/** The definition without a question (and everything inside it); null when there is none. */
export function deleteQuestion(source: FormDefinition, name: string) {
  const def = structuredClone(source);
  def.nodes = nodesIn(def.nodes);
  const at = locate(def.nodes, name);
  if (!at) return null;
  at.siblings.splice(at.index, 1);
  return def;
}
