import type { Translate } from "#app/i18n/translator.ts";
import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  IMPORT_KIND_OPTIONS,
  type ImportRunApiView,
  importRunView,
  runParams,
  type StartRunQuery,
  startRunQuery,
} from "./contracts.ts";
import {
  codedText,
  IMPORT_KIND_PERMISSION,
  IMPORT_KINDS,
  type ImportKind,
  type ImportRunView,
} from "./model.ts";

const RunView = named(importRunView, "ImportRun");
const raw = {
  required: true,
  description: "The file itself (as the kind's own import endpoint takes it)",
  content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
} as const;

/** Start, read and commit import runs (decision 042), one set of operations per kind. */
export function registerImportRunApi(api: ApiRouter) {
  for (const kind of IMPORT_KINDS) registerKind(api, kind);
}

function registerKind(api: ApiRouter, kind: ImportKind) {
  const permission = IMPORT_KIND_PERMISSION[kind];
  const options = IMPORT_KIND_OPTIONS[kind];
  const query = options ? startRunQuery.extend(options.shape) : startRunQuery;
  api.openapi(
    defineRoute({
      method: "post",
      path: `/import-runs/${kind}`,
      permission,
      tags: ["imports"],
      summary: `Start an import run (${kind}): stores the file and queues its preview or import; answers at once`,
      request: { query, body: raw },
      responses: { 202: ok(RunView, "Queued"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, t } = operationContext(c);
      const { mode, filename, ...rest } = c.req.valid("query") as StartRunQuery & Record<string, unknown>;
      const upload = Buffer.from(await c.req.arrayBuffer());
      const run = await services.importRuns.start(principal, tenant.id, {
        kind,
        mode,
        filename,
        upload,
        options: rest,
      });
      return c.json(present(run, t), 202);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: `/import-runs/${kind}/{id}`,
      permission,
      tags: ["imports"],
      summary: `An import run (${kind}): status, progress, and the preview's or import's outcome`,
      request: { params: runParams },
      responses: { 200: ok(RunView), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, t } = operationContext(c);
      const run = await services.importRuns.get(principal, tenant.id, c.req.valid("param").id);
      return c.json(present(run, t), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: `/import-runs/${kind}/{id}/commit`,
      permission,
      tags: ["imports"],
      summary: `Import a previewed, valid run (${kind}) all-or-nothing; answers at once (409 unless previewed and valid)`,
      request: { params: runParams },
      responses: { 202: ok(RunView, "Queued"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, t } = operationContext(c);
      const run = await services.importRuns.commit(principal, tenant.id, c.req.valid("param").id);
      return c.json(present(run, t), 202);
    },
  );
}

/** The API's view: codes kept, messages in the reader's language, without the preview rows. */
export function present(run: ImportRunView, t: Translate): ImportRunApiView {
  const r = run.result;
  return {
    id: run.id,
    kind: run.kind,
    mode: run.mode,
    status: run.status,
    filename: run.filename,
    progress: run.progress,
    committable: run.committable,
    errorCode: run.errorCode,
    result: r
      ? {
          ok: r.ok,
          counts: r.counts,
          committed: r.committed,
          totalRows: r.totalRows,
          fileIssues: r.fileIssues.map((i) => ({ code: i.code, message: codedText(t, i) })),
          issues: r.issues.map((i) => ({
            row: i.row,
            column: i.column,
            code: i.code,
            message: codedText(t, i),
          })),
          issuesOmitted: r.issuesOmitted,
          notices: (r.notices ?? []).map((i) => ({ code: i.code, message: codedText(t, i) })),
          warnings: (r.warnings ?? []).map((i) => ({
            row: i.row,
            column: i.column,
            code: i.code,
            message: codedText(t, i),
          })),
        }
      : null,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}
