import type { z } from "zod";
import type { Translate } from "#app/i18n/translator.ts";
import { AppError } from "./errors.ts";
import { issuesToFields } from "./validation.ts";

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
export const zodIssuesToFields = issuesToFields;

export function validationError(issues: readonly z.core.$ZodIssue[], prefix = ""): AppError {
  return AppError.validation(zodIssuesToFields(issues, prefix));
}
