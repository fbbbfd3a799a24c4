import fs from "node:fs/promises";
import type { Translate } from "#app/i18n/translator.ts";
import { isAppError } from "#app/server/errors.ts";
import type { ImportCommitResult } from "./model.ts";
import type { AreaService } from "./service.ts";
import { IMPORT_LIMITS, type ImportAnalysis } from "./validate.ts";

export type ImportFileOutcome = {
  /** True when the file is valid (and, without dryRun, was imported). */
  ok: boolean;
  dryRun: boolean;
  analysis: ImportAnalysis;
  /** Set when the import was written. */
  committed: ImportCommitResult | null;
};

/**
 * The building block of `npm run lotse -- import-areas <tenant> <file> [--dry-run]`: previews
 * a GeoJSON file, zipped Shapefile or GeoPackage (with Lotse's attribute names or detected
 * ones, decision 044) and, unless dryRun, imports it all-or-nothing (audited as a CLI action).
 * Invalid content never throws: the outcome carries the per-feature errors. A file that
 * cannot be read (missing, a directory) throws the file system's error for the CLI to print.
 */
export async function importAreasFile(
  services: { areas: Pick<AreaService, "previewImport" | "commitImport"> },
  tenantId: string,
  filePath: string,
  opts: { dryRun: boolean },
): Promise<ImportFileOutcome> {
  const stat = await fs.stat(filePath);
  if (stat.size > IMPORT_LIMITS.maxBytes) {
    const analysis: ImportAnalysis = {
      ok: false,
      fileErrors: [
        {
          field: "file",
          code: "geojson_file_too_large",
          params: { maxMb: IMPORT_LIMITS.maxBytes / 2 ** 20 },
        },
      ],
      features: [],
      counts: { create: 0, update: 0, unchanged: 0, invalid: 0 },
    };
    return { ok: false, dryRun: opts.dryRun, analysis, committed: null };
  }
  // Bytes, not text: a zipped Shapefile or a GeoPackage is read as well as GeoJSON.
  const text = new Uint8Array(await fs.readFile(filePath));
  const actor = { kind: "cli" } as const;
  const analysis = await services.areas.previewImport(actor, tenantId, text);
  if (!analysis.ok || opts.dryRun) return { ok: analysis.ok, dryRun: opts.dryRun, analysis, committed: null };
  try {
    const committed = await services.areas.commitImport(actor, tenantId, text);
    return { ok: true, dryRun: false, analysis, committed };
  } catch (e) {
    // Someone changed the areas between preview and commit so that the file no longer fits.
    if (isAppError(e) && e.code === "validation_failed") {
      const again = await services.areas.previewImport(actor, tenantId, text);
      return { ok: false, dryRun: false, analysis: again, committed: null };
    }
    throw e;
  }
}

/** Human-readable lines for the CLI, in the translator's language (messages from the catalogs). */
export function describeImportOutcome(outcome: ImportFileOutcome, t: Translate): string[] {
  const lines: string[] = [];
  for (const e of outcome.analysis.fileErrors) lines.push(t(`validation.${e.code}`, e.params));
  for (const f of outcome.analysis.features) {
    for (const e of f.errors) {
      lines.push(
        `#${f.index + 1}${f.code ? ` (${f.code})` : ""} ${e.field}: ${t(`validation.${e.code}`, e.params)}`,
      );
    }
  }
  const c = outcome.analysis.counts;
  lines.push(t("areas.preview_summary", c));
  if (outcome.committed) lines.push(t("areas.committed", outcome.committed));
  else if (!outcome.ok) lines.push(t("areas.preview_invalid"));
  return lines;
}
