import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { conflictCaseLinks, conflictLog, conflictPosts, conflicts } from "./schema.ts";

export type PostRow = typeof conflictPosts.$inferSelect;
export type ConflictRow = typeof conflicts.$inferSelect;
export type ConflictInsert = typeof conflicts.$inferInsert;
export type LogRow = typeof conflictLog.$inferSelect;

/** What the queue shows: no encrypted column is read for a list. */
const queueColumns = {
  id: conflicts.id,
  reference: conflicts.reference,
  areaId: conflicts.areaId,
  kind: conflicts.kind,
  urgency: conflicts.urgency,
  severity: conflicts.severity,
  state: conflicts.state,
  handlerUserId: conflicts.handlerUserId,
  reportedAt: conflicts.reportedAt,
  dueAt: conflicts.dueAt,
  firstContactAt: conflicts.firstContactAt,
  escalatedAt: conflicts.escalatedAt,
  version: conflicts.version,
};
export type QueueRow = { [K in keyof typeof queueColumns]: ConflictRow[K] };

/** Reported within the calendar year in Unna's time zone, as a range the (tenant, reported_at) index serves. */
const inYear = (year: number) =>
  sql`${conflicts.reportedAt} >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Europe/Berlin') AND ${conflicts.reportedAt} < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Europe/Berlin')`;

const OPEN = sql`${conflicts.state} <> 'closed'`;
/** A duplicate merged into another conflict is the same incident: the numbers count it once (decision 113). */
const COUNTED = isNull(conflicts.mergedIntoId);

export const conflictRepo = {
  async insertPost(db: DbOrTx, row: typeof conflictPosts.$inferInsert): Promise<PostRow> {
    const [r] = await db.insert(conflictPosts).values(row).returning();
    return r!;
  },
  listPosts(db: DbOrTx, tenantId: string): Promise<PostRow[]> {
    return db
      .select()
      .from(conflictPosts)
      .where(eq(conflictPosts.tenantId, tenantId))
      .orderBy(conflictPosts.name);
  },
  async postByToken(db: DbOrTx, tokenHash: string): Promise<PostRow | undefined> {
    const [r] = await db
      .select()
      .from(conflictPosts)
      .where(and(eq(conflictPosts.tokenHash, tokenHash), eq(conflictPosts.active, true)));
    return r;
  },

  async insert(db: DbOrTx, row: ConflictInsert): Promise<ConflictRow> {
    const [r] = await db.insert(conflicts).values(row).returning();
    return r!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ConflictRow | undefined> {
    const [r] = await db
      .select()
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.id, id)));
    return r;
  },
  async byStatusToken(db: DbOrTx, tokenHash: string): Promise<ConflictRow | undefined> {
    const [r] = await db.select().from(conflicts).where(eq(conflicts.statusTokenHash, tokenHash));
    return r;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<ConflictInsert>,
    now: Date,
  ): Promise<ConflictRow | undefined> {
    const [r] = await db
      .update(conflicts)
      .set({ ...patch, version: sql`${conflicts.version} + 1`, updatedAt: now })
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.id, id), eq(conflicts.version, version)))
      .returning();
    return r;
  },
  /** The contact point's queue: open conflicts, the earliest deadline first. */
  queue(
    db: DbOrTx,
    tenantId: string,
    f: {
      /** Only open conflicts (the default view), served in deadline order by the partial index. */
      openOnly: boolean;
      handlerUserId?: string | undefined;
      overdueAt?: Date | undefined;
      limit: number;
    },
  ): Promise<QueueRow[]> {
    return db
      .select(queueColumns)
      .from(conflicts)
      .where(
        and(
          eq(conflicts.tenantId, tenantId),
          // A literal, not a parameter: the planner must see it implies the partial index's predicate.
          f.openOnly ? OPEN : undefined,
          f.handlerUserId ? eq(conflicts.handlerUserId, f.handlerUserId) : undefined,
          f.overdueAt ? and(isNull(conflicts.firstContactAt), lt(conflicts.dueAt, f.overdueAt)) : undefined,
        ),
      )
      .orderBy(asc(conflicts.dueAt), asc(conflicts.id))
      .limit(f.limit);
  },
  /** Open conflicts in the area, of the given kinds, reported in the window (duplicate warning). */
  similarOpen(
    db: DbOrTx,
    tenantId: string,
    f: { areaId: string; kinds: readonly string[]; from: Date; to: Date; exceptId: string },
  ) {
    return db
      .select({
        id: conflicts.id,
        reference: conflicts.reference,
        kind: conflicts.kind,
        place: conflicts.place,
        state: conflicts.state,
        reportedAt: conflicts.reportedAt,
      })
      .from(conflicts)
      .where(
        and(
          eq(conflicts.tenantId, tenantId),
          OPEN,
          eq(conflicts.areaId, f.areaId),
          inArray(conflicts.kind, [...f.kinds]),
          gte(conflicts.reportedAt, f.from),
          lte(conflicts.reportedAt, f.to),
          ne(conflicts.id, f.exceptId),
        ),
      )
      .orderBy(asc(conflicts.reportedAt))
      .limit(20);
  },
  escalated(db: DbOrTx, tenantId: string): Promise<QueueRow[]> {
    return db
      .select(queueColumns)
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), isNotNull(conflicts.escalatedAt)))
      .orderBy(desc(conflicts.escalatedAt))
      .limit(500);
  },
  escalationReasons(db: DbOrTx, tenantId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select({
        id: conflicts.id,
        reason: conflicts.escalationReason,
        parties: conflicts.parties,
        meetingId: conflicts.escalationMeetingId,
      })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), inArray(conflicts.id, ids)));
  },

  async insertLog(db: DbOrTx, row: typeof conflictLog.$inferInsert): Promise<LogRow> {
    const [r] = await db.insert(conflictLog).values(row).returning();
    return r!;
  },
  logOf(db: DbOrTx, tenantId: string, conflictId: string): Promise<LogRow[]> {
    return db
      .select()
      .from(conflictLog)
      .where(and(eq(conflictLog.tenantId, tenantId), eq(conflictLog.conflictId, conflictId)))
      .orderBy(asc(conflictLog.at), asc(conflictLog.id));
  },
  /** Stops the service-level clock; not an edit, so the version stays. */
  async setFirstContact(db: DbOrTx, tenantId: string, id: string, at: Date): Promise<void> {
    await db
      .update(conflicts)
      .set({ firstContactAt: at })
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.id, id), isNull(conflicts.firstContactAt)));
  },
  async hasAgreement(db: DbOrTx, tenantId: string, conflictId: string): Promise<boolean> {
    const [r] = await db
      .select({ n: count() })
      .from(conflictLog)
      .where(
        and(
          eq(conflictLog.tenantId, tenantId),
          eq(conflictLog.conflictId, conflictId),
          eq(conflictLog.kind, "agreement"),
        ),
      );
    return (r?.n ?? 0) > 0;
  },

  /** Overdue open conflicts per handler, for the daily digest (references only). */
  overdue(db: DbOrTx, tenantId: string, now: Date) {
    return db
      .select({
        reference: conflicts.reference,
        handlerUserId: conflicts.handlerUserId,
        dueAt: conflicts.dueAt,
      })
      .from(conflicts)
      .where(
        and(
          eq(conflicts.tenantId, tenantId),
          OPEN,
          isNull(conflicts.firstContactAt),
          lt(conflicts.dueAt, now),
        ),
      )
      .orderBy(asc(conflicts.dueAt))
      .limit(5000);
  },
  dueForRetention(db: DbOrTx, tenantId: string, today: string, limit: number) {
    return db
      .select({ id: conflicts.id })
      .from(conflicts)
      .where(
        and(
          eq(conflicts.tenantId, tenantId),
          eq(conflicts.state, "closed"),
          lte(conflicts.retentionDueOn, today),
        ),
      )
      .limit(limit);
  },
  /**
   * Deletes a conflict with its log and the duplicates merged into it (decision 113); returns the
   * ids deleted (for redacting their audit entries). Merges keep one level, so one step suffices.
   */
  async delete(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
    const merged = await db
      .select({ id: conflicts.id })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.mergedIntoId, id)));
    const ids = [id, ...merged.map((m) => m.id)];
    // Links of its parties to case work's cases go with the conflict (decision 080).
    await db
      .delete(conflictCaseLinks)
      .where(and(eq(conflictCaseLinks.tenantId, tenantId), inArray(conflictCaseLinks.conflictId, ids)));
    const log = await db
      .delete(conflictLog)
      .where(and(eq(conflictLog.tenantId, tenantId), inArray(conflictLog.conflictId, ids)))
      .returning({ id: conflictLog.id });
    const c = await db
      .delete(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), inArray(conflicts.id, ids)))
      .returning({ id: conflicts.id });
    if (!c.some((r) => r.id === id)) return [];
    return [...c.map((r) => r.id), ...log.map((r) => r.id)];
  },

  /** Counts per area, kind and quarter of the report, for one year (Europe/Berlin dates). */
  perAreaKindQuarter(db: DbOrTx, tenantId: string, year: number) {
    const local = sql`(${conflicts.reportedAt} AT TIME ZONE 'Europe/Berlin')`;
    const quarter = sql<number>`extract(quarter from ${local})::int`;
    return db
      .select({ areaId: conflicts.areaId, kind: conflicts.kind, quarter, n: count() })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), COUNTED, inYear(year)))
      .groupBy(conflicts.areaId, conflicts.kind, quarter);
  },
  /** Per quarter: reports, first contacts within the service level, contacts late, no contact yet. */
  firstContactByQuarter(db: DbOrTx, tenantId: string, year: number) {
    const local = sql`(${conflicts.reportedAt} AT TIME ZONE 'Europe/Berlin')`;
    const quarter = sql<number>`extract(quarter from ${local})::int`;
    return db
      .select({
        quarter,
        inTime: sql<number>`count(*) filter (where ${conflicts.firstContactAt} <= ${conflicts.dueAt})::int`,
        late: sql<number>`count(*) filter (where ${conflicts.firstContactAt} > ${conflicts.dueAt})::int`,
        none: sql<number>`count(*) filter (where ${conflicts.firstContactAt} is null)::int`,
      })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), COUNTED, inYear(year)))
      .groupBy(quarter);
  },
  outcomes(db: DbOrTx, tenantId: string, year: number) {
    return db
      .select({ outcome: conflicts.outcome, n: count() })
      .from(conflicts)
      .where(and(eq(conflicts.tenantId, tenantId), eq(conflicts.state, "closed"), COUNTED, inYear(year)))
      .groupBy(conflicts.outcome);
  },
};
