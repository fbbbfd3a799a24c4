import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { readTableOffThread } from "../../server/tabular.ts";
import type { Actor } from "../audit/model.ts";
import {
  checkDataValues,
  DATA_VALUE_SETS_MAX_OUT,
  type DataValueOut,
  DataValueSetInput,
  type DataValueSetQuery,
  dataValueSetOptions,
  type ImportSummary,
  importSummary,
  toDataValues,
  withSetDefaults,
} from "./data-value-sets.ts";
import {
  areaFinder,
  checkPeriod,
  elementFinder,
  IMPORT_COLUMNS,
  IMPORT_MAX_VALUES,
  type ImportIssue,
  type ParsedValue,
  parseImportTable,
} from "./import-parse.ts";
import { importRepo } from "./import-repo.ts";
import {
  createImportWriter,
  type ImportResult,
  type ImportWriteDeps,
  type PeriodSummary,
} from "./import-write.ts";
import type { ElementDimensions } from "./schema.ts";

/** Files up to 12 MB (the page carries the previewed file back base64-encoded, under the 20 MB body limit). */
export const IMPORT_MAX_BYTES = 12 * 1024 * 1024;
/** Parsed rows shown in a preview. */
export const PREVIEW_ROWS = 20;
/** Errors listed in a preview (all are counted). */
export const PREVIEW_MAX_ERRORS = 500;

export type { ImportIssue, ImportResult, PeriodSummary };
export { IMPORT_COLUMNS, IMPORT_MAX_VALUES };

export type ImportPreview = {
  /** True when the file can be imported as it is. */
  ok: boolean;
  fileFormat: "csv" | "xlsx" | null;
  encoding: "utf-8" | "windows-1252" | null;
  /** long: one value per row; wide: one column per element. */
  layout: "long" | "wide" | null;
  valueCount: number;
  periods: PeriodSummary[];
  /** The first parsed values, as read. */
  rows: { row: number; area: string; period: string; element: string; breakdown: string; value: number }[];
  errors: ImportIssue[];
  errorCount: number;
};

type Deps = ImportWriteDeps;

export function createMonitoringImportService(deps: Deps) {
  const { db } = deps;
  const { contextOf, summarise, write } = createImportWriter(deps);

  function ensureTenant(principal: Principal, tenantId: string) {
    authorize(principal, "monitoring.data.manage");
    if (principal.tenantId !== tenantId) throw AppError.forbidden();
  }

  async function analyse(
    tenantId: string,
    file: { name: string; bytes: Uint8Array },
  ): Promise<{ preview: ImportPreview; values: ParsedValue[] }> {
    const failed = (
      code: string,
      params?: Record<string, string | number>,
      read?: Partial<ImportPreview>,
    ) => ({
      preview: {
        ok: false,
        fileFormat: null,
        encoding: null,
        layout: null,
        valueCount: 0,
        periods: [],
        rows: [],
        errors: [{ row: null, column: null, code, ...(params ? { params } : {}) }],
        errorCount: 1,
        ...read,
      },
      values: [],
    });
    if (file.bytes.length === 0) return failed("empty_file");
    if (file.bytes.length > IMPORT_MAX_BYTES)
      return failed("file_too_large", { maxMb: IMPORT_MAX_BYTES / 2 ** 20 });
    const read = await readTableOffThread(file.bytes, file.name);
    if (!read.ok) return failed(read.code === "file_type" ? "file_type" : "empty_file");
    const parsed = parseImportTable(read.rows, await contextOf(tenantId));
    const ok = parsed.issues.length === 0;
    const periods = ok ? await summarise(tenantId, parsed.values) : [];
    return {
      preview: {
        ok,
        fileFormat: read.format,
        encoding: read.encoding,
        layout: parsed.format,
        valueCount: parsed.values.length,
        periods,
        rows: parsed.values.slice(0, PREVIEW_ROWS).map((v) => ({
          row: v.row,
          area: v.areaCode,
          period: v.period,
          element: v.element,
          breakdown: v.breakdown,
          value: v.value,
        })),
        errors: parsed.issues.slice(0, PREVIEW_MAX_ERRORS),
        errorCount: parsed.issues.length,
      },
      values: parsed.values,
    };
  }

  async function commitAs(actor: Actor, tenantId: string, file: { name: string; bytes: Uint8Array }) {
    const { preview, values } = await analyse(tenantId, file);
    if (!preview.ok) throw new AppError("validation_failed", { extra: { preview } });
    return write(actor, tenantId, values, "import", preview.periods);
  }

  return {
    /** The elements a file may name (not those computed from Lotse's data), for the page's explanation. */
    async columns(
      principal: Principal,
      tenantId: string,
    ): Promise<
      {
        code: string;
        labelKey: string | null;
        name: string;
        valueType: string;
        dimensions: ElementDimensions;
      }[]
    > {
      ensureTenant(principal, tenantId);
      const elements = await importRepo.elements(db, tenantId);
      return elements
        .filter((e) => e.origin !== "lotse")
        .map((e) => ({
          code: e.code,
          labelKey: e.labelKey,
          name: e.name,
          valueType: e.valueType,
          dimensions: e.dimensions as ElementDimensions,
        }));
    },

    /**
     * The downloadable template for the tenant's current elements (WIDE layout, UTF-8 with BOM,
     * ";" for German Excel): one row per area for last year, one column per element total and per
     * single breakdown option. Blank cells import nothing, so a half-filled template is fine.
     */
    async templateCsv(principal: Principal, tenantId: string): Promise<string> {
      ensureTenant(principal, tenantId);
      const ctx = await contextOf(tenantId);
      const columns: string[] = [];
      for (const e of ctx.elements) {
        if (e.origin === "lotse") continue;
        columns.push(e.code);
        for (const [dim, options] of Object.entries(e.dimensions))
          for (const o of options ?? []) columns.push(`${e.code}{${dim}:${o}}`);
      }
      const year = String(ctx.currentYear - 1);
      const cell = (s: string) => (/[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const lines = [["Gebiet", "Jahr", ...columns].map(cell).join(";")];
      for (const a of ctx.areas) lines.push([a.code, year, ...columns.map(() => "")].map(cell).join(";"));
      return `\uFEFF${lines.join("\r\n")}\r\n`;
    },

    /** Checks a file and shows what it would do; writes nothing. */
    async preview(
      principal: Principal,
      tenantId: string,
      file: { name: string; bytes: Uint8Array },
    ): Promise<ImportPreview> {
      ensureTenant(principal, tenantId);
      return (await analyse(tenantId, file)).preview;
    },

    /**
     * Imports every value of the file or none: read and checked again (areas or elements may have
     * changed since the preview); any problem → 422 with the preview and nothing written.
     */
    async commit(
      principal: Principal,
      tenantId: string,
      file: { name: string; bytes: Uint8Array },
    ): Promise<ImportResult> {
      ensureTenant(principal, tenantId);
      return commitAs({ kind: "user", principal }, tenantId, file);
    },

    /**
     * For an import run (decision 042): the imports module authorised its starter with
     * `monitoring.data.manage` when it was started and confirmed, and audits both; the job
     * writes as the system.
     */
    asSystem: {
      preview: async (tenantId: string, file: { name: string; bytes: Uint8Array }) =>
        (await analyse(tenantId, file)).preview,
      commit: (tenantId: string, file: { name: string; bytes: Uint8Array }) =>
        commitAs({ kind: "system", tenantId }, tenantId, file),
    },

    /**
     * DHIS2-style POST /dataValueSets: the same checks as the file import, all-or-nothing.
     * Conflicts name the data value's index and field; status ERROR writes nothing.
     */
    async dataValueSetsIn(
      principal: Principal,
      tenantId: string,
      body: unknown,
      query: Record<string, string | undefined> = {},
    ): Promise<ImportSummary> {
      ensureTenant(principal, tenantId);
      const input = DataValueSetInput.safeParse(body);
      if (!input.success) throw validationError(input.error.issues);
      const { options, issues } = dataValueSetOptions(query, input.data);
      if (issues.length) throw AppError.validation(issues);
      const values = withSetDefaults(input.data);
      const { rows, conflicts } = checkDataValues(values, await contextOf(tenantId));
      const answer = (
        status: ImportSummary["status"],
        count: ImportSummary["importCount"],
        reopened: string[],
      ) => importSummary(status, options, count, conflicts, reopened);
      const none = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
      if (conflicts.length) return answer("ERROR", none, []);
      if (rows.length === 0) return answer("SUCCESS", none, []);
      const summary = await summarise(tenantId, rows);
      if (options.dryRun) {
        const sum = (k: "new" | "changed" | "unchanged") => summary.reduce((n, p) => n + p[k], 0);
        const reopens = summary.filter((p) => p.reopens).map((p) => p.period);
        return answer(
          "SUCCESS",
          { imported: sum("new"), updated: sum("changed"), ignored: sum("unchanged"), deleted: 0 },
          reopens,
        );
      }
      const r = await write({ kind: "user", principal }, tenantId, rows, "api", summary);
      return answer(
        "SUCCESS",
        { imported: r.created, updated: r.updated, ignored: r.unchanged, deleted: 0 },
        r.reopened,
      );
    },

    /**
     * DHIS2-style GET /dataValueSets: the WORKING values a data steward entered or imported,
     * unsuppressed. Why raw: they are the steward's own input (counts delivered by the
     * registry office or the Federal Employment Agency, already aggregated to areas), and a
     * DHIS2-style round trip (export, correct, re-import) needs the exact values; the
     * permission monitoring.data.manage is held only by those who enter them (analyst,
     * admin). Everyone else only ever sees the engine's suppressed results from releases.
     * Elements computed from Lotse's own case data (origin `lotse`) are NEVER returned here:
     * counts of a few cases per area could identify people; they leave only through the
     * engine's suppressed results. Every read is recorded in the audit log (ids/counts only).
     */
    async dataValueSetsOut(
      principal: Principal,
      tenantId: string,
      query: DataValueSetQuery,
    ): Promise<{ dataValues: DataValueOut[] }> {
      ensureTenant(principal, tenantId);
      const fields: { field: string; code: string; params?: Record<string, string | number> }[] = [];
      const currentYear = deps.clock.now().getUTCFullYear();
      const periods = [...new Set(query.period.map((p) => p.trim()))];
      if (periods.length === 0) fields.push({ field: "period", code: "required" });
      for (const p of periods)
        if (!checkPeriod(p, currentYear).ok) fields.push({ field: "period", code: "invalid_format" });
      const ctx = await contextOf(tenantId);
      const findElement = elementFinder(ctx.elements);
      const findArea = areaFinder(ctx.areas);
      const exportable = ctx.elements.filter((e) => e.origin !== "lotse");
      let elements = exportable;
      if (query.dataElement?.length) {
        elements = [];
        for (const code of query.dataElement) {
          const e = findElement(code);
          if (!e || e.origin === "lotse") fields.push({ field: "dataElement", code: "invalid_choice" });
          else elements.push(e);
        }
      }
      let areaIds: string[] | undefined;
      if (query.orgUnit?.length) {
        areaIds = [];
        for (const code of query.orgUnit) {
          const a = findArea(code);
          if (!a) fields.push({ field: "orgUnit", code: "invalid_choice" });
          else areaIds.push(a.id);
        }
      }
      if (fields.length) throw AppError.validation(fields.slice(0, 20));
      const rows = await importRepo.values(
        db,
        tenantId,
        { periods, elementIds: elements.map((e) => e.id), ...(areaIds ? { areaIds } : {}) },
        DATA_VALUE_SETS_MAX_OUT + 1,
      );
      if (rows.length > DATA_VALUE_SETS_MAX_OUT)
        throw AppError.validation([
          { field: "period", code: "too_big", params: { max: DATA_VALUE_SETS_MAX_OUT } },
        ]);
      const dataValues = toDataValues(rows, ctx);
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "read",
        entityType: "monitoring_values",
        entityId: null,
        changes: {
          periods: { old: null, new: periods },
          elements: { old: null, new: elements.map((e) => e.id) },
          values: { old: null, new: dataValues.length },
        },
      });
      return { dataValues };
    },
  };
}
export type MonitoringImportService = ReturnType<typeof createMonitoringImportService>;
