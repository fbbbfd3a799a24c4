import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { HomeSnapshot, NotifyMode } from "./model.ts";
import { homeNotifications } from "./schema.ts";

export type HomeNotificationRow = typeof homeNotifications.$inferSelect;

export const homeRepo = {
  async ofUser(db: DbOrTx, tenantId: string, userId: string): Promise<HomeNotificationRow | undefined> {
    const [row] = await db
      .select()
      .from(homeNotifications)
      .where(and(eq(homeNotifications.tenantId, tenantId), eq(homeNotifications.userId, userId)));
    return row;
  },
  ofTenant(db: DbOrTx, tenantId: string): Promise<HomeNotificationRow[]> {
    return db.select().from(homeNotifications).where(eq(homeNotifications.tenantId, tenantId));
  },
  async setMode(db: DbOrTx, tenantId: string, userId: string, mode: NotifyMode, now: Date) {
    await db
      .insert(homeNotifications)
      .values({ tenantId, userId, mode })
      .onConflictDoUpdate({
        target: [homeNotifications.tenantId, homeNotifications.userId],
        set: { mode, version: sql`${homeNotifications.version} + 1`, updatedAt: now },
      });
  },
  /**
   * Claims the day's digest for a user: true once per (user, day), false when a run already
   * claimed it (a rerun or a retried job sends nothing twice).
   */
  async claimDay(db: DbOrTx, tenantId: string, userId: string, day: string, now: Date): Promise<boolean> {
    const rows = await db
      .insert(homeNotifications)
      .values({ tenantId, userId, lastDigestOn: day })
      .onConflictDoUpdate({
        target: [homeNotifications.tenantId, homeNotifications.userId],
        set: { lastDigestOn: day, updatedAt: now },
        setWhere: sql`${homeNotifications.lastDigestOn} is distinct from ${day}`,
      })
      .returning({ userId: homeNotifications.userId });
    return rows.length > 0;
  },
  /** The base of the next comparison; `sentAt` when a mail went out. */
  async recordSnapshot(
    db: DbOrTx,
    tenantId: string,
    userId: string,
    snapshot: HomeSnapshot,
    sentAt: Date | null,
    now: Date,
  ) {
    await db
      .insert(homeNotifications)
      .values({ tenantId, userId, snapshot, lastSentAt: sentAt })
      .onConflictDoUpdate({
        target: [homeNotifications.tenantId, homeNotifications.userId],
        set: { snapshot, ...(sentAt ? { lastSentAt: sentAt } : {}), updatedAt: now },
      });
  },
};
