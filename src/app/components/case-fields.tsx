import type { FormErrors } from "../server/guard.server.ts";

/**
 * Form fields for case work (select, textarea, checkbox, input) whose error is found by field
 * path prefix: an error on "persons.0.languages.1.level" shows at the field "persons.0.languages".
 */
export function errorAt(errors: FormErrors | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors.fields[name]) return errors.fields[name];
  const key = Object.keys(errors.fields).find((k) => k.startsWith(`${name}.`));
  return key ? errors.fields[key] : undefined;
}

type Common = {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FormErrors | undefined;
  /** The error path when it differs from the input name (e.g. "persons.0.givenName" for "p0_givenName"). */
  errorPath?: string;
  id?: string;
  required?: boolean;
};

function described(id: string, hint: string | undefined, error: string | undefined) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Wrap(props: Common & { id: string; error: string | undefined; children: React.ReactNode }) {
  return (
    <div className={props.error ? "field field-invalid" : "field"}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function InputField(
  props: Common & {
    type?: string;
    defaultValue?: string | number | null | undefined;
    maxLength?: number;
    dir?: "ltr" | "rtl" | "auto";
    inputMode?: "numeric" | "decimal" | "text";
    step?: string;
    min?: string | number;
    max?: string | number;
  },
) {
  const id = props.id ?? `f-${props.name}`;
  const error = errorAt(props.errors, props.errorPath ?? props.name);
  return (
    <Wrap {...props} id={id} error={error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        maxLength={props.maxLength}
        dir={props.dir}
        inputMode={props.inputMode}
        step={props.step}
        min={props.min}
        max={props.max}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, props.hint, error)}
      />
    </Wrap>
  );
}

export function SelectField(
  props: Common & {
    options: readonly { value: string; label: string }[];
    defaultValue?: string | null | undefined;
    /** Label of an empty first option ("—"); none when omitted. */
    empty?: string;
  },
) {
  const id = props.id ?? `f-${props.name}`;
  const error = errorAt(props.errors, props.errorPath ?? props.name);
  return (
    <Wrap {...props} id={id} error={error}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, props.hint, error)}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function TextAreaField(
  props: Common & { defaultValue?: string | null | undefined; maxLength?: number; rows?: number },
) {
  const id = props.id ?? `f-${props.name}`;
  const error = errorAt(props.errors, props.errorPath ?? props.name);
  return (
    <Wrap {...props} id={id} error={error}>
      <textarea
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        maxLength={props.maxLength}
        rows={props.rows ?? 4}
        dir="auto"
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, props.hint, error)}
      />
    </Wrap>
  );
}

export function CheckboxField(props: {
  name: string;
  label: string;
  value?: string;
  defaultChecked?: boolean;
  id?: string;
  hint?: string;
}) {
  const id = props.id ?? `f-${props.name}-${props.value ?? "on"}`;
  return (
    <div className="field field-checkbox">
      <span>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? "on"}
          defaultChecked={props.defaultChecked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />{" "}
        <label htmlFor={id}>{props.label}</label>
      </span>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Reads a form field as a string ("" when missing or a file). */
export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}
