/**
 * One response as the staff page shows it (decision 124): every answer under its own form
 * version, in form order, groups as headed parts, each repeat instance as its own part (nested
 * repeats inside), choices by their labels, and image, audio and file answers as the stored
 * file they name. Browser-safe: the page renders the items as they come.
 */
import { childrenOf, labelFor } from "./engine-tree.ts";
import { isMediaType } from "./media.ts";
import type { Answers, AnswerValue, FormDefinition, FormNode } from "./types.ts";

export type ResponseFile = {
  id: string;
  question: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
};

export type ResponseItem =
  | {
      kind: "answer";
      name: string;
      label: string;
      /** Readable values (choice labels, "ar: B1"); one for a single answer. */
      values: string[];
      /** yes_no: shown as yes or no in the reader's language. */
      yesNo?: boolean;
      /** image/audio/file: the stored file the answer names (null when it is gone). */
      file?: ResponseFile | null;
    }
  | { kind: "group"; name: string; label: string; items: ResponseItem[] }
  | { kind: "repeat"; name: string; label: string; instances: ResponseItem[][] };

const isInstances = (v: AnswerValue | undefined): v is Answers[] =>
  Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null && !("lang" in x));

function values(node: FormNode, v: AnswerValue, def: FormDefinition, lang: string): string[] {
  const choice = (name: string) => {
    const c = (node.listName ? def.choices?.[node.listName] : undefined)?.find((x) => x.name === name);
    return c ? labelFor(c.label, lang, def) || name : name;
  };
  if (node.type === "select_one" && typeof v === "string") return [choice(v)];
  if (node.type === "select_multiple" && Array.isArray(v)) return v.map((x) => choice(String(x)));
  if (node.type === "language_level" && Array.isArray(v))
    return v.map((x) => {
      const l = x as { lang?: unknown; level?: unknown };
      return `${String(l?.lang ?? "")}: ${String(l?.level ?? "")}`;
    });
  return [typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v)];
}

function itemsOf(
  nodes: FormNode[],
  answers: Answers,
  def: FormDefinition,
  lang: string,
  files: ReadonlyMap<string, ResponseFile>,
): ResponseItem[] {
  const out: ResponseItem[] = [];
  for (const node of nodes) {
    const label = labelFor(node.label, lang, def).trim() || node.name;
    if (node.type === "group" || node.type === "matrix") {
      const items = itemsOf(childrenOf(node), answers, def, lang, files);
      if (items.length > 0) out.push({ kind: "group", name: node.name, label, items });
      continue;
    }
    if (node.type === "note" || !Object.hasOwn(answers, node.name)) continue;
    const v = answers[node.name]!;
    if (node.type === "repeat") {
      const instances = isInstances(v) ? v : [];
      out.push({
        kind: "repeat",
        name: node.name,
        label,
        instances: instances.map((inst) => itemsOf(childrenOf(node), inst, def, lang, files)),
      });
      continue;
    }
    if (isMediaType(node.type) && typeof v === "string") {
      const file = files.get(v) ?? null;
      out.push({ kind: "answer", name: node.name, label, values: [file?.fileName ?? v], file });
      continue;
    }
    if (node.type === "yes_no" && (v === "yes" || v === "no")) {
      out.push({ kind: "answer", name: node.name, label, values: [v], yesNo: v === "yes" });
      continue;
    }
    out.push({ kind: "answer", name: node.name, label, values: values(node, v, def, lang) });
  }
  return out;
}

/**
 * The page's items for one response. Answers the version does not know (never written by Lotse,
 * but a stored row is not trusted) come last under their names, so nothing stored is hidden.
 */
export function responseItems(
  def: FormDefinition,
  answers: Answers,
  lang: string,
  files: readonly ResponseFile[],
): ResponseItem[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  const items = itemsOf(def.nodes ?? [], answers, def, lang, byId);
  const known = new Set<string>();
  const walk = (list: ResponseItem[]) => {
    for (const i of list) {
      known.add(i.name);
      if (i.kind === "group") walk(i.items);
      if (i.kind === "repeat") for (const inst of i.instances) walk(inst);
    }
  };
  walk(items);
  for (const [name, v] of Object.entries(answers)) {
    if (known.has(name)) continue;
    items.push({
      kind: "answer",
      name,
      label: name,
      values: [typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v)],
    });
  }
  return items;
}
