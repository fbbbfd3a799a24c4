/**
 * Public statement templates (decision 080): the tenant writes one per crisis type and language,
 * with placeholders in braces that are filled from the crisis. Browser-safe (the plan form's
 * contract checks the placeholders).
 */
export const STATEMENT_PLACEHOLDERS = ["municipality", "date", "time", "type"] as const;
export type StatementValues = Record<(typeof STATEMENT_PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders in a template the module cannot fill, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(STATEMENT_PLACEHOLDERS);
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()).filter((p) => !known.has(p));
  return [...new Set(unknown)];
}

/** Fills a checked template; anything else in braces stays as written. */
export function fillStatement(text: string, values: StatementValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name.trim()) ? values[name.trim() as keyof StatementValues] : whole,
  );
}
