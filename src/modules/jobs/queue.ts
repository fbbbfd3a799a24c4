import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { isAppError } from "../../server/errors.ts";
import { type JobRow, jobRepo } from "./repo.ts";

/**
 * Payload rules (docs: README "Jobs"):
 * - JSON only (it is stored as jsonb), and small.
 * - Ids and options, never personal data: a job that needs a person's data loads it by id
 *   from its module's table (mail: the payload is { mailId }, recipient and body stay in
 *   mail_outbox). A payload outlives the request that made it and is visible to operators.
 */
export type JobPayload = Record<string, unknown>;

export type EnqueueOptions = {
  tenantId: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** While a job with this key (same tenant and type) is queued or running, enqueue returns it. */
  dedupeKey?: string;
};

export type JobContext = {
  jobId: string;
  tenantId: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now marks the job failed instead of retrying it. */
  lastAttempt: boolean;
};

export type JobHandler = (payload: JobPayload, ctx: JobContext) => Promise<void>;

export type RunResult = { claimed: number; done: number; retried: number; failed: number };

export interface JobQueue {
  /** Adds a job. Pass a transaction as `db` so the job exists only if the transaction commits. */
  enqueue(
    type: string,
    payload: JobPayload,
    opts: EnqueueOptions,
    db?: DbOrTx,
  ): Promise<{ id: string; deduplicated: boolean }>;
  register(type: string, handler: JobHandler): void;
  /** Runs the jobs due now (up to `limit`) and returns what happened. Tests and the worker call this. */
  runDue(opts?: { limit?: number }): Promise<RunResult>;
  /** Starts polling in the background (the server does; tests call runDue instead). */
  start(opts?: { intervalMs?: number }): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  get(tenantId: string, id: string): Promise<JobRow | undefined>;
  list(
    tenantId: string,
    filter: { status?: JobRow["status"]; type?: string },
    page: { limit: number; offset: number },
  ): Promise<JobRow[]>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;
const LEASE_MS = 5 * 60_000;
/**
 * Finished jobs are kept for the jobs page and diagnosis, then deleted: done ones after 30 days,
 * failed ones after 90. Recurring jobs (digests every quarter hour, daily retention) would
 * otherwise grow the table without end. A worker purges at most once an hour, in batches.
 */
export const KEEP_DONE_MS = 30 * 86_400_000;
export const KEEP_FAILED_MS = 90 * 86_400_000;
const PURGE_EVERY_MS = 60 * 60_000;
const PURGE_BATCH = 1000;

/** Wait before retry number `attempt` + 1: 30 s, 1 min, 2 min, 4 min, … capped at 6 h. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** An error's class and code, never its message (messages can carry addresses or content). */
export function errorClass(err: unknown): string {
  if (isAppError(err)) return `AppError:${err.code}`;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const name = err.name && /^[A-Za-z0-9_]+$/.test(err.name) ? err.name : "Error";
    return typeof code === "string" && /^[A-Za-z0-9_.-]{1,60}$/.test(code) ? `${name}:${code}` : name;
  }
  return "unknown";
}

const TYPE_RE = /^[a-z][a-z0-9_.-]{0,80}$/;

export function createJobQueue(deps: CoreDeps): JobQueue {
  const handlers = new Map<string, JobHandler>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<unknown> | undefined;
  let lastPurge = Number.NEGATIVE_INFINITY;

  async function runOne(job: JobRow, result: RunResult) {
    const handler = handlers.get(job.type)!;
    const lastAttempt = job.attempts >= job.maxAttempts;
    try {
      await handler(job.payload, {
        jobId: job.id,
        tenantId: job.tenantId,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        lastAttempt,
      });
      await jobRepo.finish(deps.db, job, { status: "done", lastError: null }, deps.clock.now());
      result.done++;
    } catch (err) {
      const code = errorClass(err);
      const now = deps.clock.now();
      if (lastAttempt) {
        await jobRepo.finish(deps.db, job, { status: "failed", lastError: code }, now);
        result.failed++;
        deps.logger.warn(
          { jobId: job.id, type: job.type, attempts: job.attempts, error: code },
          "job failed",
        );
      } else {
        const runAt = new Date(now.getTime() + backoffMs(job.attempts));
        await jobRepo.finish(deps.db, job, { status: "queued", runAt, lastError: code }, now);
        result.retried++;
        deps.logger.info({ jobId: job.id, type: job.type, attempts: job.attempts, error: code }, "job retry");
      }
    }
  }

  async function runDue(opts: { limit?: number } = {}): Promise<RunResult> {
    const result: RunResult = { claimed: 0, done: 0, retried: 0, failed: 0 };
    const now = deps.clock.now();
    result.failed += await jobRepo.failExpiredExhausted(deps.db, now);
    if (now.getTime() - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = now.getTime();
      const before = {
        done: new Date(now.getTime() - KEEP_DONE_MS),
        failed: new Date(now.getTime() - KEEP_FAILED_MS),
      };
      // Batches until a short one: a backlog goes in one pass without one long statement.
      while ((await jobRepo.purgeFinished(deps.db, before, PURGE_BATCH)) === PURGE_BATCH) {}
    }
    const claimed = await jobRepo.claim(deps.db, [...handlers.keys()], now, LEASE_MS, opts.limit ?? 10);
    result.claimed = claimed.length;
    // One after the other: PGlite has a single connection, and mail servers like it calm.
    for (const job of claimed) await runOne(job, result);
    return result;
  }

  const queue: JobQueue = {
    async enqueue(type, payload, opts, db = deps.db) {
      if (!TYPE_RE.test(type)) throw new Error(`invalid job type ${JSON.stringify(type)}`);
      const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts must be ≥ 1");
      const row = await jobRepo.insert(db, {
        tenantId: opts.tenantId,
        type,
        payload,
        runAt: opts.runAt ?? deps.clock.now(),
        maxAttempts,
        dedupeKey: opts.dedupeKey ?? null,
        createdAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      });
      if (row) return { id: row.id, deduplicated: false };
      const existing = opts.dedupeKey
        ? await jobRepo.activeByDedupeKey(db, opts.tenantId, type, opts.dedupeKey)
        : undefined;
      if (!existing) throw new Error("job insert conflicted without a dedupe key");
      return { id: existing.id, deduplicated: true };
    },

    register(type, handler) {
      if (!TYPE_RE.test(type)) throw new Error(`invalid job type ${JSON.stringify(type)}`);
      if (handlers.has(type)) throw new Error(`job type ${type} is already registered`);
      handlers.set(type, handler);
    },

    runDue,

    start(opts = {}) {
      if (timer) return;
      const tick = () => {
        if (inFlight) return;
        inFlight = runDue({ limit: 10 })
          .catch((err) => deps.logger.error({ error: errorClass(err) }, "job worker tick failed"))
          .finally(() => {
            inFlight = undefined;
          });
      };
      timer = setInterval(tick, opts.intervalMs ?? 2000);
      timer.unref?.();
      tick();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },

    get: (tenantId, id) => jobRepo.byId(deps.db, tenantId, id),
    list: (tenantId, filter, page) => jobRepo.list(deps.db, tenantId, filter, page.limit, page.offset),
  };
  return queue;
}
