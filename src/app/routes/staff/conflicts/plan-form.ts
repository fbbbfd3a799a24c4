import { formString } from "../../../components/form/index.ts";

/**
 * Rows of a plan form without JavaScript: fields named `<prefix>.<i>.<field>`, a few empty rows
 * offered below the filled ones. Empty rows are dropped and the rest renumbered, so the error
 * paths the action returns match the rows the page shows again.
 */
export function formRows<F extends string>(
  form: FormData,
  prefix: string,
  fields: readonly F[],
  max: number,
): Record<F, string>[] {
  const rows: Record<F, string>[] = [];
  for (let i = 0; i < max + 5; i++) {
    const row = Object.fromEntries(fields.map((f) => [f, formString(form, `${prefix}.${i}.${f}`)])) as Record<
      F,
      string
    >;
    if (fields.some((f) => row[f].trim() !== "")) rows.push(row);
  }
  return rows;
}

/** A textarea with one entry a line. */
export const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The version the form read: 0 when the plan does not exist yet. */
export const formVersion = (form: FormData) => Number(formString(form, "version")) || 0;
