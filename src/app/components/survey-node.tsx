import type { ReactNode } from "react";
import { labelFor } from "#app/modules/surveys/engine.ts";
import type { Answers, FormNode } from "#app/modules/surveys/types.ts";
import { useT } from "../i18n.tsx";
import { QuestionInput } from "./survey-inputs.tsx";
import { idOf, pathKey, prefixField, type SurveyFormProps } from "./survey-shared.ts";

/**
 * One node of a questionnaire: notes, groups, repeats (one fieldset per instance, and a submit
 * button that adds one without JavaScript) and matrices here; single questions in `QuestionInput`.
 */
export function NodeView({
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
    default:
      return (
        <QuestionInput
          node={node}
          prefix={prefix}
          props={props}
          value={value}
          field={field}
          id={id}
          error={error}
          describedBy={describedBy}
          labelText={labelText}
          hint={hint || undefined}
          hintEl={hintEl}
          errorEl={errorEl}
          isHidden={isHidden}
          wrap={wrap}
        />
      );
  }
}
