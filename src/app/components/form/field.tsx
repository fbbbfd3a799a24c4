import type { ReactNode } from "react";
import { type ErrorSource, fieldId, findError } from "./errors.ts";

/** What every field of the kit takes: its name, label, hint and where its errors are keyed. */
export type FieldBase = {
  /** The form field name; omit for inputs whose value travels otherwise (JSON editors). */
  name?: string | undefined;
  label: ReactNode;
  hint?: ReactNode;
  errors?: ErrorSource;
  /** Where this field's errors are keyed when it differs from `name` (e.g. "persons.0.givenName"). */
  errorPath?: string | readonly string[] | undefined;
  /** A message found by the caller; overrides the lookup in `errors`. */
  error?: string | undefined;
  id?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  className?: string | undefined;
  /** Hidden but kept in the form (e.g. a question that does not apply yet). */
  hidden?: boolean | undefined;
};

export type ResolvedField = {
  id: string;
  error: string | undefined;
  hintId: string | undefined;
  errorId: string | undefined;
  describedBy: string | undefined;
  /** An id for the wrapper so the error summary's link ("#f-<error path>") lands on this field. */
  anchor: string | undefined;
};

function pathsOf(props: FieldBase): string[] {
  const p = props.errorPath;
  if (p === undefined) return props.name ? [props.name] : [];
  return typeof p === "string" ? [p] : [...p];
}

/** Ids, message and aria-describedby of a field, shared by every control of the kit. */
export function resolveField(props: FieldBase): ResolvedField {
  const paths = pathsOf(props);
  // A named input keeps its name in its id ("f-smallCells.minCount"); a path-only one gets it sanitized.
  const id = props.id ?? (props.name ? `f-${props.name}` : fieldId(paths[0] ?? "field"));
  const found = props.error ? undefined : findError(props.errors, paths);
  const error = props.error ?? found?.message;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  // Only a field that shows a message needs the anchor; otherwise its id could clash with another field's.
  const anchorCandidate = found ? fieldId(found.key) : undefined;
  return {
    id,
    error,
    hintId,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
    anchor: anchorCandidate !== id ? anchorCandidate : undefined,
  };
}

export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

export function Hint({ id, children }: { id: string | undefined; children: ReactNode }) {
  return children ? (
    <p className="hint" id={id}>
      {children}
    </p>
  ) : null;
}

export function ErrorMessage({ id, message }: { id: string | undefined; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** Label, hint, control and message in the order screen readers and sighted users expect. */
export function FieldShell(props: {
  field: ResolvedField;
  label: ReactNode;
  hint?: ReactNode;
  className?: string | undefined;
  hidden?: boolean | undefined;
  children: ReactNode;
}) {
  const f = props.field;
  return (
    <div
      id={f.anchor}
      className={classes("field", props.className, f.error && "field-invalid")}
      hidden={props.hidden}
    >
      <label htmlFor={f.id}>{props.label}</label>
      <Hint id={f.hintId}>{props.hint}</Hint>
      {props.children}
      <ErrorMessage id={f.errorId} message={f.error} />
    </div>
  );
}

type Scalar = string | number | null | undefined;

/**
 * A text, number or multi-line field. Uncontrolled with `defaultValue` (plain forms that post
 * natively), controlled with `value` + `onChange` (editors that keep state).
 */
export function TextField(
  props: FieldBase & {
    type?:
      | "text"
      | "email"
      | "password"
      | "tel"
      | "url"
      | "search"
      | "number"
      | "time"
      | "date"
      | "datetime-local";
    multiline?: boolean;
    rows?: number;
    value?: Scalar;
    onChange?: (value: string) => void;
    defaultValue?: Scalar;
    maxLength?: number | undefined;
    minLength?: number | undefined;
    autoComplete?: string | undefined;
    inputMode?: "numeric" | "decimal" | "text" | "email" | "tel" | "url" | "search" | undefined;
    dir?: "auto" | "ltr" | "rtl" | undefined;
    min?: string | number | undefined;
    max?: string | number | undefined;
    step?: string | number | undefined;
    pattern?: string | undefined;
    placeholder?: string | undefined;
    spellCheck?: boolean | undefined;
    lang?: string | undefined;
    readOnly?: boolean | undefined;
  },
) {
  const f = resolveField(props);
  const onChange = props.onChange;
  const valueProps = onChange
    ? {
        value: props.value ?? "",
        onChange: (e: { target: { value: string } }) => onChange(e.target.value),
      }
    : { defaultValue: props.defaultValue ?? props.value ?? undefined };
  const common = {
    id: f.id,
    name: props.name,
    required: props.required,
    disabled: props.disabled,
    readOnly: props.readOnly,
    maxLength: props.maxLength,
    minLength: props.minLength,
    placeholder: props.placeholder,
    spellCheck: props.spellCheck,
    lang: props.lang,
    "aria-invalid": f.error ? true : undefined,
    "aria-describedby": f.describedBy,
    ...valueProps,
  } as const;
  return (
    <FieldShell
      field={f}
      label={props.label}
      hint={props.hint}
      className={props.className}
      hidden={props.hidden}
    >
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} dir={props.dir ?? "auto"} />
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          dir={props.dir}
          min={props.min}
          max={props.max}
          step={props.step}
          pattern={props.pattern}
        />
      )}
    </FieldShell>
  );
}

/**
 * A calendar date as ISO "YYYY-MM-DD": the browser's own date input, which is localized, works
 * without JavaScript and posts the ISO value (see decision 029).
 */
export function DateField(
  props: FieldBase & {
    value?: string | null | undefined;
    onChange?: (value: string) => void;
    defaultValue?: string | null | undefined;
    min?: string | undefined;
    max?: string | undefined;
  },
) {
  return <TextField {...props} type="date" dir="ltr" />;
}

/** A file upload; the form needs `encType="multipart/form-data"`. */
export function FileField(
  props: FieldBase & {
    accept?: string | undefined;
    multiple?: boolean | undefined;
    onChange?: (files: FileList | null) => void;
  },
) {
  const f = resolveField(props);
  const onChange = props.onChange;
  return (
    <FieldShell
      field={f}
      label={props.label}
      hint={props.hint}
      className={props.className}
      hidden={props.hidden}
    >
      <input
        id={f.id}
        name={props.name}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        required={props.required}
        disabled={props.disabled}
        onChange={onChange ? (e) => onChange(e.target.files) : undefined}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
      />
    </FieldShell>
  );
}
