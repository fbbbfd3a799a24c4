import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { auditLog } from "./schema.ts";

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export type AuditFilter = {
  actorUserId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export const auditRepo = {
  async insert(db: DbOrTx, row: AuditInsert): Promise<void> {
    await db.insert(auditLog).values(row);
  },
  async insertMany(db: DbOrTx, rows: AuditInsert[]): Promise<void> {
    if (rows.length) await db.insert(auditLog).values(rows);
  },

  /** Reads of any of these records, or reads whose entry names one of them among the ids it exposed. */
  async readsOf(db: DbOrTx, tenantId: string, ids: string[], limit: number): Promise<AuditRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, tenantId),
          eq(auditLog.action, "read"),
          or(
            inArray(auditLog.entityId, ids),
            ...ids.map((id) => sql`${auditLog.changes}::text LIKE ${`%${id}%`}`),
          ),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
  },

  /**
   * Erasure and retention only: strips the changes and reasons of earlier entries about these
   * records, so no content of erased data survives in the log (who, when, what, which id stay).
   * Must run inside the erasing transaction; the append-only trigger allows it only there.
   */
  async redactEntities(tx: DbOrTx, tenantId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await tx.execute(sql`SELECT set_config('lotse.audit_redaction', 'on', true)`);
    const rows = await tx
      .update(auditLog)
      .set({ changes: null, reason: null })
      .where(
        and(
          eq(auditLog.tenantId, tenantId),
          inArray(auditLog.entityId, ids),
          or(sql`${auditLog.changes} IS NOT NULL`, sql`${auditLog.reason} IS NOT NULL`),
        ),
      )
      .returning({ id: auditLog.id });
    await tx.execute(sql`SELECT set_config('lotse.audit_redaction', 'off', true)`);
    return rows.length;
  },

  async list(
    db: DbOrTx,
    tenantId: string,
    f: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<AuditRow[]> {
    const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
    if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId));
    if (f.action) where.push(eq(auditLog.action, f.action));
    if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
    if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
    if (f.from) where.push(gte(auditLog.at, f.from));
    if (f.to) where.push(lt(auditLog.at, f.to));
    return db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit)
      .offset(offset);
  },
};
