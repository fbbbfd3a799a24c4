/**
 * The input contract every module builds on (decision 019): zod primitives with their real
 * ranges, and `parseInput`, the one way a page action or job turns untrusted input into a
 * service method's typed argument. API routes get the same schema validated by OpenAPIHono.
 *
 * Browser-safe: no database, no Node APIs, so page components and `model.ts` files may import it.
 */
import { z } from "zod";
import { AppError, type FieldError } from "./errors.ts";

/** PostgreSQL `integer`: anything beyond is a 400 at the field, never a 500 from the database. */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** An integer that fits the column it ends up in. */
export const int32 = () => z.number().int().min(INT32_MIN).max(INT32_MAX);

/** The optimistic-locking version a client read and sends back. */
export const version = () => z.number().int().min(1).max(INT32_MAX);

/**
 * Characters no text in Lotse may contain (decision 020): C0 controls except TAB, LF and CR,
 * DEL, C1 controls, and lone UTF-16 surrogates (not Unicode text; they would be stored as U+FFFD).
 * PostgreSQL cannot store NUL at all. Refused with a field error, never stripped silently.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;
export const hasForbiddenChars = (s: string): boolean => FORBIDDEN_CHARS.test(s);

/** How deep an input may nest (JSON bodies, form data turned into objects). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Every place in an untrusted value that breaks the text rule: strings and object keys with
 * forbidden characters, `__proto__` keys, nesting deeper than MAX_INPUT_DEPTH. One entry per
 * field, named by its dotted path (prefixed), so the reader sees where.
 */
export function inputBoundaryErrors(input: unknown, prefix = ""): FieldError[] {
  const out: FieldError[] = [];
  const name = (path: string[]) => [prefix, ...path].filter(Boolean).join(".") || "_";
  const walk = (value: unknown, path: string[], depth: number) => {
    if (out.length >= 20) return;
    if (typeof value === "string") {
      if (hasForbiddenChars(value)) out.push({ field: name(path), code: "control_characters" });
      return;
    }
    if (value === null || typeof value !== "object") return;
    if (depth > MAX_INPUT_DEPTH) {
      out.push({ field: name(path), code: "too_deep", params: { max: MAX_INPUT_DEPTH } });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], [...path, String(i)], depth + 1);
      return;
    }
    if (value instanceof Blob || value instanceof Date) return;
    for (const key of Object.keys(value)) {
      const keyName = hasForbiddenChars(key) ? "?" : key;
      if (key === "__proto__") out.push({ field: name([...path, keyName]), code: "unknown_field" });
      else if (keyName === "?") out.push({ field: name([...path, keyName]), code: "control_characters" });
      else walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  walk(input, [], 0);
  return out;
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** A string that keeps the text rule, for schemas parsed outside `parseInput` too. */
export const text = () =>
  z.string().refine((s) => !hasForbiddenChars(s), { error: "code:control_characters" });
/** Required single-line or multi-line text, trimmed. */
export const requiredText = (max: number) => text().trim().min(1).max(max);
/** Optional text; an empty form field counts as "not given" and becomes null. */
export const optionalText = (max: number) =>
  z.preprocess(blankToNull, text().trim().max(max).nullish()).transform((v) => v ?? null);
export const isoDate = () => z.iso.date({ error: "code:invalid_date" });
export const optionalDate = () => z.preprocess(blankToNull, isoDate().nullish()).transform((v) => v ?? null);
export const optionalUuid = () => z.preprocess(blankToNull, z.uuid().nullish()).transform((v) => v ?? null);
/** A number from JSON or from a form field ("12" → 12), within bounds; empty → null. */
export const optionalNumber = (min: number, max: number) =>
  z
    .preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
      z.number().min(min).max(max).nullable(),
    )
    .transform((v) => v ?? null);

/** Zod issue → our stable field code (messages come from the catalogs, never from zod). */
export function issuesToFields(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldError[] {
  return issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    // A schema can name its own catalog code: .regex(re, { error: "code:slug_format" }).
    if (issue.message?.startsWith("code:")) return { field, code: issue.message.slice(5) };
    switch (issue.code) {
      case "too_big":
        return issue.origin === "string"
          ? { field, code: "too_long", params: { max: Number(issue.maximum) } }
          : { field, code: "too_big", params: { max: Number(issue.maximum) } };
      case "too_small":
        if (issue.origin === "string" && Number(issue.minimum) === 1) return { field, code: "required" };
        return issue.origin === "string"
          ? { field, code: "too_short", params: { min: Number(issue.minimum) } }
          : { field, code: "too_small", params: { min: Number(issue.minimum) } };
      case "invalid_type":
        // zod 4 leaves the input out of its issues unless asked; its message names what it got.
        return issue.input === null || /received (undefined|null)$/.test(issue.message ?? "")
          ? { field, code: "required" }
          : { field, code: "invalid_type" };
      case "invalid_format":
        return { field, code: issue.format === "email" ? "invalid_email" : "invalid_format" };
      case "invalid_value":
        return { field, code: "invalid_choice" };
      case "unrecognized_keys":
        return { field, code: "unknown_field" };
      case "custom":
        return { field, code: (issue.params?.code as string | undefined) ?? "invalid", params: issue.params };
      default:
        return { field, code: "invalid" };
    }
  });
}

/**
 * Parses untrusted input with an operation's schema. Failure is an `AppError` with one entry
 * per field (prefixed, e.g. `persons.2.birthDate`), so pages show each message at its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  // The text rule first (decision 020): a field with control characters gets that message, not
  // whatever its schema would say about the rest of it.
  const refused = inputBoundaryErrors(input, prefix);
  const r = schema.safeParse(input);
  if (refused.length) {
    const named = new Set(refused.map((f) => f.field));
    const rest = r.success ? [] : issuesToFields(r.error.issues, prefix).filter((f) => !named.has(f.field));
    throw AppError.validation([...refused, ...rest]);
  }
  if (!r.success) throw AppError.validation(issuesToFields(r.error.issues, prefix));
  return r.data;
}
