/**
 * Question names as XLSForm has them, and as Lotse needs them.
 *
 * XLSForm (pyxform) wants a name unique only among the questions of its nearest group or repeat;
 * a repeat's name, and every name a `${…}` refers to, must be unique in the whole form. Lotse keys
 * answers by name, so inside Lotse every name is unique: a name that occurs again in another
 * group, and that nothing refers to, is renamed `<group>_<name>` on import, with a warning.
 * Duplicates among siblings and duplicate repeat names stay, and the engine refuses them.
 */
import type { FormError, FormNode, LocalizedText } from "./types.ts";
import { walk } from "./xlsform-lotse.ts";
import type { Layout } from "./xlsform-sheet.ts";

const REF = /\$\{\s*([^}\s]+)\s*\}/g;

/** Fields that may hold `${name}`, with their XLSForm column. */
const TEXT_FIELDS = [
  ["relevant", "relevant"],
  ["constraint", "constraint"],
  ["calculation", "calculation"],
  ["repeatCount", "repeat_count"],
  ["required", "required"],
  ["choiceFilter", "choice_filter"],
  ["default", "default"],
  ["label", "label"],
  ["hint", "hint"],
  ["requiredMessage", "required_message"],
  ["constraintMessage", "constraint_message"],
] as const satisfies readonly (readonly [keyof FormNode, string])[];

function textsOf(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (v && typeof v === "object")
    return Object.values(v as LocalizedText).filter((x) => typeof x === "string");
  return [];
}

type Entry = { node: FormNode; parent: FormNode | null };

/**
 * Renames names that XLSForm allows twice (in different groups) and Lotse cannot hold twice;
 * a twice-used name that an expression or label refers to is refused (`name_ambiguous`) at the
 * referring row, as pyxform does. Returns those names (the engine's name_duplicate for them
 * says the same again).
 */
export function resolveNames(
  nodes: FormNode[],
  rowOf: Map<FormNode, number>,
  layout: Layout,
  errors: FormError[],
  warnings: FormError[],
): Set<string> {
  const ambiguous = new Set<string>();
  const entries: Entry[] = [];
  walk(nodes, (node, parent) => {
    entries.push({ node, parent });
  });
  const byName = new Map<string, Entry[]>();
  for (const e of entries) {
    if (!e.node.name) continue;
    const list = byName.get(e.node.name) ?? [];
    list.push(e);
    byName.set(e.node.name, list);
  }
  const refs = new Map<string, { node: FormNode; column: string }[]>();
  for (const { node } of entries)
    for (const [field, column] of TEXT_FIELDS)
      for (const text of textsOf(node[field]))
        for (const m of text.matchAll(REF)) {
          const list = refs.get(m[1]!) ?? [];
          if (!list.some((x) => x.node === node && x.column === column)) list.push({ node, column });
          refs.set(m[1]!, list);
        }
  const taken = new Set(byName.keys());
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    const parents = new Set(list.map((e) => e.parent));
    // among siblings, or a repeat: the engine refuses these as duplicates
    if (parents.size < list.length || list.some((e) => e.node.type === "repeat")) continue;
    const referring = refs.get(name);
    if (referring) {
      ambiguous.add(name);
      for (const r of referring)
        errors.push({
          code: "name_ambiguous",
          sheet: "survey",
          ...(rowOf.has(r.node) ? { row: rowOf.get(r.node)!, column: layout.header(r.column) } : {}),
          detail: name,
        });
      continue;
    }
    for (const e of list.slice(1)) {
      const base = `${e.parent?.name ?? "survey"}_${name}`;
      let next = base;
      for (let k = 2; taken.has(next); k++) next = `${base}_${k}`;
      taken.add(next);
      e.node.name = next;
      const row = rowOf.get(e.node);
      warnings.push({
        code: "name_renamed",
        sheet: "survey",
        ...(row !== undefined ? { row, column: layout.header("name") } : {}),
        detail: `${name} → ${next}`,
      });
    }
  }
  return ambiguous;
}
