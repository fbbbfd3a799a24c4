/**
 * The framework module's public model (Handlungsrahmen): axis kinds, term fields, limits and
 * the views other modules and pages receive. Browser-safe: no table definitions, no database.
 */
import type { ResolvedText, TranslationCell } from "../translations/model.ts";

export const AXIS_KINDS = [
  "field_of_action",
  "life_phase",
  "integration_phase",
  "target_group",
  "offer_category",
  "cross_cutting_theme",
] as const;
export type AxisKind = (typeof AXIS_KINDS)[number];

/** Entity types under which framework texts live in content_translations. */
export const AXIS_ENTITY = "framework_axis";
export const TERM_ENTITY = "framework_term";
export const TERM_FIELDS = ["label", "description"] as const;
export type TermField = (typeof TERM_FIELDS)[number];

export const MAX_LABEL = 200;
export const MAX_DESCRIPTION = 2000;
export const MAX_TERM_CODE = 20;

export type FrameworkTerm = {
  id: string;
  axisId: string;
  key: string;
  code: string | null;
  sort: number;
  parentId: string | null;
  active: boolean;
  version: number;
  label: ResolvedText | null;
  description: ResolvedText | null;
};
export type FrameworkTermWithTranslations = FrameworkTerm & {
  /** Per language: the label/description cell (status "missing" when there is none). */
  translations: Record<string, Partial<Record<TermField, TranslationCell>>>;
};
export type FrameworkAxis<T extends FrameworkTerm = FrameworkTerm> = {
  id: string;
  key: string;
  kind: AxisKind;
  sort: number;
  label: ResolvedText | null;
  terms: T[];
};

/** A stable key from a German label: "Übergang in den Ruhestand" → "uebergang-in-den-ruhestand". */
export function slugify(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return s || "term";
}
