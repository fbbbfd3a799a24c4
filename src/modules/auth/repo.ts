import { and, eq, gt, isNull, like, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { loginThrottle, passwordResetTokens, sessions } from "./schema.ts";

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;
export type ResetTokenRow = typeof passwordResetTokens.$inferSelect;

export const sessionRepo = {
  async insert(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<SessionRow> {
    const [created] = await db.insert(sessions).values(row).returning();
    return created!;
  },
  async byTokenHash(db: DbOrTx, tenantId: string, tokenHash: string): Promise<SessionRow | undefined> {
    const [row] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)));
    return row;
  },
  async touch(db: DbOrTx, tenantId: string, id: string, now: Date): Promise<void> {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
  },
  async setMfaSatisfied(db: DbOrTx, tenantId: string, id: string): Promise<void> {
    await db
      .update(sessions)
      .set({ mfaSatisfied: true })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
  },
  async delete(db: DbOrTx, tenantId: string, id: string): Promise<void> {
    await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
  },
  /** All sessions of a user, optionally keeping one (the one that asked). Returns how many ended. */
  async deleteForUser(db: DbOrTx, tenantId: string, userId: string, keepId?: string): Promise<number> {
    const rows = await db
      .delete(sessions)
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          eq(sessions.userId, userId),
          ...(keepId ? [ne(sessions.id, keepId)] : []),
        ),
      )
      .returning({ id: sessions.id });
    return rows.length;
  },
  async deleteExpired(db: DbOrTx, now: Date): Promise<void> {
    await db.delete(sessions).where(lte(sessions.expiresAt, now));
  },
};

export const throttleRepo = {
  async get(db: DbOrTx, tenantId: string, key: string): Promise<ThrottleRow | undefined> {
    const [row] = await db
      .select()
      .from(loginThrottle)
      .where(and(eq(loginThrottle.tenantId, tenantId), eq(loginThrottle.key, key)));
    return row;
  },
  /** Counts one more failure atomically and returns the new state. */
  async addFailure(db: DbOrTx, tenantId: string, key: string, now: Date): Promise<ThrottleRow> {
    const [row] = await db
      .insert(loginThrottle)
      .values({ tenantId, key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: [loginThrottle.tenantId, loginThrottle.key],
        set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now },
      })
      .returning();
    return row!;
  },
  async lock(db: DbOrTx, tenantId: string, key: string, until: Date, lockCount: number): Promise<void> {
    await db
      .update(loginThrottle)
      .set({ lockedUntil: until, lockCount, failures: 0 })
      .where(and(eq(loginThrottle.tenantId, tenantId), eq(loginThrottle.key, key)));
  },
  async clear(db: DbOrTx, tenantId: string, key: string): Promise<void> {
    await db
      .delete(loginThrottle)
      .where(and(eq(loginThrottle.tenantId, tenantId), eq(loginThrottle.key, key)));
  },
  /** Keys are hex hashes and fixed words: the prefix holds no LIKE wildcards. */
  async clearPrefix(db: DbOrTx, tenantId: string, prefix: string): Promise<void> {
    await db
      .delete(loginThrottle)
      .where(and(eq(loginThrottle.tenantId, tenantId), like(loginThrottle.key, `${prefix}%`)));
  },
};

export const resetTokenRepo = {
  async insert(db: DbOrTx, row: typeof passwordResetTokens.$inferInsert): Promise<void> {
    await db.insert(passwordResetTokens).values(row);
  },
  /** Marks the token used if it is unused and unexpired; returns it, or undefined (single use, race-free). */
  async consume(
    db: DbOrTx,
    tenantId: string,
    tokenHash: string,
    now: Date,
  ): Promise<ResetTokenRow | undefined> {
    const [row] = await db
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tenantId, tenantId),
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning();
    return row;
  },
  /** A new link makes the older unused links of the same user worthless. */
  async invalidateForUser(db: DbOrTx, tenantId: string, userId: string, now: Date): Promise<void> {
    await db
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tenantId, tenantId),
          eq(passwordResetTokens.userId, userId),
          isNull(passwordResetTokens.usedAt),
        ),
      );
  },
};
