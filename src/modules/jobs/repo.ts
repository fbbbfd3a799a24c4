import { and, desc, eq, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { type JobStatus, jobs } from "./schema.ts";

export type JobRow = typeof jobs.$inferSelect;
export type JobInsert = typeof jobs.$inferInsert;

export const jobRepo = {
  /** Inserts unless a queued/running job with the same dedupe key exists; then returns undefined. */
  async insert(db: DbOrTx, row: JobInsert): Promise<JobRow | undefined> {
    const [created] = await db.insert(jobs).values(row).onConflictDoNothing().returning();
    return created;
  },

  async activeByDedupeKey(
    db: DbOrTx,
    tenantId: string,
    type: string,
    dedupeKey: string,
  ): Promise<JobRow | undefined> {
    const [row] = await db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.tenantId, tenantId),
          eq(jobs.type, type),
          eq(jobs.dedupeKey, dedupeKey),
          inArray(jobs.status, ["queued", "running"]),
        ),
      );
    return row;
  },

  async byId(db: DbOrTx, tenantId: string, id: string): Promise<JobRow | undefined> {
    const [row] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)));
    return row;
  },

  /** Running jobs whose lease ran out and that have no attempt left: they fail. */
  async failExpiredExhausted(db: DbOrTx, now: Date): Promise<number> {
    const rows = await db
      .update(jobs)
      .set({
        status: "failed",
        lastError: "lease_expired",
        lockedUntil: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(jobs.status, "running"),
          lt(jobs.lockedUntil, now),
          sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
        ),
      )
      .returning({ id: jobs.id });
    return rows.length;
  },

  /**
   * Claims up to `limit` due jobs of the given types: queued ones whose time has come, and
   * running ones whose lease expired (their worker died). SKIP LOCKED lets several workers
   * claim side by side without waiting on each other.
   */
  async claim(db: DbOrTx, types: string[], now: Date, leaseMs: number, limit: number): Promise<JobRow[]> {
    if (types.length === 0 || limit <= 0) return [];
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ tenantId: jobs.tenantId, id: jobs.id })
        .from(jobs)
        .where(
          and(
            inArray(jobs.type, types),
            inArray(jobs.status, ["queued", "running"]),
            or(
              and(eq(jobs.status, "queued"), lte(jobs.runAt, now)),
              and(eq(jobs.status, "running"), lt(jobs.lockedUntil, now)),
            ),
          ),
        )
        .orderBy(jobs.runAt, jobs.id)
        .limit(limit)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(jobs)
        .set({
          status: "running",
          attempts: sql`${jobs.attempts} + 1`,
          lockedUntil: new Date(now.getTime() + leaseMs),
          updatedAt: now,
        })
        .where(or(...due.map((d) => and(eq(jobs.tenantId, d.tenantId), eq(jobs.id, d.id)))))
        .returning();
    });
  },

  /** Finishes a claimed job, unless another worker took it over meanwhile (attempt changed). */
  async finish(
    db: DbOrTx,
    job: Pick<JobRow, "tenantId" | "id" | "attempts">,
    patch: { status: JobStatus; runAt?: Date; lastError?: string | null },
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({
        status: patch.status,
        lockedUntil: null,
        updatedAt: now,
        ...(patch.runAt ? { runAt: patch.runAt } : {}),
        ...(patch.lastError !== undefined ? { lastError: patch.lastError } : {}),
        ...(patch.status === "done" || patch.status === "failed" ? { finishedAt: now } : {}),
      })
      .where(
        and(
          eq(jobs.tenantId, job.tenantId),
          eq(jobs.id, job.id),
          eq(jobs.status, "running"),
          eq(jobs.attempts, job.attempts),
        ),
      )
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  /**
   * Deletes up to `limit` jobs finished before the given instants (done and failed kept apart), over
   * all tenants like the claim; the partial index on finished jobs keeps it a short range scan.
   */
  async purgeFinished(db: DbOrTx, before: { done: Date; failed: Date }, limit: number): Promise<number> {
    const old = db
      .select({ tenantId: jobs.tenantId, id: jobs.id })
      .from(jobs)
      .where(
        or(
          and(eq(jobs.status, "done"), lt(jobs.finishedAt, before.done)),
          and(eq(jobs.status, "failed"), lt(jobs.finishedAt, before.failed)),
        ),
      )
      .limit(limit);
    const rows = await db
      .delete(jobs)
      .where(sql`(${jobs.tenantId}, ${jobs.id}) IN (${old})`)
      .returning({ id: jobs.id });
    return rows.length;
  },

  async list(
    db: DbOrTx,
    tenantId: string,
    f: { status?: JobStatus | undefined; type?: string | undefined },
    limit: number,
    offset: number,
  ): Promise<JobRow[]> {
    const where: SQL[] = [eq(jobs.tenantId, tenantId)];
    if (f.status) where.push(eq(jobs.status, f.status));
    if (f.type) where.push(eq(jobs.type, f.type));
    return db
      .select()
      .from(jobs)
      .where(and(...where))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(limit)
      .offset(offset);
  },
};
