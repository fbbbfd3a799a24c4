import type { SiteImportOptions } from "../../accommodation/contracts.ts";
import { SITE_IMPORT_LIMITS } from "../../accommodation/model.ts";
import type { AccommodationService } from "../../accommodation/service.ts";
import {
  type Coded,
  emptyResult,
  type ImportRunResult,
  MAX_ISSUES,
  PREVIEW_ROWS,
  type RowIssue,
} from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

type Analysis = Awaited<ReturnType<AccommodationService["siteImport"]["preview"]>>;

/**
 * Candidate sites of the site selection from a GeoJSON file (decision 104): rows are features,
 * columns their properties (or `geometry`); the options (CRS, attribute mapping, criterion
 * values) are validated when the run starts and stored with it.
 */
export function accommodationSitesImportRunner(
  accommodation: Pick<AccommodationService, "siteImport">,
): ImportKindRunner {
  const { siteImport } = accommodation;
  return {
    permission: "accommodation.sites.manage",
    maxBytes: SITE_IMPORT_LIMITS.maxBytes,
    parseOptions: (raw) => siteImport.parseOptions(raw),
    async preview(tenantId, upload, _filename, progress, options) {
      const analysis = await siteImport.preview(tenantId, upload, options as SiteImportOptions);
      await progress(analysis.features.length, analysis.features.length);
      return toResult(analysis);
    },
    async commit(tenantId, upload, _filename, progress, options) {
      const { analysis, written } = await siteImport.commit(tenantId, upload, options as SiteImportOptions);
      // Changed between preview and commit so that the file no longer fits: nothing written.
      if (!written) return toResult(analysis);
      await progress(written.created, written.created);
      return { ...emptyResult(true), committed: { ...written } };
    },
  };
}

/** What was read: the coordinate system and which property fills which field. */
function notices(a: Analysis): Coded[] {
  const out: Coded[] = [];
  if (a.crs)
    out.push(
      a.crs.declared
        ? { code: "accommodation.import_crs", params: { crs: `EPSG:${a.crs.epsg}` } }
        : { code: "accommodation.import_crs_default" },
    );
  const m = a.mapping;
  if (m)
    out.push({
      code: "accommodation.import_mapping",
      params: {
        name: m.name ?? "–",
        capacity: m.capacity ?? "–",
        existing: m.existing ?? "–",
        note: m.note ?? "–",
        values: m.values.length ? m.values.map(([p, c]) => `${p} → ${c}`).join(", ") : "–",
      },
    });
  return out;
}

function toResult(a: Analysis): ImportRunResult {
  const issues: RowIssue[] = a.features.flatMap((f) =>
    f.errors.map((e) => ({
      row: f.index + 1,
      column: e.field,
      code: `validation.${e.code}`,
      params: e.params,
    })),
  );
  const shown = [...a.features]
    .sort((x, y) => Number(y.errors.length > 0) - Number(x.errors.length > 0) || x.index - y.index)
    .slice(0, PREVIEW_ROWS);
  return {
    ok: a.ok,
    fileIssues: a.fileErrors.map((e) => ({ code: `validation.${e.code}`, params: e.params })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, issues.length - MAX_ISSUES),
    notices: notices(a),
    warnings: [],
    counts: { rows: a.features.length, invalid: a.features.filter((f) => f.errors.length).length },
    columns: [
      "accommodation.import_col_name",
      "accommodation.import_col_capacity",
      "accommodation.import_col_area",
      "accommodation.import_col_geometry",
    ],
    rows: shown.map((f) => ({
      row: f.index + 1,
      cells: [
        f.name ?? "",
        f.capacity === null ? "" : String(f.capacity),
        a.areaNames[f.index] ?? "",
        f.geometry ? { code: `accommodation.import_geometry_${f.geometry.type.toLowerCase()}` } : "",
      ],
      invalid: f.errors.length > 0,
    })),
    totalRows: a.features.length,
    committed: null,
  };
}
