import type { ReactNode } from "react";
import type { FormErrors } from "../server/guard.server.ts";

/** A labelled input with its error message tied to it for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | undefined;
  required?: boolean;
  autoComplete?: string;
  hint?: string;
  errors?: FormErrors | undefined;
  maxLength?: number;
  inputMode?: "numeric" | "text" | "email";
  dir?: "auto" | "ltr" | "rtl";
}) {
  const id = `f-${props.name}`;
  const error = props.errors?.fields[props.name];
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        dir={props.dir}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The summary at the top of a form after a failed submit; focusable so it is announced. */
export function FormErrorSummary({ errors }: { errors: FormErrors | undefined }) {
  if (!errors) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p>{errors.title}</p>
    </div>
  );
}

export function Notice({
  kind = "info",
  children,
}: {
  kind?: "info" | "success" | "warning";
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}
