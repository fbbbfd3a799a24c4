import type { FormErrors } from "../../server/guard.server.ts";

/** Field messages keyed by their path ("persons.0.givenName", "openingHours.weekly.1.0.closes"). */
export type FieldErrors = Record<string, string>;

/** What a form component accepts as its errors: an action's `FormErrors` or the bare field map. */
export type ErrorSource = FormErrors | FieldErrors | undefined;

export function isFormErrors(errors: ErrorSource): errors is FormErrors {
  return (
    errors !== undefined &&
    typeof (errors as FormErrors).fields === "object" &&
    typeof (errors as FormErrors).title === "string"
  );
}

/** The per-field messages of either error shape. */
export function fieldErrors(errors: ErrorSource): FieldErrors {
  if (!errors) return {};
  return isFormErrors(errors) ? errors.fields : errors;
}

/** The element id of a field (or its anchor) for an input name or error path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

/**
 * The first message at one of `paths` or below it: an error on "persons.0.languages.1.level"
 * shows at the field "persons.0.languages". Exact matches win over nested ones.
 */
export function findError(
  errors: ErrorSource,
  paths: readonly string[],
): { key: string; message: string } | undefined {
  const fields = fieldErrors(errors);
  for (const p of paths) if (fields[p]) return { key: p, message: fields[p] };
  for (const p of paths) {
    const key = Object.keys(fields).find((k) => k.startsWith(`${p}.`) && fields[k]);
    if (key) return { key, message: fields[key] as string };
  }
  return undefined;
}

/** All distinct messages at a path or below it (for groups such as a set of checkboxes). */
export function errorsUnder(errors: ErrorSource, path: string): string[] {
  const fields = fieldErrors(errors);
  const found = Object.entries(fields)
    .filter(([k, v]) => v && (k === path || k.startsWith(`${path}.`)))
    .map(([, v]) => v);
  return [...new Set(found)];
}
