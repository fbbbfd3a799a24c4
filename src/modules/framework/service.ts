import { createTemplateApplier } from "./apply-template.ts";
import type { FrameworkDeps } from "./deps.ts";
import { createFrameworkReader } from "./read.ts";
import { createTermEditor } from "./terms.ts";

export type {
  CreateFrameworkTerm as CreateTermInput,
  FrameworkTermTranslation as TermTranslationInput,
  UpdateFrameworkTerm as UpdateTermInput,
} from "./contracts.ts";
export type { FrameworkDeps } from "./deps.ts";
export type { FrameworkAxis, FrameworkTerm, FrameworkTermWithTranslations, TermField } from "./model.ts";
export { AXIS_ENTITY, MAX_DESCRIPTION, MAX_LABEL, slugify, TERM_ENTITY, TERM_FIELDS } from "./model.ts";

/**
 * The Handlungsrahmen: reading it (read.ts), editing terms and their translations
 * (terms.ts), and applying a shipped template (apply-template.ts). One service to the rest
 * of Lotse; its parts are small files by sub-resource.
 */
export function createFrameworkService(deps: FrameworkDeps) {
  return {
    ...createFrameworkReader(deps),
    ...createTermEditor(deps),
    ...createTemplateApplier(deps),
  };
}
export type FrameworkService = ReturnType<typeof createFrameworkService>;
