import { createContext, type ReactNode, useContext, useState } from "react";
import { checkAnswers, labelFor, offeredChoices, readSubmission } from "#app/modules/surveys/engine.ts";
import { rangeOf } from "#app/modules/surveys/engine-range.ts";
import {
  type Answers,
  type AnswerValue,
  type FormDefinition,
  type FormNode,
  LANGUAGE_LEVELS,
  type LanguageLevelAnswer,
} from "#app/modules/surveys/types.ts";
import { useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { ErrorSummary } from "./form/index.ts";

/**
 * Renders a questionnaire as a plain HTML form body (issue 5). It works without JavaScript:
 * every question is shown, and the server drops answers to questions that do not apply. When
 * the page runs JavaScript, relevance is evaluated live with the same engine the server uses,
 * so questions appear and disappear as the respondent answers.
 *
 * Field names follow the engine's contract: `q.<name>`, `q.<repeat>.<i>.<child>`,
 * `q.<name>.<i>.lang|level` for languages with their level.
 */

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

export type SurveyFormProps = {
  definition: FormDefinition;
  /** Language of the labels (the page's language, or the respondent's choice). */
  lang: string;
  values: Answers;
  /** Error messages by answer path, already in the reader's language. */
  errors: Record<string, string>;
  /** Paths the server found not applicable (after a submission). */
  hidden?: string[];
  /** Number of instances per repeat to show (the server adds one on "add another"). */
  repeatCounts?: Record<string, number>;
  /** What was typed, by field name, for inputs the engine could not read (kept for correction). */
  raw?: Record<string, string>;
  today: string;
};

const idOf = (path: string) => `f-q-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** The answers as they stand (live while the page runs JavaScript), for cascading selects. */
const CurrentAnswers = createContext<Answers>({});

export function SurveyFormFields(props: SurveyFormProps) {
  const [live, setLive] = useState<{ hidden: Set<string>; answers: Answers } | null>(null);
  const hidden = live?.hidden ?? new Set(props.hidden ?? []);
  const onChange = (e: React.FormEvent<HTMLDivElement>) => {
    const form = (e.target as HTMLElement).closest("form");
    if (!form) return;
    const entries = [...new FormData(form).entries()].filter(
      (x): x is [string, string] => typeof x[1] === "string",
    );
    const read = readSubmission(props.definition, entries);
    const checked = checkAnswers(props.definition, read.answers, { today: props.today });
    setLive({ hidden: checked.hidden, answers: read.answers });
  };
  return (
    <CurrentAnswers.Provider value={live?.answers ?? props.values}>
      <div className="survey-form" onChange={onChange}>
        {props.definition.nodes.map((n) => (
          <NodeView key={n.name} node={n} prefix="" props={props} hidden={hidden} values={props.values} />
        ))}
      </div>
    </CurrentAnswers.Provider>
  );
}

function NodeView({
  node,
  prefix,
  props,
  hidden,
  values,
}: {
  node: FormNode;
  prefix: string;
  props: SurveyFormProps;
  hidden: Set<string>;
  values: Answers;
}): ReactNode {
  const t = useT();
  const current = useContext(CurrentAnswers);
  const def = props.definition;
  const path = prefix ? `${prefix}.${node.name}` : node.name;
  const field = `q.${prefix ? `${prefixField(prefix)}.` : ""}${node.name}`;
  if (node.type === "calculate") return null;
  const isHidden = hidden.has(path) || hidden.has(pathKey(prefix, node.name));
  const label = labelFor(node.label, props.lang, def) || node.name;
  const hint = labelFor(node.hint, props.lang, def);
  const id = idOf(path);
  const error = props.errors[pathKey(prefix, node.name)] ?? props.errors[path];
  const required = node.required === true;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const labelText = (
    <>
      {label}
      {required ? <span className="required-mark"> ({t("surveys.required_mark")})</span> : null}
    </>
  );
  const hintEl = hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
  const errorEl = error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
  const value = values[node.name];
  const wrap = (children: ReactNode) => (
    <div className={error ? "field field-invalid" : "field"} hidden={isHidden}>
      {children}
    </div>
  );

  switch (node.type) {
    case "note":
      return (
        <p className="survey-note" hidden={isHidden}>
          {label}
        </p>
      );
    case "group":
      return (
        <fieldset className="survey-group" hidden={isHidden}>
          <legend>{label}</legend>
          {hintEl}
          {(node.children ?? []).map((c) => (
            <NodeView key={c.name} node={c} prefix={prefix} props={props} hidden={hidden} values={values} />
          ))}
        </fieldset>
      );
    case "repeat": {
      const instances = Array.isArray(value) ? (value as Answers[]) : [];
      const count = Math.max(props.repeatCounts?.[path] ?? 0, instances.length, 1);
      return (
        <fieldset className="survey-group survey-repeat" hidden={isHidden}>
          <legend>{label}</legend>
          {hintEl}
          {errorEl}
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: instances are positional
            <fieldset key={i} className="survey-instance">
              <legend>{t("surveys.instance", { label, n: String(i + 1) })}</legend>
              {(node.children ?? []).map((c) => (
                <NodeView
                  key={c.name}
                  node={c}
                  prefix={`${path}[${i}]`}
                  props={props}
                  hidden={hidden}
                  values={instances[i] ?? {}}
                />
              ))}
            </fieldset>
          ))}
          <input type="hidden" name={`_count.${path}`} value={String(count)} />
          <button type="submit" name="_add" value={path} className="button-secondary" formNoValidate>
            {t("surveys.add_instance", { label })}
          </button>
        </fieldset>
      );
    }
    case "matrix": {
      const choices = def.choices[node.listName ?? ""] ?? [];
      return (
        <div
          className={error ? "field field-invalid survey-matrix" : "field survey-matrix"}
          hidden={isHidden}
        >
          <table>
            <caption>
              {label}
              {hint ? <span className="hint"> {hint}</span> : null}
            </caption>
            <thead>
              <tr>
                <td />
                {choices.map((c) => (
                  <th key={c.name} scope="col">
                    {labelFor(c.label, props.lang, def) || c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(node.children ?? []).map((row) => {
                const rowPath = prefix ? `${prefix}.${row.name}` : row.name;
                const rowField = `q.${prefix ? `${prefixField(prefix)}.` : ""}${row.name}`;
                const rowLabel = labelFor(row.label, props.lang, def) || row.name;
                const rowError = props.errors[pathKey(prefix, row.name)];
                return (
                  <tr key={row.name} id={idOf(rowPath)} hidden={hidden.has(rowPath)}>
                    <th scope="row">
                      {rowLabel}
                      {rowError ? <span className="field-error"> {rowError}</span> : null}
                    </th>
                    {choices.map((c) => (
                      <td key={c.name}>
                        <input
                          type="radio"
                          name={rowField}
                          value={c.name}
                          defaultChecked={values[row.name] === c.name}
                          aria-label={`${rowLabel}: ${labelFor(c.label, props.lang, def)}`}
                          aria-invalid={rowError ? true : undefined}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      );
    }
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
      const multiple = node.type === "select_multiple";
      const selected = new Set(
        Array.isArray(value) ? (value as string[]) : value !== undefined ? [String(value)] : [],
      );
      return (
        <fieldset
          className={error ? "field field-invalid survey-choices" : "field survey-choices"}
          hidden={isHidden}
          id={id}
          aria-describedby={describedBy}
          tabIndex={-1}
        >
          <legend>{labelText}</legend>
          {hintEl}
          {choices.map((c) => (
            <label key={c.name} className="choice" hidden={offered ? !offered.has(c.name) : undefined}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={field}
                value={c.name}
                defaultChecked={selected.has(c.name)}
                aria-invalid={error ? true : undefined}
              />{" "}
              {c.text}
            </label>
          ))}
          {errorEl}
        </fieldset>
      );
    }
    case "language_level": {
      const rows = Array.isArray(value) ? (value as LanguageLevelAnswer[]) : [];
      const count = Math.max(rows.length + 1, 2);
      const names = languageNames(props.lang);
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
                        {names(code)}
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
      return wrap(
        <>
          <label htmlFor={id}>{labelText}</label>
          {hintEl}
          {node.appearance?.includes("multiline") ? (
            <textarea
              id={id}
              name={field}
              rows={4}
              maxLength={2000}
              defaultValue={scalar(value) || (props.raw?.[field] ?? "")}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              dir="auto"
            />
          ) : (
            <input
              id={id}
              name={field}
              type="text"
              maxLength={2000}
              defaultValue={scalar(value) || (props.raw?.[field] ?? "")}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              dir="auto"
            />
          )}
          {errorEl}
        </>,
      );
    case "geopoint": {
      // plain latitude and longitude: works without a base map, a network or JavaScript
      const [lat = "", lon = ""] = scalar(value).split(" ");
      return (
        <fieldset
          className={error ? "field field-invalid survey-geopoint" : "field survey-geopoint"}
          hidden={isHidden}
          id={id}
          aria-describedby={describedBy}
          tabIndex={-1}
        >
          <legend>{labelText}</legend>
          {hintEl}
          {(["lat", "lon"] as const).map((part) => (
            <div key={part}>
              <label htmlFor={`${id}-${part}`}>{t(`surveys.geopoint_${part}`)}</label>
              <input
                id={`${id}-${part}`}
                name={`${field}.${part}`}
                type="text"
                inputMode="decimal"
                defaultValue={part === "lat" ? lat : lon}
                aria-invalid={error ? true : undefined}
                dir="ltr"
              />
            </div>
          ))}
          {errorEl}
        </fieldset>
      );
    }
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
      return wrap(
        <>
          <label htmlFor={id}>{labelText}</label>
          {hintEl}
          <input
            id={id}
            name={field}
            type="number"
            min={scale ? Math.min(scale.start, scale.end) : undefined}
            max={scale ? Math.max(scale.start, scale.end) : undefined}
            step={scale ? Math.abs(scale.step) : undefined}
            defaultValue={scalar(value) || (props.raw?.[field] ?? "")}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            dir="ltr"
          />
          {errorEl}
        </>,
      );
    }
    case "integer":
    case "decimal":
    case "date":
    case "time":
      return wrap(
        <>
          <label htmlFor={id}>{labelText}</label>
          {hintEl}
          <input
            id={id}
            name={field}
            type={node.type === "date" || node.type === "time" ? node.type : "text"}
            inputMode={node.type === "integer" ? "numeric" : node.type === "decimal" ? "decimal" : undefined}
            defaultValue={scalar(value) || (props.raw?.[field] ?? "")}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            dir="ltr"
          />
          {errorEl}
        </>,
      );
    default:
      return null;
  }
}

/** `rep[0]` → `rep.0` for field names. */
function prefixField(prefix: string): string {
  return prefix.replace(/\[(\d+)\]/g, ".$1");
}

/** The engine's error path: `name` or `repeat[i].name`. */
function pathKey(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

function scalar(v: AnswerValue | undefined): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

function languageNames(lang: string): (code: string) => string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang, "de"], { type: "language" });
  } catch {
    names = null;
  }
  return (code) => names?.of(code) ?? code;
}

/** The error summary of a questionnaire: each problem links to its question. */
export function SurveyErrorList({ errors }: { errors: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(errors).filter(([k]) => k.startsWith("q."));
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p>{t("surveys.errors_title", { count: entries.length })}</p>
      <ul>
        {entries.map(([k, m]) => (
          <li key={k}>
            <a href={`#${idOf(k.slice(2))}`}>{m}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Text direction of a form language (labels may be in a language other than the page's). */
export function surveyDir(lang: string): "rtl" | "ltr" {
  return /^(ar|fa|ur|ps|ckb|he)(-|$)/.test(lang) ? "rtl" : "ltr";
}

/** Where the offline queue reports (filled by /survey-queue.js; "#" is replaced by a number). */
export function QueueStatus() {
  const t = useT();
  return (
    <p
      id="survey-queue-status"
      className="notice notice-info"
      role="status"
      aria-live="polite"
      hidden
      data-msg-queued={t("surveys.queue_queued")}
      data-msg-sending={t("surveys.queue_sending")}
      data-msg-sent={t("surveys.queue_sent")}
      data-msg-conflict={t("surveys.queue_conflict")}
      data-msg-signin={t("surveys.queue_signin")}
    />
  );
}

/** What a page shows again after a submission that was not stored (see survey-form.server.ts). */
export type SurveyRedisplay = {
  values: Answers;
  hidden: string[];
  errors: Record<string, string>;
  counts: Record<string, number>;
  raw: Record<string, string>;
};

/**
 * The whole questionnaire form of a capture page (a case or a one-time link): the errors, the
 * native form with its submission id and version, the questions, and the offline queue. It posts
 * natively (never through the client router) so /survey-queue.js can keep it while offline.
 */
export function SurveyForm(props: {
  action: string;
  definition: FormDefinition;
  lang: string;
  formVersion: number;
  submissionId: string;
  again: SurveyRedisplay | null | undefined;
  errors: FormErrors | undefined;
  today: string;
  submitLabel: string;
  /** Fields before the questions (e.g. who answers). */
  children?: ReactNode;
}) {
  const again = props.again;
  return (
    <>
      {props.errors && !again?.errors ? <ErrorSummary errors={props.errors} /> : null}
      {again ? (
        <SurveyErrorList
          errors={Object.fromEntries(Object.entries(again.errors).map(([k, v]) => [`q.${k}`, v]))}
        />
      ) : null}
      <form
        method="post"
        action={props.action}
        noValidate
        data-survey-queue=""
        lang={props.lang}
        dir={surveyDir(props.lang)}
      >
        <input type="hidden" name="submissionId" value={props.submissionId} />
        <input type="hidden" name="formVersion" value={String(props.formVersion)} />
        {props.children}
        <SurveyFormFields
          definition={props.definition}
          lang={props.lang}
          values={again?.values ?? {}}
          errors={again?.errors ?? {}}
          hidden={again?.hidden ?? []}
          repeatCounts={again?.counts ?? {}}
          raw={again?.raw ?? {}}
          today={props.today}
        />
        <div className="actions">
          <button type="submit">{props.submitLabel}</button>
        </div>
      </form>
      <QueueStatus />
      <script async src="/survey-queue.js" />
    </>
  );
}

/** A survey's population in words, e.g. "assigned 2015 · aged 18 and over". */
export function populationText(
  t: (key: string, values?: Record<string, string | number>) => string,
  p: { assignedYear?: number | null; minAge?: number | null; openCasesOnly?: boolean },
): string {
  return [
    p.assignedYear
      ? t("surveys.population_assigned", { year: String(p.assignedYear) })
      : t("surveys.population_all"),
    p.minAge != null ? t("surveys.population_min_age", { age: p.minAge }) : null,
    p.openCasesOnly ? t("surveys.field_open_cases_only") : null,
  ]
    .filter((x): x is string => x !== null)
    .join(" · ");
}
