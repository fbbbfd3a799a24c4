import { customType, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt } from "../../server/db/columns.ts";
import { IMPORT_MODES, IMPORT_RUN_STATUSES, type ImportRunResult } from "./model.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * One import run (decision 042): the stored upload, its status and progress, and its outcome
 * as codes and parameters. The upload is tenant data (areas, directory entries, monitoring
 * values, not case data): it is set to NULL after a commit, and after UPLOAD_RETENTION_HOURS
 * by the daily purge. The job `import.run` carries only { runId }.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text("kind").notNull(),
    mode: text("mode", { enum: IMPORT_MODES }).notNull(),
    status: text("status", { enum: IMPORT_RUN_STATUSES }).notNull().default("queued"),
    filename: text("filename").notNull(),
    upload: bytea("upload"),
    uploadBytes: integer("upload_bytes").notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    /** The kind's import options (validated by its runner when the run starts), e.g. the CRS of a Shapefile. */
    options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<ImportRunResult>(),
    /** Error class/code when the run itself broke (never a message). */
    errorCode: text("error_code"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("import_runs_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);
