import { type ReactNode, useContext } from "react";
import { labelFor, offeredChoices } from "#app/modules/surveys/engine.ts";
import { rangeOf } from "#app/modules/surveys/engine-range.ts";
import { acceptAttribute, acceptedTypes, FORMAT_NAMES, MEDIA_MAX_BYTES } from "#app/modules/surveys/media.ts";
import {
  type AnswerValue,
  type FormNode,
  LANGUAGE_LEVELS,
  type LanguageLevelAnswer,
} from "#app/modules/surveys/types.ts";
import { useLanguageName, useT } from "../i18n.tsx";
import { CheckboxGroup, RadioGroup, TextField } from "./form/index.ts";
import { GeopointInput } from "./survey-geopoint.tsx";
import { CurrentAnswers, type SurveyFormProps, scalar } from "./survey-shared.ts";

/** Languages offered for language_level answers (ISO 639-1), most common first in the seeds. */
export const LANGUAGE_CHOICES = [
  "de",
  "ar",
  "fa",
  "ps",
  "ku",
  "tr",
  "ru",
  "uk",
  "ti",
  "so",
  "en",
  "fr",
  "sq",
  "sr",
  "ro",
  "bg",
  "pl",
  "ur",
  "am",
  "es",
  "it",
] as const;

/** A single question, with what its node view has worked out (ids, label, hint, message). */
export type QuestionInputProps = {
  node: FormNode;
  prefix: string;
  props: SurveyFormProps;
  value: AnswerValue | undefined;
  field: string;
  id: string;
  error: string | undefined;
  describedBy: string | undefined;
  labelText: ReactNode;
  /** The hint's text (`hintEl` is the same as a paragraph tied to the input). */
  hint: string | undefined;
  hintEl: ReactNode;
  errorEl: ReactNode;
  isHidden: boolean;
  wrap: (children: ReactNode) => ReactNode;
};

/** The input(s) of one question, by its type; every one posts natively without JavaScript. */
export function QuestionInput(q: QuestionInputProps): ReactNode {
  const t = useT();
  const nameOf = useLanguageName(q.props.lang);
  const current = useContext(CurrentAnswers);
  const {
    node,
    prefix,
    props,
    value,
    field,
    id,
    error,
    describedBy,
    labelText,
    hintEl,
    errorEl,
    isHidden,
    wrap,
  } = q;
  const def = props.definition;
  // what every single-input question gives the kit's text field (what was typed stays for correction)
  const textProps = {
    id,
    name: field,
    label: labelText,
    hint: q.hint,
    error,
    hidden: isHidden,
    defaultValue: scalar(value) || (props.raw?.[field] ?? ""),
  };
  switch (node.type) {
    case "yes_no":
    case "select_one":
    case "select_multiple": {
      const choices =
        node.type === "yes_no"
          ? [
              { name: "yes", text: t("surveys.yes") },
              { name: "no", text: t("surveys.no") },
            ]
          : (def.choices[node.listName ?? ""] ?? []).map((c) => ({
              name: c.name,
              // a choice without a label shows its name (XLSForm allows it)
              text: labelFor(c.label, props.lang, def) || c.name,
            }));
      // cascading selects: choices the filter leaves out are hidden, not removed
      const offered = offeredChoices(def, node, current, props.today, prefix);
      const options = choices.map((c) => ({
        value: c.name,
        label: c.text,
        hidden: offered ? !offered.has(c.name) : undefined,
      }));
      const group = {
        id,
        name: field,
        legend: labelText,
        hint: q.hint,
        error,
        options,
        hidden: isHidden,
        className: "survey-choices",
      };
      if (node.type === "select_multiple") {
        const selected = Array.isArray(value)
          ? (value as string[])
          : value !== undefined
            ? [String(value)]
            : [];
        return <CheckboxGroup {...group} defaultValue={selected} />;
      }
      return <RadioGroup {...group} defaultValue={value !== undefined ? String(value) : undefined} />;
    }
    case "language_level": {
      const rows = Array.isArray(value) ? (value as LanguageLevelAnswer[]) : [];
      const count = Math.max(rows.length + 1, 2);
      return (
        <fieldset
          className={error ? "field field-invalid survey-languages" : "field survey-languages"}
          hidden={isHidden}
          id={id}
          tabIndex={-1}
          aria-describedby={describedBy}
        >
          <legend>{labelText}</legend>
          {hintEl}
          {Array.from({ length: count }, (_, i) => {
            const row = rows[i];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              <div key={i} className="survey-language-row">
                <label>
                  {t("surveys.language_n", { n: String(i + 1) })}{" "}
                  <select name={`${field}.${i}.lang`} defaultValue={row?.lang ?? ""}>
                    <option value="">{t("surveys.choose")}</option>
                    {LANGUAGE_CHOICES.map((code) => (
                      <option key={code} value={code}>
                        {nameOf(code)}
                      </option>
                    ))}
                  </select>
                </label>{" "}
                <label>
                  {t("surveys.level")}{" "}
                  <select name={`${field}.${i}.level`} defaultValue={row?.level ?? ""}>
                    <option value="">{t("surveys.choose")}</option>
                    {LANGUAGE_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`surveys.level_${l}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            );
          })}
          {errorEl}
        </fieldset>
      );
    }
    case "text":
      return (
        <TextField
          {...textProps}
          multiline={node.appearance?.includes("multiline") ?? false}
          maxLength={2000}
          dir="auto"
        />
      );
    case "geopoint":
      return (
        <GeopointInput
          id={id}
          field={field}
          value={scalar(value)}
          error={error}
          describedBy={describedBy}
          labelText={labelText}
          hintEl={hintEl}
          errorEl={errorEl}
          isHidden={isHidden}
        />
      );
    case "image":
    case "audio":
    case "file":
      // a plain file input in a multipart form: works without JavaScript; a file cannot be put
      // back after a failed submission, so the hint asks for it again then (decision 116)
      return wrap(
        <>
          <label htmlFor={id}>{labelText}</label>
          {hintEl}
          <p className="hint" id={`${id}-limits`}>
            {node.accept
              ? // the form's `body::accept` narrowed the formats: name the ones left
                t("surveys.media_limits_accept", {
                  formats: acceptedTypes({ type: node.type, accept: node.accept })
                    .map((m) => FORMAT_NAMES[m])
                    .join(", "),
                  maxMb: MEDIA_MAX_BYTES / 2 ** 20,
                })
              : t(`surveys.media_limits_${node.type}`, { maxMb: MEDIA_MAX_BYTES / 2 ** 20 })}
            {props.raw && Object.keys(props.raw).length > 0 ? ` ${t("surveys.media_choose_again")}` : ""}
          </p>
          <input
            id={id}
            name={field}
            type="file"
            accept={acceptAttribute({ type: node.type, accept: node.accept })}
            aria-invalid={error ? true : undefined}
            aria-describedby={[describedBy, `${id}-limits`].filter(Boolean).join(" ")}
          />
          {errorEl}
        </>,
      );
    case "acknowledge":
      return wrap(
        <>
          <label className="choice">
            <input
              id={id}
              name={field}
              type="checkbox"
              value="OK"
              defaultChecked={value === "OK"}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />{" "}
            {labelText}
          </label>
          {hintEl}
          {errorEl}
        </>,
      );
    case "range": {
      // a number field with the scale's bounds: readable and usable by keyboard and screen reader
      const scale = rangeOf(node.parameters);
      return (
        <TextField
          {...textProps}
          type="number"
          min={scale ? Math.min(scale.start, scale.end) : undefined}
          max={scale ? Math.max(scale.start, scale.end) : undefined}
          step={scale ? Math.abs(scale.step) : undefined}
          dir="ltr"
        />
      );
    }
    case "integer":
    case "decimal":
    case "date":
    case "time":
      return (
        <TextField
          {...textProps}
          type={node.type === "date" || node.type === "time" ? node.type : "text"}
          inputMode={node.type === "integer" ? "numeric" : node.type === "decimal" ? "decimal" : undefined}
          dir="ltr"
        />
      );
    default:
      return null;
  }
}
