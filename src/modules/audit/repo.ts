import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
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
