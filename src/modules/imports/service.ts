import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { type Action, authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { errorClass, type JobQueue } from "../jobs/queue.ts";
import type { TenantService } from "../tenants/service.ts";
import {
  type ImportKind,
  type ImportMode,
  type ImportRunResult,
  type ImportRunView,
  RUN_RETENTION_DAYS,
  UPLOAD_RETENTION_HOURS,
} from "./model.ts";
import { importRunRepo } from "./repo.ts";

export const IMPORT_RUN_JOB = "import.run";
export const IMPORT_PURGE_JOB = "import.purge";

/** Reports progress: `done` of `total` steps (rows, features). */
export type Progress = (done: number, total: number) => Promise<void>;

/** A kind's options as stored with the run (e.g. the CRS of a Shapefile), validated by its runner. */
export type ImportOptions = Record<string, unknown>;

/**
 * One kind of import, supplied by the module that owns the data (through its service). The
 * permission was checked when the run was started and is checked again on every read and on
 * the commit; the job itself runs as the system. `commit` writes all-or-nothing (one
 * transaction through the ambient mechanism) and returns `ok: false` with the errors when
 * anything is invalid, having written nothing.
 */
export type ImportKindRunner = {
  permission: Action;
  maxBytes: number;
  /** Validates the kind's options when the run starts (an AppError per field); none: options are refused. */
  parseOptions?: (raw: ImportOptions) => ImportOptions;
  preview: RunStep;
  commit: RunStep;
};
type RunStep = (
  tenantId: string,
  upload: Buffer,
  filename: string,
  progress: Progress,
  options: ImportOptions,
) => Promise<ImportRunResult>;

export function createImportRunService(
  deps: CoreDeps & {
    jobs: JobQueue;
    audit: AuditService;
    tenants: Pick<TenantService, "onCreated">;
    runners: Record<ImportKind, ImportKindRunner>;
  },
) {
  const { db } = deps;

  /** The kind's options, validated; a kind without options refuses any (never silently ignored). */
  function optionsFor(runner: ImportKindRunner, raw: ImportOptions): ImportOptions {
    if (runner.parseOptions) return runner.parseOptions(raw);
    const given = Object.keys(raw);
    if (given.length) throw AppError.validation(given.map((field) => ({ field, code: "unknown_field" })));
    return {};
  }

  function runnerOf(kind: string): ImportKindRunner {
    const r = (deps.runners as Record<string, ImportKindRunner | undefined>)[kind];
    if (!r) throw AppError.notFound();
    return r;
  }

  /** Need-to-know: the import's own permission, in the run's tenant (404 for another tenant). */
  async function visible(principal: Principal, tenantId: string, id: string): Promise<RunSummary> {
    if (principal.tenantId !== tenantId) throw AppError.forbidden();
    const row = await importRunRepo.summaryById(db, tenantId, id);
    if (!row) throw AppError.notFound();
    authorize(principal, runnerOf(row.kind).permission);
    return row;
  }

  async function enqueue(tenantId: string, runId: string, tx: Parameters<JobQueue["enqueue"]>[3]) {
    // One attempt: an import that broke is shown as failed, the user starts it again.
    await deps.jobs.enqueue(IMPORT_RUN_JOB, { runId }, { tenantId, maxAttempts: 1 }, tx);
  }

  async function execute(tenantId: string, runId: string): Promise<void> {
    const run = await importRunRepo.byId(db, tenantId, runId);
    if (run?.status !== "queued") return;
    if (!run.upload) {
      await importRunRepo.update(db, tenantId, runId, { status: "failed", errorCode: "upload_expired" });
      return;
    }
    const runner = runnerOf(run.kind);
    // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
    const upload = Buffer.from(run.upload);
    await importRunRepo.update(db, tenantId, runId, { status: "running", updatedAt: deps.clock.now() });
    const progress: Progress = (done, total) =>
      importRunRepo.update(db, tenantId, runId, {
        progressDone: done,
        progressTotal: total,
        updatedAt: deps.clock.now(),
      });
    try {
      const result =
        run.mode === "commit"
          ? await runner.commit(tenantId, upload, run.filename, progress, run.options)
          : await runner.preview(tenantId, upload, run.filename, progress, run.options);
      const committed = run.mode === "commit" && result.ok;
      await importRunRepo.update(db, tenantId, runId, {
        status: committed ? "committed" : "previewed",
        // A commit keeps the preview's rows and adds what was written.
        result: committed && run.result ? { ...run.result, committed: result.committed } : result,
        // After the commit the upload has served its purpose.
        ...(committed ? { upload: null } : {}),
        updatedAt: deps.clock.now(),
      });
    } catch (err) {
      await importRunRepo.update(db, tenantId, runId, {
        status: "failed",
        errorCode: errorClass(err),
        upload: null,
        updatedAt: deps.clock.now(),
      });
      deps.logger.warn({ tenantId, runId, kind: run.kind, error: errorClass(err) }, "import run failed");
    }
  }

  deps.jobs.register(IMPORT_RUN_JOB, async (payload, ctx) => {
    const runId = typeof payload.runId === "string" ? payload.runId : "";
    if (runId) await execute(ctx.tenantId, runId);
  });

  /** The next 02:15 UTC strictly after now: one fixed time a day, so the dedupe key is the date. */
  const nextPurge = () => {
    const now = deps.clock.now();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2, 15));
    if (at <= now) at.setUTCDate(at.getUTCDate() + 1);
    return at;
  };

  // Daily per tenant; each run queues the next (the module's schedule queues the first).
  deps.jobs.register(IMPORT_PURGE_JOB, async (_payload, ctx) => {
    await service.purge(ctx.tenantId);
    await service.schedulePurge(ctx.tenantId, nextPurge());
  });

  // A tenant created while the server runs gets its purge at once (in the creating transaction).
  deps.tenants.onCreated((tenant, tx) => service.schedulePurge(tenant.id, nextPurge(), tx));

  const service = {
    /**
     * Stores the upload and queues its preview (or, with mode "commit", its direct import).
     * Returns the run at once; the job does the work.
     */
    async start(
      principal: Principal,
      tenantId: string,
      input: {
        kind: ImportKind;
        mode: ImportMode;
        filename: string;
        upload: Buffer;
        options?: ImportOptions;
      },
    ): Promise<ImportRunView> {
      if (principal.tenantId !== tenantId) throw AppError.forbidden();
      const runner = runnerOf(input.kind);
      authorize(principal, runner.permission);
      const options = optionsFor(runner, input.options ?? {});
      if (input.upload.byteLength === 0) {
        throw AppError.validation([{ field: "file", code: "required" }]);
      }
      if (input.upload.byteLength > runner.maxBytes) {
        throw AppError.validation([
          { field: "file", code: "import_file_too_large", params: { maxMb: runner.maxBytes / 2 ** 20 } },
        ]);
      }
      const row = await db.transaction(async (tx) => {
        const created = await importRunRepo.insert(tx, {
          tenantId,
          kind: input.kind,
          mode: input.mode,
          filename: input.filename.slice(0, 200),
          upload: input.upload,
          uploadBytes: input.upload.byteLength,
          options,
          createdBy: principal.userId,
          createdAt: deps.clock.now(),
          updatedAt: deps.clock.now(),
        });
        await enqueue(tenantId, created.id, tx);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: `import_${input.mode}`,
            entityType: "import_run",
            entityId: created.id,
          },
          tx,
        );
        return created;
      });
      return view({ ...row, hasUpload: true });
    },

    async get(principal: Principal, tenantId: string, id: string): Promise<ImportRunView> {
      return view(await visible(principal, tenantId, id));
    },

    /** Queues the import of a previewed, valid run (validated again inside the commit). */
    async commit(principal: Principal, tenantId: string, id: string): Promise<ImportRunView> {
      const run = await visible(principal, tenantId, id);
      if (run.status !== "previewed" || !run.hasUpload || !run.result?.ok) {
        throw new AppError("conflict");
      }
      await db.transaction(async (tx) => {
        await importRunRepo.update(tx, tenantId, id, {
          mode: "commit",
          status: "queued",
          progressDone: 0,
          updatedAt: deps.clock.now(),
        });
        await enqueue(tenantId, id, tx);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "import_commit",
            entityType: "import_run",
            entityId: id,
          },
          tx,
        );
      });
      return view((await importRunRepo.summaryById(db, tenantId, id))!);
    },

    /** Runs a queued run now (tests; the worker does it through the job). */
    execute,

    /** Deletes the tenant's stored uploads past their retention, and its old runs. */
    async purge(tenantId: string): Promise<{ uploads: number; runs: number }> {
      const now = deps.clock.now().getTime();
      const uploadsBefore = new Date(now - UPLOAD_RETENTION_HOURS * 3_600_000);
      const uploads = await importRunRepo.dropUploadsBefore(db, tenantId, uploadsBefore);
      const runs = await importRunRepo.deleteBefore(
        db,
        tenantId,
        new Date(now - RUN_RETENTION_DAYS * 86_400_000),
      );
      return { uploads, runs };
    },

    /** Keeps one purge queued for the tenant (idempotent: deduplicated). */
    async schedulePurge(tenantId: string, runAt = nextPurge(), tx?: DbOrTx): Promise<void> {
      // Keyed by the day: the running purge queues tomorrow's without meeting its own key.
      const dedupeKey = `daily-${runAt.toISOString().slice(0, 10)}`;
      await deps.jobs.enqueue(IMPORT_PURGE_JOB, {}, { tenantId, runAt, dedupeKey }, tx);
    },
  };
  return service;
}
export type ImportRunService = ReturnType<typeof createImportRunService>;

type RunSummary = NonNullable<Awaited<ReturnType<typeof importRunRepo.summaryById>>>;

function view(row: RunSummary): ImportRunView {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    mode: row.mode,
    status: row.status,
    filename: row.filename,
    progress: { done: row.progressDone, total: row.progressTotal },
    result: row.result ?? null,
    errorCode: row.errorCode,
    committable: row.status === "previewed" && row.hasUpload && Boolean(row.result?.ok),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
