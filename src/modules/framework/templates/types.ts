import type { AxisKind } from "../model.ts";

/** A text in German (the source) and the six other UI languages; shipped with status "draft". */
export type TemplateText = {
  de: string;
  en: string;
  ar: string;
  tr: string;
  ru: string;
  uk: string;
  fa: string;
};

export type TemplateTerm = {
  key: string;
  code?: string;
  label: TemplateText;
  description?: TemplateText;
};

export type TemplateAxis = {
  key: string;
  kind: AxisKind;
  label: TemplateText;
  terms: TemplateTerm[];
};

export type FrameworkTemplate = {
  key: string;
  /** German name, for the CLI and logs; the UI uses nameKey. */
  name: string;
  /** German description, for the CLI; the UI uses descriptionKey. */
  description: string;
  nameKey: string;
  descriptionKey: string;
  /** Which seed document it was taken from. */
  source: string;
  axes: TemplateAxis[];
};
