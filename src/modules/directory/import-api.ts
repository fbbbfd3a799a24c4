import { type ApiRouter, AppError, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";
import { IMPORT_MAX_BYTES, importTemplateCsv } from "./import-columns.ts";
import { presentImport } from "./import-present.ts";

const Issue = z.object({ code: z.string(), message: z.string() });
const ImportPreview = z
  .object({
    ok: z.boolean().openapi({ description: "True when the file can be imported as it is" }),
    format: z.enum(["csv", "xlsx"]),
    encoding: z.enum(["utf-8", "windows-1252"]).nullable(),
    counts: z.object({
      rows: z.number().int(),
      places: z.number().int(),
      offers: z.number().int(),
      duplicates: z.number().int(),
      invalid: z.number().int(),
    }),
    fileErrors: z.array(Issue),
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: "Row number in the spreadsheet (the header is row 1)" }),
        place: z.string().nullable(),
        offer: z.string().nullable(),
        action: z.enum(["create", "link", "duplicate", "invalid"]),
        errors: z.array(Issue.extend({ column: z.string(), columnLabel: z.string() })),
      }),
    ),
  })
  .openapi("DirectoryImportPreview");

const fileBody = {
  required: true,
  description: `multipart/form-data with the field "file": a CSV (UTF-8 or Windows-1252, ";" "," or tab) or XLSX file, at most ${IMPORT_MAX_BYTES / 2 ** 20} MB. Column layout: GET /directory/import/template.csv.`,
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

export function registerDirectoryImportApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/import/template.csv",
      permission: "directory.import",
      tags: ["directory"],
      summary: "The import template: the column headers and one example row (CSV, UTF-8 with BOM, ';')",
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" as const } } } },
      },
    }),
    (c) =>
      c.body(importTemplateCsv(), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="lotse-import-vorlage.csv"',
      }) as never,
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/import/preview",
      permission: "directory.import",
      tags: ["directory"],
      summary: "Validate a CSV/XLSX file of places and offers; errors per row and column; writes nothing",
      request: { body: fileBody },
      responses: { 200: ok(ImportPreview), ...problemResponses },
    }),
    async (c) => {
      const { bytes, name } = await fileOf(c.req.raw);
      const analysis = await c.get("services").interchange.import.preview(c.get("principal")!, bytes, name);
      return c.json(presentImport(analysis, c.get("t")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/import/commit",
      permission: "directory.import",
      tags: ["directory"],
      summary:
        "Import a CSV/XLSX file all-or-nothing (validated again; any invalid row writes nothing: 422 with the preview)",
      request: { body: fileBody },
      responses: {
        200: ok(
          z.object({ places: z.number().int(), offers: z.number().int() }).openapi("DirectoryImportResult"),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { bytes, name } = await fileOf(c.req.raw);
      try {
        return c.json(
          await c.get("services").interchange.import.commit(c.get("principal")!, bytes, name),
          200,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === "validation_failed" && e.extra?.preview) {
          const preview = presentImport(e.extra.preview as never, c.get("t"));
          throw new AppError("validation_failed", { fields: e.fields, extra: { preview } });
        }
        throw e;
      }
    },
  );
}
