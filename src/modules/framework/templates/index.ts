import { herdeckeTemplate } from "./herdecke.ts";
import { luenenTemplate } from "./luenen.ts";
import { luenerDialogTemplate } from "./luener-dialog.ts";
import type { FrameworkTemplate } from "./types.ts";
import { unnaTemplate } from "./unna.ts";

export type { FrameworkTemplate, TemplateAxis, TemplateTerm, TemplateText } from "./types.ts";

const ALL: readonly FrameworkTemplate[] = [
  luenenTemplate,
  unnaTemplate,
  herdeckeTemplate,
  luenerDialogTemplate,
];

/** The templates a new tenant can start from (for the tenant-creation UI and the CLI). */
export const FRAMEWORK_TEMPLATES: readonly {
  key: string;
  name: string;
  description: string;
  nameKey: string;
  descriptionKey: string;
}[] = ALL.map(({ key, name, description, nameKey, descriptionKey }) => ({
  key,
  name,
  description,
  nameKey,
  descriptionKey,
}));

export const FRAMEWORK_TEMPLATE_KEYS: readonly string[] = ALL.map((t) => t.key);

export function frameworkTemplate(key: string): FrameworkTemplate | undefined {
  return ALL.find((t) => t.key === key);
}
