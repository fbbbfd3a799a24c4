import type { z } from "zod";
import type { Translate } from "#app/i18n/translator.ts";
import { AppError, type FieldError } from "./errors.ts";

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  requestId?: string;
  [key: string]: unknown;
};

/** RFC 9457 problem document with messages in the reader's language. */
export function toProblem(err: AppError, t: Translate, requestId?: string): ProblemDocument {
  const doc: ProblemDocument = {
    type: `urn:lotse:problem:${err.code}`,
    title: t(`errors.${err.code}`, err.params),
    status: err.status,
    code: err.code,
  };
  if (err.fields.length) {
    doc.errors = err.fields.map((f) => ({
      field: f.field,
      code: f.code,
      message: t(`validation.${f.code}`, f.params),
    }));
  }
  if (err.extra) Object.assign(doc, err.extra);
  if (requestId) doc.requestId = requestId;
  return doc;
}

/** Maps zod issues to our stable field codes so messages come from the catalogs, not from zod. */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldError[] {
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
        return issue.input === undefined || issue.input === null
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

export function validationError(issues: readonly z.core.$ZodIssue[], prefix = ""): AppError {
  return AppError.validation(zodIssuesToFields(issues, prefix));
}
