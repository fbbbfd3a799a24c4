import { ADDRESS_IMPORT_MAX_BYTES } from "../../addresses/model.ts";
import type { AddressFileAnalysis, AddressService } from "../../addresses/service.ts";
import { type Coded, emptyResult, type ImportRunResult, MAX_ISSUES, PREVIEW_ROWS } from "../model.ts";
import type { ImportKindRunner } from "../service.ts";

/**
 * The address list (Hauskoordinaten or an OpenStreetMap extract, decision 095) as a run: rows
 * are the file's lines, columns its own column names. Replace or merge is the run's option,
 * chosen explicitly when it starts; the job calls the addresses service as the system.
 */
export function addressesImportRunner(addresses: Pick<AddressService, "asSystem">): ImportKindRunner {
  const { asSystem } = addresses;
  return {
    permission: "addresses.import",
    maxBytes: ADDRESS_IMPORT_MAX_BYTES,
    parseOptions: (raw) => asSystem.parseOptions(raw),
    async preview(tenantId, upload, _filename, progress) {
      const analysis = await asSystem.preview(tenantId, upload);
      await progress(analysis.totalRows, analysis.totalRows);
      return toResult(analysis);
    },
    async commit(tenantId, upload, _filename, progress, options) {
      const { analysis, written } = await asSystem.commit(tenantId, upload, asSystem.parseOptions(options));
      // Changed between preview and commit so that the file no longer fits: nothing written.
      if (!written) return toResult(analysis);
      await progress(analysis.totalRows, analysis.totalRows);
      return { ...emptyResult(true), committed: { ...written } };
    },
  };
}

function notices(a: AddressFileAnalysis): Coded[] {
  if (!a.format) return [];
  const out: Coded[] = [{ code: `addresses.format_${a.format}` }];
  if (a.crs) out.push({ code: "addresses.source_crs", params: { crs: a.crs } });
  if (a.encoding) out.push({ code: "addresses.source_encoding", params: { encoding: a.encoding } });
  return out;
}

function toResult(a: AddressFileAnalysis): ImportRunResult {
  const shown = a.addresses.slice(0, PREVIEW_ROWS);
  return {
    ok: a.ok,
    fileIssues: a.fileIssues,
    issues: a.issues.slice(0, MAX_ISSUES),
    issuesOmitted: Math.max(0, a.issues.length - MAX_ISSUES),
    notices: notices(a),
    warnings: a.warnings.slice(0, MAX_ISSUES),
    counts: { rows: a.totalRows, addresses: a.addresses.length, outside: a.outside, repeated: a.duplicates },
    columns: [
      "addresses.col_street",
      "addresses.col_house_number",
      "addresses.col_postcode",
      "addresses.col_locality",
      "addresses.col_lat",
      "addresses.col_lon",
    ],
    // The file's first valid rows as read (rows with errors are in the errors table with their column).
    rows: shown.map((r) => ({
      row: r.row,
      cells: [
        r.street,
        `${r.number}${r.suffix}`,
        r.postcode ?? "",
        r.locality ?? "",
        r.lat.toFixed(6),
        r.lon.toFixed(6),
      ],
      invalid: false,
    })),
    totalRows: a.totalRows,
    committed: null,
  };
}
