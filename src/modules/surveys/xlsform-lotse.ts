/**
 * Lotse's own question types in plain XLSForm (see `xlsform.ts`): the appearances and built-in
 * choice lists written on export, and recognising them again on import.
 */
import { SPOKEN_LANGUAGES } from "../directory/spoken-languages.ts";
import {
  type Choice,
  type FormDefinition,
  type FormNode,
  LANGUAGE_LEVELS,
  type LocalizedText,
} from "./types.ts";
import { displayName } from "./xlsform-languages.ts";

/** Appearance marking a repeat that stands for a language_level question. */
export const LANGUAGE_LEVEL_APPEARANCE = "lotse-language-level";
export const MATRIX_APPEARANCE = "table-list";
export const YES_NO_LIST = "yes_no";
export const LANGUAGES_LIST = "lotse_languages";
export const CEFR_LIST = "lotse_cefr";

export const appearanceTokens = (a: string | undefined) => (a ?? "").split(/\s+/).filter((x) => x !== "");

export function withoutToken(appearance: string | undefined, token: string): string | undefined {
  const rest = appearanceTokens(appearance).filter((t) => t.toLowerCase() !== token);
  return rest.length > 0 ? rest.join(" ") : undefined;
}

export const hasToken = (appearance: string | undefined, token: string) =>
  appearanceTokens(appearance).some((t) => t.toLowerCase() === token);

/** Walks every node, parents before children, with its parent. */
export function walk(
  nodes: FormNode[],
  visit: (node: FormNode, parent: FormNode | null) => void,
  parent: FormNode | null = null,
) {
  for (const n of nodes) {
    visit(n, parent);
    if (n.children) walk(n.children, visit, n);
  }
}

const YES_NO_LABELS: Record<"yes" | "no", LocalizedText> = {
  yes: { de: "Ja", en: "Yes", ar: "نعم", tr: "Evet", ru: "Да", uk: "Так", fa: "بله" },
  no: { de: "Nein", en: "No", ar: "لا", tr: "Hayır", ru: "Нет", uk: "Ні", fa: "خیر" },
};
const CEFR_LABELS: Partial<Record<(typeof LANGUAGE_LEVELS)[number], LocalizedText>> = {
  native: {
    de: "Muttersprache",
    en: "Native language",
    ar: "اللغة الأم",
    tr: "Ana dil",
    ru: "Родной язык",
    uk: "Рідна мова",
    fa: "زبان مادری",
  },
  none: {
    de: "Keine Kenntnisse",
    en: "No knowledge",
    ar: "لا توجد معرفة",
    tr: "Bilgisi yok",
    ru: "Нет знаний",
    uk: "Немає знань",
    fa: "بدون آشنایی",
  },
};
export const LANGUAGE_ROW_LABEL: LocalizedText = {
  de: "Sprache",
  en: "Language",
  ar: "اللغة",
  tr: "Dil",
  ru: "Язык",
  uk: "Мова",
  fa: "زبان",
};
export const LEVEL_ROW_LABEL: LocalizedText = {
  de: "Niveau",
  en: "Level",
  ar: "المستوى",
  tr: "Seviye",
  ru: "Уровень",
  uk: "Рівень",
  fa: "سطح",
};

const baseLanguage = (lang: string) => lang.split("-")[0]!.toLowerCase();

/** A built-in text in each of the form's languages (English where Lotse has no translation). */
export function builtIn(
  texts: LocalizedText,
  def: Pick<FormDefinition, "languages" | "defaultLanguage">,
): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of def.languages) {
    const l = lang === "default" ? def.defaultLanguage : lang;
    out[lang] = texts[l] ?? texts[baseLanguage(l)] ?? texts.en ?? "";
  }
  return out;
}

function languageLabel(
  code: string,
  def: Pick<FormDefinition, "languages" | "defaultLanguage">,
): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of def.languages) {
    const l = lang === "default" ? def.defaultLanguage : lang;
    out[lang] = displayName(code, l) ?? displayName(code, "en") ?? code;
  }
  return out;
}

export function yesNoList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return (["yes", "no"] as const).map((name) => ({ name, label: builtIn(YES_NO_LABELS[name], def) }));
}
export function cefrList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return LANGUAGE_LEVELS.map((name) => {
    const texts = CEFR_LABELS[name];
    return {
      name,
      label: texts ? builtIn(texts, def) : Object.fromEntries(def.languages.map((l) => [l, name])),
    };
  });
}
export function languagesList(def: Pick<FormDefinition, "languages" | "defaultLanguage">): Choice[] {
  return SPOKEN_LANGUAGES.map((code) => ({ name: code, label: languageLabel(code, def) }));
}

const sameChoices = (a: Choice[], b: Choice[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Recognises Lotse's own types in their standard-XLSForm encoding (see the module comment) and
 * drops the choice lists that were only there for them.
 */
export function decodeLotseTypes(def: FormDefinition) {
  const { nodes, choices } = def;
  let yesNoFound = false;
  let languageLevelFound = false;
  const matrixRows = new Set<FormNode>();
  walk(nodes, (n) => {
    if (n.type !== "group" || !hasToken(n.appearance, MATRIX_APPEARANCE)) return;
    const kids = n.children ?? [];
    const list = kids[0]?.listName;
    if (!list || !kids.every((k) => k.type === "select_one" && k.listName === list && !k.children)) return;
    n.type = "matrix";
    n.listName = list;
    setAppearance(n, withoutToken(n.appearance, MATRIX_APPEARANCE));
    for (const k of kids) matrixRows.add(k);
  });
  walk(nodes, (n) => {
    if (n.type !== "repeat" || !hasToken(n.appearance, LANGUAGE_LEVEL_APPEARANCE)) return;
    const kids = n.children ?? [];
    const lists = kids.map((k) => (k.type === "select_one" ? k.listName : undefined)).sort();
    if (kids.length !== 2 || lists[0] !== CEFR_LIST || lists[1] !== LANGUAGES_LIST) return;
    n.type = "language_level";
    delete n.children;
    setAppearance(n, withoutToken(n.appearance, LANGUAGE_LEVEL_APPEARANCE));
    languageLevelFound = true;
  });
  const yesNo = choices[YES_NO_LIST];
  if (yesNo?.length === 2 && yesNo.some((c) => c.name === "yes") && yesNo.some((c) => c.name === "no")) {
    walk(nodes, (n) => {
      if (n.type === "select_one" && n.listName === YES_NO_LIST && !matrixRows.has(n)) {
        n.type = "yes_no";
        delete n.listName;
        yesNoFound = true;
      }
    });
  }
  const referenced = new Set<string>();
  walk(nodes, (n) => {
    if (n.listName) referenced.add(n.listName);
  });
  // A yes_no list of the form's own (other labels) stays, so that it is written out again.
  if (yesNoFound && yesNo && !referenced.has(YES_NO_LIST) && sameChoices(yesNo, yesNoList(def)))
    delete choices[YES_NO_LIST];
  if (languageLevelFound)
    for (const l of [LANGUAGES_LIST, CEFR_LIST]) if (!referenced.has(l)) delete choices[l];
}

function setAppearance(n: FormNode, appearance: string | undefined) {
  if (appearance) n.appearance = appearance;
  else delete n.appearance;
}
