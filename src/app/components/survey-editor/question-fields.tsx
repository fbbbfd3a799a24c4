import type { Choice, FormNode, LocalizedText, QuestionType } from "#app/modules/surveys/types.ts";
import { useLanguageName, useT } from "../../i18n.tsx";
import { Checkbox, type ErrorSource, Select, TextField } from "../form/index.ts";

/**
 * The fields of one question in the questionnaire editor (decision 096), from the form kit:
 * texts in the source language and the chosen second language side by side, the rules
 * (expressions, written left to right in every interface language) and the choice list.
 * Field names are the editor contract's paths (`label.de`, `choices.2.label.ar`), so errors land
 * beside their field and the error summary links to it.
 */

export type QuestionValues = {
  type: string;
  name: string;
  label: LocalizedText;
  hint: LocalizedText;
  required: boolean;
  relevant: string;
  constraint: string;
  constraintMessage: LocalizedText;
  calculation: string;
  repeatCount: string;
  parameters: string;
  listName: string;
  choices: { name: string; label: LocalizedText }[];
};

/** Blank choice rows offered after the list's own (more after each save, no script needed). */
const BLANK_CHOICES = 2;
/** A choice index beyond this is not read from a post (the contract allows far fewer). */
const MAX_CHOICE_INDEX = 1000;

/** A stored question (or a new one) as the editor's values. */
export function questionValuesOf(node: FormNode | undefined, choices: readonly Choice[]): QuestionValues {
  return {
    type: node?.type ?? "text",
    name: node?.name ?? "",
    label: node?.label ?? {},
    hint: node?.hint ?? {},
    required: node?.required === true,
    relevant: node?.relevant ?? "",
    constraint: node?.constraint ?? "",
    constraintMessage: node?.constraintMessage ?? {},
    calculation: node?.calculation ?? "",
    repeatCount: node?.repeatCount ?? "",
    parameters: node?.parameters ?? "",
    listName: node?.listName ?? "",
    choices: choices.map((c) => ({ name: c.name, label: c.label })),
  };
}

/** The posted question form as the editor contract's input (nested texts and choices). */
export function readQuestionForm(form: FormData) {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const texts: Record<"label" | "hint" | "constraintMessage", Record<string, string>> = {
    label: {},
    hint: {},
    constraintMessage: {},
  };
  const rows = new Map<number, { name: string; label: Record<string, string> }>();
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const text = /^(label|hint|constraintMessage)\.(.+)$/.exec(key);
    if (text) texts[text[1] as keyof typeof texts][text[2]!] = value;
    const choice = /^choices\.(\d{1,4})\.(name|label\.(.+))$/.exec(key);
    if (!choice || Number(choice[1]) > MAX_CHOICE_INDEX) continue;
    const row = rows.get(Number(choice[1])) ?? { name: "", label: {} };
    if (choice[2] === "name") row.name = value;
    else row.label[choice[3]!] = value;
    rows.set(Number(choice[1]), row);
  }
  return {
    version: str("version"),
    original: str("original"),
    parent: str("parent"),
    type: str("type"),
    name: str("name"),
    ...texts,
    required: str("required"),
    relevant: str("relevant"),
    constraint: str("constraint"),
    calculation: str("calculation"),
    repeatCount: str("repeatCount"),
    parameters: str("parameters"),
    listName: str("listName"),
    choices: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row),
  };
}

export function QuestionFields(p: {
  values: QuestionValues;
  errors: ErrorSource;
  source: string;
  second: string;
  types: readonly QuestionType[];
}) {
  const t = useT();
  const languageName = useLanguageName();
  const v = p.values;
  const langs = [p.source, p.second];
  const sideBySide = (field: "label" | "hint" | "constraintMessage", key: string, multiline = false) => (
    <div className="editor-side-by-side">
      {langs.map((lang) => (
        <TextField
          key={lang}
          name={`${field}.${lang}`}
          label={t(key, { language: languageName(lang) })}
          defaultValue={v[field][lang] ?? ""}
          errors={p.errors}
          lang={lang}
          dir="auto"
          multiline={multiline}
          rows={2}
        />
      ))}
    </div>
  );
  const blank = (): QuestionValues["choices"][number] => ({ name: "", label: {} });
  const choices = [...v.choices, ...Array.from({ length: BLANK_CHOICES }, blank)];
  return (
    <>
      <TextField
        name="name"
        label={t("surveys.editor_name")}
        hint={t("surveys.editor_name_hint")}
        defaultValue={v.name}
        errors={p.errors}
        dir="ltr"
        spellCheck={false}
      />
      <Select
        name="type"
        label={t("surveys.editor_type")}
        defaultValue={v.type}
        errors={p.errors}
        options={p.types.map((type) => ({ value: type, label: t(`surveys.editor_type_${type}`) }))}
      />
      <fieldset>
        <legend>{t("surveys.editor_texts")}</legend>
        {sideBySide("label", "surveys.editor_label_in", true)}
        {sideBySide("hint", "surveys.editor_hint_in", true)}
      </fieldset>
      <Checkbox
        name="required"
        label={t("surveys.editor_required")}
        defaultChecked={v.required}
        errors={p.errors}
      />
      <fieldset>
        <legend>{t("surveys.editor_rules")}</legend>
        <Expression name="relevant" value={v.relevant} errors={p.errors} />
        <Expression name="constraint" value={v.constraint} errors={p.errors} />
        {sideBySide("constraintMessage", "surveys.editor_constraint_message_in")}
        <Expression name="calculation" value={v.calculation} errors={p.errors} />
        <Expression name="repeatCount" value={v.repeatCount} errors={p.errors} />
        <Expression name="parameters" value={v.parameters} errors={p.errors} />
      </fieldset>
      <fieldset>
        <legend>{t("surveys.editor_choices")}</legend>
        <p className="hint">{t("surveys.editor_choices_hint")}</p>
        <TextField
          name="listName"
          label={t("surveys.editor_list_name")}
          hint={t("surveys.editor_list_name_hint")}
          defaultValue={v.listName}
          errors={p.errors}
          dir="ltr"
        />
        {choices.map((c, i) => {
          const n = String(i + 1);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; names may be blank or repeat
            <fieldset key={i} className="editor-choice">
              <legend>{t("surveys.editor_choice_n", { n })}</legend>
              <div className="editor-side-by-side">
                <TextField
                  name={`choices.${i}.name`}
                  label={t("surveys.editor_choice_name", { n })}
                  defaultValue={c.name}
                  errors={p.errors}
                  dir="ltr"
                />
                {langs.map((lang) => (
                  <TextField
                    key={lang}
                    name={`choices.${i}.label.${lang}`}
                    label={t("surveys.editor_choice_label_in", { n, language: languageName(lang) })}
                    defaultValue={c.label[lang] ?? ""}
                    errors={p.errors}
                    lang={lang}
                    dir="auto"
                  />
                ))}
              </div>
            </fieldset>
          );
        })}
      </fieldset>
    </>
  );
}

/** An expression field: written left to right whatever the interface language. */
function Expression(p: { name: string; value: string; errors: ErrorSource }) {
  const t = useT();
  return (
    <TextField
      name={p.name}
      label={t(`surveys.editor_${p.name}`)}
      hint={t(`surveys.editor_${p.name}_hint`)}
      defaultValue={p.value}
      errors={p.errors}
      dir="ltr"
      spellCheck={false}
    />
  );
}
