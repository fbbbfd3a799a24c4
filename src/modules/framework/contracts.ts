/**
 * The framework module's contracts (decision 019): one zod schema per operation, shared by
 * the API routes (and so the OpenAPI document), the staff pages and the typed service
 * methods; and the views the API returns. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { int32, requiredText, version } from "../../server/validation.ts";
import {
  contentLanguage,
  resolvedTextView,
  settableStatus,
  translationCellView,
  translationStatus,
} from "../translations/contracts.ts";
import { AXIS_KINDS, MAX_DESCRIPTION, MAX_LABEL, MAX_TERM_CODE, TERM_FIELDS } from "./model.ts";

const termId = z.uuid({ error: "code:invalid" });
const optionalTrimmed = (max: number) => z.string().trim().max(max).optional();

/** GET /framework */
export const frameworkListQuery = z.object({
  lang: contentLanguage
    .optional()
    .meta({ description: "Content language; defaults to the reader's language" }),
});

/** POST /framework/terms and the framework page's "add a term" form. */
export const createFrameworkTermInput = z.object({
  axisId: termId,
  label: requiredText(MAX_LABEL).meta({ description: "German source label" }),
  description: optionalTrimmed(MAX_DESCRIPTION),
  code: optionalTrimmed(MAX_TERM_CODE),
  key: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "code:slug_format" })
    .optional()
    .or(z.literal("").transform(() => undefined))
    .meta({ description: "Stable machine name; derived from the label when absent" }),
  parentId: termId.nullish(),
});
export type CreateFrameworkTerm = z.output<typeof createFrameworkTermInput>;

/** PATCH /framework/terms/{id} and the term page's source form: absent fields stay as they are. */
export const updateFrameworkTermInput = z.object({
  version: version(),
  label: requiredText(MAX_LABEL).optional(),
  description: optionalTrimmed(MAX_DESCRIPTION).meta({ description: "Empty string removes it" }),
  code: optionalTrimmed(MAX_TERM_CODE),
  sort: int32().min(0).max(100_000).optional(),
  parentId: termId.nullish(),
  active: z.boolean().optional(),
});
export type UpdateFrameworkTerm = z.output<typeof updateFrameworkTermInput>;

/** The new order of all terms of an axis, each with the version read. */
export const reorderFrameworkTermsInput = z.array(z.object({ id: termId, version: version() })).max(10_000);
export type ReorderFrameworkTerms = z.output<typeof reorderFrameworkTermsInput>;

export const termIdParams = z.object({ id: z.uuid() });
/** A term and one content language (path of the translation operation). */
export const termLanguageParams = z.object({ id: z.uuid(), lang: contentLanguage });

/** PUT /framework/terms/{id}/translations/{lang} and the term page's translation forms. */
export const frameworkTermTranslationInput = z
  .object({
    field: z.enum(TERM_FIELDS),
    text: requiredText(MAX_DESCRIPTION),
    status: settableStatus,
    version: int32().min(0).meta({ description: "Version of the translation read; 0 if missing" }),
  })
  .superRefine((v, ctx) => {
    // A label is shorter than a description.
    if (v.field === "label" && v.text.length > MAX_LABEL) {
      ctx.addIssue({
        code: "too_big",
        origin: "string",
        maximum: MAX_LABEL,
        inclusive: true,
        path: ["text"],
        input: v.text,
      });
    }
  });
export type FrameworkTermTranslation = z.output<typeof frameworkTermTranslationInput>;

const termFields = {
  id: z.string(),
  axisId: z.string(),
  key: z.string(),
  code: z.string().nullable(),
  sort: z.number().int(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
};

/** A term as written (the answer to create and update). */
export const frameworkTermSavedView = z.object(termFields);

export const frameworkTermView = z.object({
  ...termFields,
  label: resolvedTextView.nullable(),
  description: resolvedTextView.nullable(),
  translations: z.record(
    z.string(),
    z.object({ label: translationCellView.optional(), description: translationCellView.optional() }),
  ),
});

export const frameworkView = z.object({
  lang: contentLanguage,
  axes: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      kind: z.enum(AXIS_KINDS),
      sort: z.number().int(),
      label: resolvedTextView.nullable(),
      terms: z.array(frameworkTermView),
    }),
  ),
});

export const frameworkTermTranslationSavedView = z.object({
  lang: contentLanguage,
  field: z.enum(TERM_FIELDS),
  status: translationStatus,
  version: z.number().int(),
});
