/**
 * Import runs' contracts (decision 019): the start query, the run path and the view the API
 * returns (messages translated into the reader's language, codes kept). Browser-safe.
 */
import { z } from "zod";
import { siteImportOptions } from "../accommodation/contracts.ts";
import { addressImportOptions } from "../addresses/contracts.ts";
import { areaImportOptions } from "../areas/contracts.ts";
import { IMPORT_MODES, IMPORT_RUN_STATUSES, type ImportKind } from "./model.ts";

/** POST /import-runs/{kind}: the body is the file itself. */
export const startRunQuery = z.object({
  mode: z.enum(IMPORT_MODES).default("preview"),
  filename: z.string().trim().min(1).max(200).default("upload"),
});
export type StartRunQuery = z.output<typeof startRunQuery>;

/** The options a kind takes beside the file (query parameters of its start operation). */
export const IMPORT_KIND_OPTIONS: Partial<Record<ImportKind, z.ZodObject>> = {
  areas: areaImportOptions,
  addresses: addressImportOptions,
  accommodation_sites: siteImportOptions,
};

export const runParams = z.object({ id: z.uuid() });

const message = z.object({ code: z.string(), message: z.string() });
const rowMessage = message.extend({ row: z.number().int(), column: z.string() });

export const importRunView = z.object({
  id: z.uuid(),
  kind: z.string(),
  mode: z.enum(IMPORT_MODES),
  status: z.enum(IMPORT_RUN_STATUSES),
  filename: z.string(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  committable: z.boolean(),
  errorCode: z.string().nullable().meta({ description: "Error class/code when the run itself broke" }),
  result: z
    .object({
      ok: z.boolean(),
      counts: z.record(z.string(), z.number().int()),
      committed: z.record(z.string(), z.number().int()).nullable(),
      totalRows: z.number().int(),
      fileIssues: z.array(message),
      issues: z.array(rowMessage),
      issuesOmitted: z.number().int(),
      notices: z.array(message).meta({ description: "What was read from the file (format, CRS, mapping)" }),
      warnings: z.array(rowMessage).meta({ description: "Per row, not blocking (e.g. a proposed repair)" }),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ImportRunApiView = z.output<typeof importRunView>;
