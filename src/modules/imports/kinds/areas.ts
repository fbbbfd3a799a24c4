import { isAppError } from "../../../server/errors.ts";
import { parseInput } from "../../../server/validation.ts";
import { type AreaImportOptions, areaImportOptions } from "../../areas/contracts.ts";
import { IMPORT_LIMITS, LEVEL_LABEL_KEYS } from "../../areas/model.ts";
import type { AreaService } from "../../areas/service.ts";
import {
  type Coded,
  emptyResult,
  type ImportRunResult,
  MAX_ISSUES,
  PREVIEW_ROWS,
  type RowIssue,
} from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

const SYSTEM = { kind: "system" } as const;
type ImportAnalysis = Awaited<ReturnType<AreaService["previewImport"]>>;

/**
 * The area import as a run (GeoJSON, a zipped Shapefile, a GeoPackage; decision 044): rows are
 * features, columns their properties; the options (CRS, layer, attribute mapping, level, swapped
 * axes, repairs) are validated when the run starts and stored with it.
 */
export function areasImportRunner(
  areas: Pick<AreaService, "previewImport" | "commitImport">,
): ImportKindRunner {
  return {
    permission: "areas.import",
    maxBytes: IMPORT_LIMITS.maxBytes,
    parseOptions: (raw) => parseInput(areaImportOptions, raw),
    // The bytes as they came: the reader recognises GeoJSON, ZIP and GeoPackage by their content.
    async preview(tenantId, upload, _filename, progress, options) {
      const analysis = await areas.previewImport(SYSTEM, tenantId, upload, options as AreaImportOptions);
      await progress(analysis.features.length, analysis.features.length);
      return toResult(analysis);
    },
    async commit(tenantId, upload, _filename, progress, options) {
      const opts = options as AreaImportOptions;
      try {
        const written = await areas.commitImport(SYSTEM, tenantId, upload, opts);
        const total = written.created + written.updated + written.unchanged;
        await progress(total, total);
        return { ...emptyResult(true), committed: { ...written } };
      } catch (e) {
        // Changed between preview and commit so that the file no longer fits: nothing written.
        if (isAppError(e) && e.code === "validation_failed") {
          return toResult(await areas.previewImport(SYSTEM, tenantId, upload, opts));
        }
        throw e;
      }
    },
  };
}

/** What Lotse read from a GIS file: format, layer, CRS and the attribute mapping, as notices. */
function notices(a: ImportAnalysis): Coded[] {
  const s = a.source;
  if (!s) return [];
  const out: Coded[] = [{ code: `areas.source_format_${s.format}` }];
  if (s.layer)
    out.push({ code: "areas.source_layer", params: { layer: s.layer, layers: s.layers.join(", ") } });
  out.push(
    s.crs ? { code: "areas.source_crs", params: { crs: s.crs } } : { code: "areas.source_crs_default" },
  );
  if (s.encoding) out.push({ code: "areas.source_encoding", params: { encoding: s.encoding } });
  const m = s.mapping;
  out.push({
    code: "areas.source_mapping",
    params: { code: m.code ?? "–", name: m.name ?? "–", level: m.level ?? "–", parent: m.parent ?? "–" },
  });
  return out;
}

/** Warnings and repairs per feature: shown, never blocking (a repair is applied only when accepted). */
function warnings(a: ImportAnalysis): RowIssue[] {
  const out: RowIssue[] = [];
  a.extras?.forEach((x, index) => {
    for (const w of x.warnings)
      out.push({ row: index + 1, column: w.field, code: `validation.${w.code}`, params: w.params });
    if (x.repair)
      out.push({
        row: index + 1,
        column: "geometry",
        code: x.repair.applied ? "validation.gis_repair_applied" : "validation.gis_repair_proposed",
        lists: { fixes: x.repair.fixes.map((fix) => `validation.gis_fix_${fix}`) },
      });
  });
  return out;
}

/**
 * The column a feature's problem names, in the file's own terms: a GeoJSON property path as
 * written, a Shapefile's or GeoPackage's attribute by its name (the checks speak of Lotse's
 * `properties.level`; the file may call it `STB_EBENE`, or have no such attribute at all, when
 * the mapping or the level option is where to fix it).
 */
function columnOf(field: string, source: ImportAnalysis["source"]): string {
  const key = /^properties\.(code|name|level|parent)$/.exec(field)?.[1] as
    | "code"
    | "name"
    | "level"
    | "parent"
    | undefined;
  if (!key || !source) return field;
  const attr = source.mapping[key];
  if (source.format === "geojson") return attr ? `properties.${attr}` : field;
  return attr ?? key;
}

function toResult(a: ImportAnalysis): ImportRunResult {
  const issues: RowIssue[] = [];
  for (const f of a.features) {
    for (const e of f.errors)
      issues.push({
        row: f.index + 1,
        column: columnOf(e.field, a.source),
        code: `validation.${e.code}`,
        params: e.params,
      });
  }
  const warned = warnings(a);
  const shown = [...a.features]
    .sort((x, y) => Number(y.errors.length > 0) - Number(x.errors.length > 0) || x.index - y.index)
    .slice(0, PREVIEW_ROWS);
  return {
    ok: a.ok,
    fileIssues: a.fileErrors.map((e) => ({ code: `validation.${e.code}`, params: e.params })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, issues.length - MAX_ISSUES),
    notices: notices(a),
    warnings: warned.slice(0, MAX_ISSUES),
    counts: { ...a.counts },
    columns: ["areas.col_code", "areas.col_name", "areas.col_level", "areas.col_parent", "areas.col_action"],
    rows: shown.map((f) => ({
      row: f.index + 1,
      cells: [
        f.code ?? "",
        f.name ?? "",
        f.level ? { code: LEVEL_LABEL_KEYS[f.level] } : "",
        f.parentCode ?? { code: "areas.no_parent" },
        { code: `areas.action_${f.action}` },
      ],
      invalid: f.errors.length > 0,
    })),
    totalRows: a.features.length,
    committed: null,
  };
}
