import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt } from "../../server/db/columns.ts";
import { JOB_STATUSES } from "./model.ts";

export { JOB_STATUSES, type JobStatus } from "./model.ts";

/**
 * The job queue (see src/modules/jobs/queue.ts). Every job belongs to a tenant.
 *
 * Payload rule: a payload carries ids and options, never personal data. A job that needs
 * personal data (a mail's recipient and body) loads it from its own module's table by id.
 * last_error holds an error class/code only (e.g. "SmtpError:ECONNECTION"), never a message.
 */
export const jobs = pgTable(
  "jobs",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** While running: the lease. A job still "running" after this is taken over and retried. */
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    /** At most one queued or running job per (tenant, type, dedupe key). */
    dedupeKey: text("dedupe_key"),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("jobs_tenant_created_idx").on(t.tenantId, t.createdAt),
    // The worker claims across tenants, so this one index cannot lead with tenant_id.
    index("jobs_due_idx").on(t.runAt).where(sql`status IN ('queued', 'running')`),
    // The hourly purge of finished jobs (queue.ts) reads this range.
    index("jobs_finished_idx").on(t.finishedAt).where(sql`status IN ('done', 'failed')`),
    uniqueIndex("jobs_dedupe_key")
      .on(t.tenantId, t.type, t.dedupeKey)
      .where(sql`dedupe_key IS NOT NULL AND status IN ('queued', 'running')`),
  ],
);
