/**
 * Needs (Bedarfe) from answers: the life domains a filled form opens in the case.
 */
import { LIFE_DOMAINS } from "../casework/life-domains.ts";
import { childrenOf, flatten, isAnswerable, valuesAcross } from "./engine-tree.ts";
import type { Answers, AnswerValue, FormDefinition } from "./types.ts";

/** Answers that say "no need here" (a yes_no "no", a "none" choice): they open no need. */
const NEGATIVE_ANSWERS = new Set(["no", "none"]);

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
  const valuesOf = (name: string, repeats: readonly string[]): AnswerValue[] =>
    valuesAcross(answers, repeats, name);
  for (const { node, repeats } of flatten(def.nodes)) {
    const need = node.need;
    if (!need) continue;
    if (need === "choices") {
      for (const v of valuesOf(node.name, repeats)) {
        for (const choice of Array.isArray(v) ? v : [v]) {
          if (typeof choice === "string" && domains.includes(choice)) found.add(choice);
        }
      }
      continue;
    }
    if (!domains.includes(need)) continue;
    const inside =
      node.type === "group" || node.type === "matrix"
        ? flatten(childrenOf(node), repeats)
        : [{ node, repeats }];
    const opens = inside.some(
      (q) => isAnswerable(q.node.type) && valuesOf(q.node.name, q.repeats).some(opensNeed),
    );
    if (opens) found.add(need);
  }
  return [...found].sort();
}
