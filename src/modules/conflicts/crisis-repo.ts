import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictCrises, conflictCrisisAlerts, conflictCrisisChecks, conflictCrisisLog } from "./schema.ts";

export type CrisisRow = typeof conflictCrises.$inferSelect;
export type AlertRow = typeof conflictCrisisAlerts.$inferSelect;
export type CheckRow = typeof conflictCrisisChecks.$inferSelect;
export type CrisisLogRow = typeof conflictCrisisLog.$inferSelect;

const byCrisis = (t: { tenantId: AnyPgColumn; crisisId: AnyPgColumn }, tenantId: string, crisisId: string) =>
  and(eq(t.tenantId, tenantId), eq(t.crisisId, crisisId));

/** Crises and drills with their chain, checklist and log (decision 072). The log is append-only. */
export const crisisRepo = {
  async insert(
    db: DbOrTx,
    crisis: typeof conflictCrises.$inferInsert,
    alerts: Omit<typeof conflictCrisisAlerts.$inferInsert, "crisisId" | "tenantId">[],
    steps: string[],
  ): Promise<CrisisRow> {
    const [row] = await db.insert(conflictCrises).values(crisis).returning();
    const base = { tenantId: row!.tenantId, crisisId: row!.id };
    await db.insert(conflictCrisisAlerts).values(alerts.map((a) => ({ ...base, ...a })));
    if (steps.length)
      await db
        .insert(conflictCrisisChecks)
        .values(steps.map((step, i) => ({ ...base, position: i + 1, step })));
    return row!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<CrisisRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictCrises)
      .where(and(eq(conflictCrises.tenantId, tenantId), eq(conflictCrises.id, id)));
    return r;
  },
  list(db: DbOrTx, tenantId: string, limit: number) {
    const done = db
      .select({
        crisisId: conflictCrisisChecks.crisisId,
        total: count().as("total"),
        done: count(conflictCrisisChecks.doneAt).as("done"),
      })
      .from(conflictCrisisChecks)
      .where(eq(conflictCrisisChecks.tenantId, tenantId))
      .groupBy(conflictCrisisChecks.crisisId)
      .as("done");
    return db
      .select({ crisis: conflictCrises, total: done.total, done: done.done })
      .from(conflictCrises)
      .leftJoin(done, eq(done.crisisId, conflictCrises.id))
      .where(eq(conflictCrises.tenantId, tenantId))
      .orderBy(desc(conflictCrises.activatedAt), desc(conflictCrises.id))
      .limit(limit);
  },
  alerts(db: DbOrTx, tenantId: string, crisisId: string): Promise<AlertRow[]> {
    return db
      .select()
      .from(conflictCrisisAlerts)
      .where(byCrisis(conflictCrisisAlerts, tenantId, crisisId))
      .orderBy(asc(conflictCrisisAlerts.position));
  },
  checks(db: DbOrTx, tenantId: string, crisisId: string): Promise<CheckRow[]> {
    return db
      .select()
      .from(conflictCrisisChecks)
      .where(byCrisis(conflictCrisisChecks, tenantId, crisisId))
      .orderBy(asc(conflictCrisisChecks.position));
  },
  log(db: DbOrTx, tenantId: string, crisisId: string): Promise<CrisisLogRow[]> {
    return db
      .select()
      .from(conflictCrisisLog)
      .where(byCrisis(conflictCrisisLog, tenantId, crisisId))
      .orderBy(asc(conflictCrisisLog.at), asc(conflictCrisisLog.id));
  },
  async append(db: DbOrTx, entry: typeof conflictCrisisLog.$inferInsert): Promise<void> {
    await db.insert(conflictCrisisLog).values(entry);
  },
  async alertByToken(db: DbOrTx, tenantId: string, tokenHash: string): Promise<AlertRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictCrisisAlerts)
      .where(and(eq(conflictCrisisAlerts.tenantId, tenantId), eq(conflictCrisisAlerts.tokenHash, tokenHash)));
    return r;
  },
  /** Marks a link alerted; undefined when it was alerted already (the acknowledgement and the job race). */
  async claimAlert(
    db: DbOrTx,
    tenantId: string,
    crisisId: string,
    position: number,
    at: Date,
  ): Promise<AlertRow | undefined> {
    const [r] = await db
      .update(conflictCrisisAlerts)
      .set({ alertedAt: at })
      .where(
        and(
          byCrisis(conflictCrisisAlerts, tenantId, crisisId),
          eq(conflictCrisisAlerts.position, position),
          isNull(conflictCrisisAlerts.alertedAt),
        ),
      )
      .returning();
    return r;
  },
  async acknowledge(db: DbOrTx, alert: AlertRow, at: Date): Promise<boolean> {
    const rows = await db
      .update(conflictCrisisAlerts)
      .set({ acknowledgedAt: at })
      .where(
        and(
          eq(conflictCrisisAlerts.tenantId, alert.tenantId),
          eq(conflictCrisisAlerts.id, alert.id),
          isNotNull(conflictCrisisAlerts.alertedAt),
          isNull(conflictCrisisAlerts.acknowledgedAt),
        ),
      )
      .returning({ id: conflictCrisisAlerts.id });
    return rows.length === 1;
  },
  async setToken(db: DbOrTx, alert: AlertRow, tokenHash: string): Promise<void> {
    await db
      .update(conflictCrisisAlerts)
      .set({ tokenHash })
      .where(and(eq(conflictCrisisAlerts.tenantId, alert.tenantId), eq(conflictCrisisAlerts.id, alert.id)));
  },
  /** Ticks a step once: the second of two people ticking it gets undefined. */
  async tick(
    db: DbOrTx,
    tenantId: string,
    crisisId: string,
    position: number,
    userId: string,
    at: Date,
  ): Promise<CheckRow | undefined> {
    const [r] = await db
      .update(conflictCrisisChecks)
      .set({ doneAt: at, doneByUserId: userId })
      .where(
        and(
          byCrisis(conflictCrisisChecks, tenantId, crisisId),
          eq(conflictCrisisChecks.position, position),
          isNull(conflictCrisisChecks.doneAt),
        ),
      )
      .returning();
    return r;
  },
  /** Compare-and-set on version: undefined when the crisis was closed or changed meanwhile. */
  async close(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Pick<CrisisRow, "closedAt" | "closedByUserId" | "workedEnc" | "changeEnc">,
  ): Promise<CrisisRow | undefined> {
    const [r] = await db
      .update(conflictCrises)
      .set({
        ...patch,
        state: "closed",
        version: sql`${conflictCrises.version} + 1`,
        updatedAt: patch.closedAt!,
      })
      .where(
        and(
          eq(conflictCrises.tenantId, tenantId),
          eq(conflictCrises.id, id),
          eq(conflictCrises.version, version),
          eq(conflictCrises.state, "active"),
        ),
      )
      .returning();
    return r;
  },
  /** Crises closed before `before` (retention). */
  closedBefore(db: DbOrTx, tenantId: string, before: Date, limit: number) {
    return db
      .select({ id: conflictCrises.id })
      .from(conflictCrises)
      .where(
        and(
          eq(conflictCrises.tenantId, tenantId),
          eq(conflictCrises.state, "closed"),
          lt(conflictCrises.closedAt, before),
        ),
      )
      .limit(limit);
  },
  /** Deletes crises with their chain, checklist and log. */
  async delete(db: DbOrTx, tenantId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    for (const t of [conflictCrisisAlerts, conflictCrisisChecks, conflictCrisisLog])
      await db.delete(t).where(and(eq(t.tenantId, tenantId), inArray(t.crisisId, ids)));
    const rows = await db
      .delete(conflictCrises)
      .where(and(eq(conflictCrises.tenantId, tenantId), inArray(conflictCrises.id, ids)))
      .returning({ id: conflictCrises.id });
    return rows.length;
  },
};
