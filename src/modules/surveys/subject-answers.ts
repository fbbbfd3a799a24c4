import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { labelFor } from "./engine.ts";
import type { Answers, AnswerValue, FormDefinition, FormNode } from "./types.ts";

/**
 * Survey answers in the Art. 15 document (issue 5): readable for the person, under the form
 * version they were given in. Keys are the question labels in German (the form's own text),
 * values are choice labels instead of choice names; yes/no becomes a boolean (the document page
 * shows it in the reader's language). Answers the definition does not know keep their name.
 */

export type ReadableValue =
  | string
  | number
  | boolean
  | null
  | ReadableValue[]
  | { [k: string]: ReadableValue };

/**
 * Free-text answers are stored encrypted apart from the rest; this puts them back in place, in
 * every instance of (nested) repeats.
 */
export function mergeSurveyAnswers(structured: Answers, text: Answers): Answers {
  const out: Answers = { ...structured };
  for (const [k, v] of Object.entries(text)) {
    if (Array.isArray(out[k]) && Array.isArray(v)) {
      out[k] = (out[k] as Answers[]).map((inst, i) => mergeSurveyAnswers(inst, (v as Answers[])[i] ?? {}));
    } else out[k] = v;
  }
  return out;
}

function readable(node: FormNode, v: AnswerValue, def: FormDefinition, lang: string): ReadableValue {
  const choice = (name: string) => {
    const c = (node.listName ? def.choices?.[node.listName] : undefined)?.find((x) => x.name === name);
    return c ? labelFor(c.label, lang, def) || name : name;
  };
  switch (node.type) {
    case "yes_no":
      return v === "yes" ? true : v === "no" ? false : String(v);
    case "select_one":
      return typeof v === "string" ? choice(v) : null;
    case "select_multiple":
      return Array.isArray(v) ? (v as unknown[]).map((x) => choice(String(x))) : null;
    case "language_level":
      return Array.isArray(v)
        ? (v as unknown[]).map((x) => {
            const l = x as { lang?: unknown; level?: unknown };
            return `${String(l?.lang ?? "")}: ${String(l?.level ?? "")}`;
          })
        : null;
    default:
      return typeof v === "string" || typeof v === "number" ? v : JSON.stringify(v);
  }
}

function collect(
  nodes: FormNode[],
  answers: Answers,
  def: FormDefinition,
  lang: string,
  out: Record<string, ReadableValue>,
  used: Set<string>,
) {
  const put = (node: FormNode, value: ReadableValue) => {
    used.add(node.name);
    const label = labelFor(node.label, lang, def).trim() || node.name;
    out[Object.hasOwn(out, label) ? `${label} (${node.name})` : label] = value;
  };
  for (const node of nodes) {
    if (node.type === "group" || node.type === "matrix") {
      collect(node.children ?? [], answers, def, lang, out, used);
      continue;
    }
    if (node.type === "note") continue;
    if (!Object.hasOwn(answers, node.name)) continue;
    const v = answers[node.name]!;
    if (node.type === "repeat") {
      const instances = Array.isArray(v) ? (v as Answers[]) : [];
      put(
        node,
        instances.map((inst) => {
          const o: Record<string, ReadableValue> = {};
          collect(node.children ?? [], inst && typeof inst === "object" ? inst : {}, def, lang, o, new Set());
          return o;
        }),
      );
      continue;
    }
    put(node, readable(node, v, def, lang));
  }
}

/** The answers of one response as label → readable value, in form order. */
export function readableSurveyAnswers(
  def: FormDefinition | null | undefined,
  answers: Answers,
  lang: string = SOURCE_LANGUAGE,
): Record<string, ReadableValue> {
  const out: Record<string, ReadableValue> = {};
  const used = new Set<string>();
  if (def && Array.isArray(def.nodes)) collect(def.nodes, answers, def, lang, out, used);
  for (const [name, v] of Object.entries(answers)) {
    if (used.has(name)) continue;
    out[Object.hasOwn(out, name) ? `[${name}]` : name] =
      typeof v === "string" || typeof v === "number" ? v : JSON.stringify(v);
  }
  return out;
}
