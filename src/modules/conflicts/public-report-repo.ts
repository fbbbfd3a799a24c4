import { and, asc, count, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictPublicReports, conflictSettings } from "./schema.ts";

export type PublicReportRow = typeof conflictPublicReports.$inferSelect;
export type PublicReportInsert = typeof conflictPublicReports.$inferInsert;

/** One waiting report at the version its moderator read (the compare-and-set of decision 120). */
const pendingAt = (tenantId: string, id: string, version: number) =>
  and(
    eq(conflictPublicReports.tenantId, tenantId),
    eq(conflictPublicReports.id, id),
    eq(conflictPublicReports.state, "pending"),
    eq(conflictPublicReports.version, version),
  );

/** The open public form's switch and its moderation queue (decision 120). */
export const publicReportRepo = {
  async settings(db: DbOrTx, tenantId: string) {
    const [r] = await db.select().from(conflictSettings).where(eq(conflictSettings.tenantId, tenantId));
    return r;
  },
  /**
   * Version 0 creates the row (a second first save loses on the key); later saves compare-and-set.
   * A period left out keeps the saved one (or the default on the first save).
   */
  async saveSettings(
    db: DbOrTx,
    tenantId: string,
    version: number,
    patch: { publicForm: boolean; pendingRetentionDays?: number | undefined },
    now: Date,
  ) {
    const set = {
      publicForm: patch.publicForm,
      ...(patch.pendingRetentionDays ? { pendingRetentionDays: patch.pendingRetentionDays } : {}),
      updatedAt: now,
    };
    if (version === 0) {
      const [r] = await db
        .insert(conflictSettings)
        .values({ tenantId, ...set })
        .onConflictDoNothing()
        .returning();
      return r;
    }
    const [r] = await db
      .update(conflictSettings)
      .set({ ...set, version: sql`${conflictSettings.version} + 1` })
      .where(and(eq(conflictSettings.tenantId, tenantId), eq(conflictSettings.version, version)))
      .returning();
    return r;
  },

  async insert(db: DbOrTx, row: PublicReportInsert): Promise<PublicReportRow> {
    const [r] = await db.insert(conflictPublicReports).values(row).returning();
    return r!;
  },
  /** Reports from one source (hashed client address) since a time: the hourly rate limit. */
  async countFromSource(db: DbOrTx, tenantId: string, sourceKey: string, since: Date): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(conflictPublicReports)
      .where(
        and(
          eq(conflictPublicReports.tenantId, tenantId),
          eq(conflictPublicReports.sourceKey, sourceKey),
          gte(conflictPublicReports.receivedAt, since),
        ),
      );
    return r?.n ?? 0;
  },
  pending(db: DbOrTx, tenantId: string, limit: number): Promise<PublicReportRow[]> {
    return db
      .select()
      .from(conflictPublicReports)
      .where(and(eq(conflictPublicReports.tenantId, tenantId), eq(conflictPublicReports.state, "pending")))
      .orderBy(asc(conflictPublicReports.receivedAt), asc(conflictPublicReports.id))
      .limit(limit);
  },
  async countPending(db: DbOrTx, tenantId: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(conflictPublicReports)
      .where(and(eq(conflictPublicReports.tenantId, tenantId), eq(conflictPublicReports.state, "pending")));
    return r?.n ?? 0;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PublicReportRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictPublicReports)
      .where(and(eq(conflictPublicReports.tenantId, tenantId), eq(conflictPublicReports.id, id)));
    return r;
  },
  async byStatusToken(db: DbOrTx, tokenHash: string): Promise<PublicReportRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictPublicReports)
      .where(eq(conflictPublicReports.statusTokenHash, tokenHash));
    return r;
  },
  /** Taking a pending report out of the queue, compare-and-set: undefined when someone else was first. */
  async takePending(db: DbOrTx, tenantId: string, id: string, version: number) {
    const [r] = await db
      .delete(conflictPublicReports)
      .where(pendingAt(tenantId, id, version))
      .returning();
    return r;
  },
  async reject(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: { rejectedAt: Date; rejectedByUserId: string; rejectReasonEnc: string; retentionDueOn: string },
  ) {
    const [r] = await db
      .update(conflictPublicReports)
      .set({
        ...patch,
        state: "rejected",
        version: sql`${conflictPublicReports.version} + 1`,
        updatedAt: patch.rejectedAt,
      })
      .where(pendingAt(tenantId, id, version))
      .returning();
    return r;
  },
  /** Pending reports received before a time, oldest first (the retention of unmoderated ones). */
  pendingBefore(db: DbOrTx, tenantId: string, before: Date, limit: number) {
    return db
      .select({ id: conflictPublicReports.id, receivedAt: conflictPublicReports.receivedAt })
      .from(conflictPublicReports)
      .where(
        and(
          eq(conflictPublicReports.tenantId, tenantId),
          eq(conflictPublicReports.state, "pending"),
          lt(conflictPublicReports.receivedAt, before),
        ),
      )
      .orderBy(asc(conflictPublicReports.receivedAt), asc(conflictPublicReports.id))
      .limit(limit);
  },
  /** Erasing one waiting report: undefined when it was moderated or erased meanwhile. */
  async deletePending(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .delete(conflictPublicReports)
      .where(
        and(
          eq(conflictPublicReports.tenantId, tenantId),
          eq(conflictPublicReports.id, id),
          eq(conflictPublicReports.state, "pending"),
        ),
      )
      .returning({ id: conflictPublicReports.id });
    return r;
  },
  /** Rejected reports past their retention date (ids only). */
  dueForRetention(db: DbOrTx, tenantId: string, today: string, limit: number) {
    return db
      .select({ id: conflictPublicReports.id })
      .from(conflictPublicReports)
      .where(
        and(
          eq(conflictPublicReports.tenantId, tenantId),
          eq(conflictPublicReports.state, "rejected"),
          lte(conflictPublicReports.retentionDueOn, today),
        ),
      )
      .limit(limit);
  },
  async delete(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
    const r = await db
      .delete(conflictPublicReports)
      .where(and(eq(conflictPublicReports.tenantId, tenantId), eq(conflictPublicReports.id, id)))
      .returning({ id: conflictPublicReports.id });
    return r.length > 0;
  },
};
