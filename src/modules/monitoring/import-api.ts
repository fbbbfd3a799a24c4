import type { Translate } from "#app/i18n/translator.ts";
import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  ok,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import type { ImportSummary } from "./data-value-sets.ts";
import { IMPORT_MAX_BYTES, IMPORT_MAX_VALUES, type ImportPreview } from "./import.ts";
import { issueMessage, presentPreview } from "./import-present.ts";

/**
 * Data in and out for the small-area monitoring (issue 6), all with monitoring.data.manage:
 * - POST /monitoring/import/preview, POST /monitoring/import: CSV/XLSX files (multipart);
 * - GET /monitoring/import/template.csv: a template for the tenant's current elements;
 * - GET/POST /monitoring/dataValueSets: DHIS2-style JSON.
 */

const Issue = z
  .object({
    row: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Row in the spreadsheet (the header is row 1); null: the whole file" }),
    column: z.string().nullable().openapi({ description: "The column's header as written in the file" }),
    code: z.string(),
    message: z.string().openapi({ description: "In the reader's language" }),
  })
  .openapi("MonitoringImportIssue");

const ImportPreviewSchema = z
  .object({
    ok: z.boolean().openapi({ description: "True when the file can be imported as it is" }),
    fileFormat: z.enum(["csv", "xlsx"]).nullable(),
    encoding: z.enum(["utf-8", "windows-1252"]).nullable(),
    layout: z.enum(["long", "wide"]).nullable(),
    valueCount: z.number().int(),
    periods: z.array(
      z.object({
        period: z.string(),
        status: z.enum(["open", "approved", "none"]),
        new: z.number().int(),
        changed: z.number().int(),
        unchanged: z.number().int(),
        reopens: z
          .boolean()
          .openapi({ description: "An approved period the import changes; it needs approval again" }),
      }),
    ),
    rows: z.array(
      z.object({
        row: z.number().int(),
        area: z.string(),
        period: z.string(),
        element: z.string(),
        breakdown: z.string(),
        value: z.number(),
      }),
    ),
    errors: z.array(Issue).openapi({ description: "The first 500 problems, by row" }),
    errorCount: z.number().int().openapi({ description: "All problems found" }),
  })
  .openapi("MonitoringImportPreview");

const ImportResultSchema = z
  .object({
    values: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    periods: z.array(z.string()),
    reopened: z.array(z.string()),
  })
  .openapi("MonitoringImportResult");

const ImportSummarySchema = z
  .object({
    responseType: z.literal("ImportSummary"),
    status: z.enum(["SUCCESS", "ERROR"]),
    importOptions: z.object({
      dryRun: z.boolean(),
      importStrategy: z.literal("CREATE_AND_UPDATE"),
      idSchemes: z.object({ idScheme: z.literal("CODE") }),
    }),
    description: z.string(),
    importCount: z.object({
      imported: z.number().int(),
      updated: z.number().int(),
      ignored: z.number().int().openapi({ description: "Values equal to what was stored" }),
      deleted: z.number().int(),
    }),
    conflicts: z.array(
      z.object({
        object: z.string().openapi({ description: "The offending text" }),
        value: z.string().openapi({ description: "What is wrong, in the reader's language" }),
        property: z.enum([
          "dataElement",
          "period",
          "orgUnit",
          "categoryOptionCombo",
          "attributeOptionCombo",
          "value",
        ]),
        indexes: z.array(z.number().int()).openapi({ description: "Indexes (0-based) into dataValues" }),
        errorCode: z.string(),
      }),
    ),
    reopened: z
      .array(z.string())
      .openapi({ description: "Approved periods this request changed (open again)" }),
  })
  .openapi("MonitoringImportSummary");

const DataValueSetOut = z
  .object({
    dataValues: z.array(
      z.object({
        dataElement: z.string(),
        period: z.string(),
        orgUnit: z.string().openapi({ description: "Area code" }),
        categoryOptionCombo: z
          .string()
          .openapi({ description: 'Breakdown key ("sex:f;age:65+") or "default"' }),
        attributeOptionCombo: z.literal("default"),
        value: z.string(),
        lastUpdated: z.string().openapi({ format: "date-time" }),
        followup: z.boolean(),
      }),
    ),
  })
  .openapi("MonitoringDataValueSet");

/** The request body (documented here; the service checks it again with the same shape). */
const setLevel = "; may instead stand once on the set, for every data value without its own";
const scheme = (what: string) =>
  z
    .string()
    .max(40)
    .optional()
    .openapi({ description: `${what}: only "code" (Lotse's identifiers are codes)` });
const DataValueSetBody = z
  .looseObject({
    period: z
      .string()
      .max(50)
      .optional()
      .openapi({ description: `Year (YYYY)${setLevel}` }),
    orgUnit: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: `Area code${setLevel}` }),
    attributeOptionCombo: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: `"default" or absent${setLevel}` }),
    dryRun: z
      .union([z.boolean(), z.enum(["true", "false"])])
      .optional()
      .openapi({
        description: "true: check and count, write nothing (takes precedence over the query parameter)",
      }),
    importStrategy: z.string().max(40).optional().openapi({
      description:
        "CREATE_AND_UPDATE (default; NEW_AND_UPDATES is the same); CREATE, UPDATE and DELETE are refused",
    }),
    idScheme: scheme("General id scheme"),
    dataElementIdScheme: scheme("Id scheme of data elements"),
    orgUnitIdScheme: scheme("Id scheme of areas"),
    categoryOptionComboIdScheme: scheme("Id scheme of breakdowns"),
    attributeOptionComboIdScheme: scheme("Id scheme of attribute option combos"),
    dataValues: z
      .array(
        z.looseObject({
          dataElement: z.string().max(200).openapi({ description: "Data element code" }),
          period: z.string().max(50).optional().openapi({ description: "Year (YYYY); else the set's" }),
          orgUnit: z.string().max(200).optional().openapi({ description: "Area code; else the set's" }),
          categoryOptionCombo: z
            .string()
            .max(500)
            .optional()
            .openapi({ description: 'Breakdown key ("sex:f;age:65+"); "default" or absent: the total' }),
          attributeOptionCombo: z.string().max(500).optional().openapi({
            description: '"default" or absent (Lotse has no attribute option combos); else a conflict',
          }),
          value: z
            .union([z.string().max(100), z.number()])
            .openapi({ description: 'A number; text may use a decimal comma ("12,5")' }),
        }),
      )
      .max(IMPORT_MAX_VALUES),
  })
  .openapi("MonitoringDataValueSetInput");

const fileBody = {
  required: true,
  description: `multipart/form-data with the field "file": CSV (UTF-8 or Windows-1252; ";" "," or tab) or XLSX, at most ${IMPORT_MAX_BYTES / 2 ** 20} MB and ${IMPORT_MAX_VALUES} values. LONG layout: columns Gebiet/area, Jahr/period, Merkmal/element, Wert/value, optional Geschlecht/sex, Alter/age, Staatsangehörigkeit/nationality, Kategorie/category or Aufschlüsselung/breakdown (canonical key, e.g. "sex:f;age:65+"). WIDE layout: Gebiet/area, Jahr/period and one column per element, headed by its code or a term like "population{sex:f}". German decimal commas are read ("12,5").`,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: { file: { type: "string" as const, format: "binary" } },
      },
    },
  },
};

async function fileOf(req: Request): Promise<{ bytes: Uint8Array; name: string }> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw AppError.validation([{ field: "file", code: "required" }]);
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0)
    throw AppError.validation([{ field: "file", code: "required" }]);
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}

function presentSummary(s: ImportSummary, t: Translate) {
  return {
    ...s,
    conflicts: s.conflicts.map((c) => ({
      object: c.object,
      value: issueMessage(t, c.errorCode, c.params),
      property: c.property,
      indexes: c.indexes,
      errorCode: c.errorCode,
    })),
  };
}

/** A list query parameter, repeated or comma-separated. */
const listOf = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

export function registerMonitoringImportApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/import/template.csv",
      permission: "monitoring.data.manage",
      tags: ["monitoring"],
      summary:
        "An import template for the current data elements (WIDE layout, one row per area; CSV, UTF-8 with BOM, ';')",
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" as const } } } },
        ...problemResponses,
      },
    }),
    async (c) =>
      c.body(
        await c.get("services").monitoringImport.templateCsv(c.get("principal")!, c.get("tenant").id),
        200,
        {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="monitoring-vorlage.csv"',
        },
      ) as never,
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/import/preview",
      permission: "monitoring.data.manage",
      tags: ["monitoring"],
      summary:
        "Check a CSV/XLSX file of monitoring values: errors by row and column, summary per period; writes nothing",
      request: { body: fileBody },
      responses: { 200: ok(ImportPreviewSchema), ...problemResponses },
    }),
    async (c) => {
      const file = await fileOf(c.req.raw);
      const preview = await c
        .get("services")
        .monitoringImport.preview(c.get("principal")!, c.get("tenant").id, file);
      return c.json(presentPreview(preview, c.get("t")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/import",
      permission: "monitoring.data.manage",
      tags: ["monitoring"],
      summary:
        "Import a CSV/XLSX file of monitoring values all-or-nothing (checked again; any problem writes nothing: 422 with the preview). Changed approved periods are reopened.",
      request: { body: fileBody },
      responses: { 200: ok(ImportResultSchema), ...problemResponses },
    }),
    async (c) => {
      const file = await fileOf(c.req.raw);
      try {
        return c.json(
          await c.get("services").monitoringImport.commit(c.get("principal")!, c.get("tenant").id, file),
          200,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === "validation_failed" && e.extra?.preview) {
          const preview = presentPreview(e.extra.preview as ImportPreview, c.get("t"));
          throw new AppError("validation_failed", { fields: e.fields, extra: { preview } });
        }
        throw e;
      }
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/dataValueSets",
      permission: "monitoring.data.manage",
      tags: ["monitoring"],
      summary:
        "Working values in the DHIS2 dataValueSets shape (the data steward's own input, unsuppressed; elements computed from Lotse's case data are never included). Every read is audited.",
      request: {
        query: z.object({
          period: z
            .string()
            .openapi({ description: "One or more years (YYYY), repeated or comma-separated" }),
          dataElement: z
            .string()
            .optional()
            .openapi({ description: "Element codes, repeated or comma-separated" }),
          orgUnit: z.string().optional().openapi({ description: "Area codes, repeated or comma-separated" }),
        }),
      },
      responses: { 200: ok(DataValueSetOut), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.queries();
      const dataElement = listOf(q.dataElement);
      const orgUnit = listOf(q.orgUnit);
      const out = await c
        .get("services")
        .monitoringImport.dataValueSetsOut(c.get("principal")!, c.get("tenant").id, {
          period: listOf(q.period),
          ...(dataElement.length ? { dataElement } : {}),
          ...(orgUnit.length ? { orgUnit } : {}),
        });
      return c.json(out, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/dataValueSets",
      permission: "monitoring.data.manage",
      tags: ["monitoring"],
      summary:
        'Write working values in the DHIS2 dataValueSets shape, all-or-nothing (orgUnit = area code, categoryOptionCombo = breakdown key or "default"). Conflicts name the dataValues index and field; with any conflict nothing is written (409).',
      request: {
        query: z.object({
          dryRun: z.enum(["true", "false"]).optional(),
          importStrategy: z.string().max(40).optional(),
          idScheme: z.string().max(40).optional(),
          dataElementIdScheme: z.string().max(40).optional(),
          orgUnitIdScheme: z.string().max(40).optional(),
          categoryOptionComboIdScheme: z.string().max(40).optional(),
          attributeOptionComboIdScheme: z.string().max(40).optional(),
        }),
        body: jsonBody(DataValueSetBody),
      },
      responses: {
        200: ok(ImportSummarySchema, "All values written, or counted only with dryRun (status SUCCESS)"),
        409: ok(ImportSummarySchema, "Conflicts; nothing written (status ERROR)"),
        ...Object.fromEntries(Object.entries(problemResponses).filter(([k]) => k !== "409")),
      },
    }),
    async (c) => {
      const summary = await c
        .get("services")
        .monitoringImport.dataValueSetsIn(
          c.get("principal")!,
          c.get("tenant").id,
          c.req.valid("json"),
          c.req.valid("query"),
        );
      const body = presentSummary(summary, c.get("t"));
      return summary.status === "ERROR" ? c.json(body, 409) : c.json(body, 200);
    },
  );
}
