/** The review interval of a tenant and the reminders sent about entries nobody checked. */
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { nameColumn, orgColumn, table } from "./entries.repo.ts";
import { directoryReminders, directorySettings, type RevisionEntityType } from "./schema.ts";

const REMINDER_TYPES: RevisionEntityType[] = ["organization", "place", "offer", "event"];

export const remindersRepo = {
  async settings(db: DbOrTx, tenantId: string) {
    const [row] = await db.select().from(directorySettings).where(eq(directorySettings.tenantId, tenantId));
    return row;
  },
  /** Insert (expected version 0) or compare-and-set update; undefined on a conflict. */
  async saveSettings(db: DbOrTx, tenantId: string, version: number, reviewIntervalDays: number, now: Date) {
    if (version === 0) {
      const rows = await db
        .insert(directorySettings)
        .values({ tenantId, reviewIntervalDays, version: 1, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      return rows[0];
    }
    const [row] = await db
      .update(directorySettings)
      .set({ reviewIntervalDays, version: sql`${directorySettings.version} + 1`, updatedAt: now })
      .where(and(eq(directorySettings.tenantId, tenantId), eq(directorySettings.version, version)))
      .returning();
    return row;
  },

  // ---- Reminders ----

  /**
   * Published entries not checked since `checkedBefore` (never checked: counted from the last
   * change) that got no reminder since `remindedBefore`.
   */
  async dueForReminder(
    db: DbOrTx,
    tenantId: string,
    checkedBefore: Date,
    remindedBefore: Date,
    limit: number,
  ) {
    const out: { type: RevisionEntityType; id: string; name: string; organizationId: string | null }[] = [];
    for (const type of REMINDER_TYPES) {
      const t = table(type);
      const rows = await db
        .select({ id: t.id, name: nameColumn(type), organizationId: orgColumn(type) })
        .from(t)
        .leftJoin(
          directoryReminders,
          and(
            eq(directoryReminders.tenantId, t.tenantId),
            eq(directoryReminders.entityType, type),
            eq(directoryReminders.entityId, t.id),
          ),
        )
        .where(
          and(
            eq(t.tenantId, tenantId),
            eq(t.status, "published"),
            lt(sql`coalesce(${t.lastCheckedAt}, ${t.updatedAt})`, checkedBefore),
            or(isNull(directoryReminders.lastSentAt), lt(directoryReminders.lastSentAt, remindedBefore)),
          ),
        )
        .orderBy(asc(t.id))
        .limit(limit);
      for (const r of rows as { id: string; name: string; organizationId: string | null }[])
        out.push({ type, ...r });
    }
    return out;
  },

  async markReminded(db: DbOrTx, tenantId: string, type: RevisionEntityType, entityId: string, at: Date) {
    await db
      .insert(directoryReminders)
      .values({ tenantId, entityType: type, entityId, lastSentAt: at })
      .onConflictDoUpdate({
        target: [directoryReminders.tenantId, directoryReminders.entityType, directoryReminders.entityId],
        set: { lastSentAt: at },
      });
  },
};
