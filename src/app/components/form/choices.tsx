import type { ReactNode } from "react";
import { errorsUnder } from "./errors.ts";
import { classes, ErrorMessage, type FieldBase, Hint, resolveField } from "./field.tsx";
import type { Option } from "./select.tsx";

/** A single checkbox with its label after it (a yes/no question or a consent). */
export function Checkbox(
  props: Omit<FieldBase, "label"> & {
    label: ReactNode;
    value?: string;
    checked?: boolean;
    onChange?: (checked: boolean) => void;
    defaultChecked?: boolean | undefined;
  },
) {
  const f = resolveField(props);
  // One name may carry several checkboxes, so the value is part of the id (as in "f-consent-on").
  const id = props.id ?? (props.name ? `${f.id}-${props.value ?? "on"}` : f.id);
  const onChange = props.onChange;
  const checkedProps = onChange
    ? {
        checked: props.checked ?? false,
        onChange: (e: { target: { checked: boolean } }) => onChange(e.target.checked),
      }
    : { defaultChecked: props.defaultChecked ?? props.checked };
  const errorId = f.error ? `${id}-error` : undefined;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div
      id={f.anchor}
      className={classes("field field-checkbox", props.className, f.error && "field-invalid")}
    >
      <span className="choice">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? "on"}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={f.error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          {...checkedProps}
        />
        <label htmlFor={id}>{props.label}</label>
      </span>
      <Hint id={hintId}>{props.hint}</Hint>
      <ErrorMessage id={errorId} message={f.error} />
    </div>
  );
}

type GroupProps = Omit<FieldBase, "label"> & {
  /** The question the group answers; rendered as the fieldset's legend. */
  legend: ReactNode;
  options: readonly Option[];
  /** Class of the box around the options (e.g. a grid of many short labels). */
  optionsClassName?: string | undefined;
};

/**
 * One fieldset of native checkboxes (or radios) under one name: it posts the chosen values
 * without JavaScript, and every message at the group's path or below shows once under it.
 */
function ChoiceGroup(
  props: GroupProps & {
    type: "checkbox" | "radio";
    isChecked: (value: string) => boolean | undefined;
    controlled: boolean;
    onToggle: (value: string, on: boolean) => void;
  },
) {
  const f = resolveField({ ...props, label: props.legend });
  const path =
    typeof props.errorPath === "string" ? props.errorPath : (props.errorPath?.[0] ?? props.name ?? "");
  const messages = props.error ? [props.error] : errorsUnder(props.errors, path);
  const error = messages.length ? messages.join(" ") : undefined;
  const errorId = error ? `${f.id}-error` : undefined;
  const describedBy = [f.hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      id={f.id}
      tabIndex={-1}
      hidden={props.hidden}
      className={classes(
        "field choice-group",
        `${props.type}-group`,
        props.className,
        error && "field-invalid",
      )}
      aria-describedby={describedBy}
    >
      <legend>{props.legend}</legend>
      <Hint id={f.hintId}>{props.hint}</Hint>
      <div className={classes("choice-options", props.optionsClassName)}>
        {props.options.map((o) => {
          const id = `${f.id}-${o.value.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
          const checked = props.isChecked(o.value);
          return (
            <div className="choice" key={o.value} hidden={o.hidden}>
              <input
                type={props.type}
                id={id}
                name={props.name}
                value={o.value}
                disabled={props.disabled || o.disabled}
                required={props.type === "radio" ? props.required : undefined}
                aria-invalid={error ? true : undefined}
                {...(props.controlled
                  ? { checked: checked ?? false, onChange: (e) => props.onToggle(o.value, e.target.checked) }
                  : { defaultChecked: checked })}
              />
              <label htmlFor={id} lang={o.lang}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
      <ErrorMessage id={errorId} message={error} />
    </fieldset>
  );
}

/** Several answers from a list (languages, places, categories). */
export function CheckboxGroup(
  props: GroupProps & {
    value?: readonly string[];
    onChange?: (value: string[]) => void;
    defaultValue?: readonly string[] | undefined;
  },
) {
  const selected = props.value ?? props.defaultValue ?? [];
  const onChange = props.onChange;
  return (
    <ChoiceGroup
      {...props}
      type="checkbox"
      controlled={onChange !== undefined}
      isChecked={(v) => selected.includes(v)}
      onToggle={(v, on) => onChange?.(on ? [...selected, v] : selected.filter((x) => x !== v))}
    />
  );
}

/** One answer from a short list; for long lists use `Select` or `ComboBox`. */
export function RadioGroup(
  props: GroupProps & {
    value?: string | null | undefined;
    onChange?: (value: string) => void;
    defaultValue?: string | null | undefined;
  },
) {
  const selected = props.value ?? props.defaultValue;
  const onChange = props.onChange;
  return (
    <ChoiceGroup
      {...props}
      type="radio"
      controlled={onChange !== undefined}
      isChecked={(v) => selected === v}
      onToggle={(v, on) => (on ? onChange?.(v) : undefined)}
    />
  );
}
