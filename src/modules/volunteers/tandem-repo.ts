import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { TandemState } from "./model.ts";
import { volunteerHours, volunteerTandems } from "./schema.ts";

export type TandemRow = typeof volunteerTandems.$inferSelect;
export type TandemInsert = typeof volunteerTandems.$inferInsert;
export type HoursRow = typeof volunteerHours.$inferSelect;

export const tandemRepo = {
  async insert(db: DbOrTx, row: TandemInsert): Promise<TandemRow> {
    const [created] = await db.insert(volunteerTandems).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<TandemRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteerTandems)
      .where(and(eq(volunteerTandems.tenantId, tenantId), eq(volunteerTandems.id, id)));
    return row;
  },
  /** The coordinator's list: waiting first (oldest first: the waiting list), then running, then ended. */
  list(db: DbOrTx, tenantId: string, states?: readonly TandemState[]): Promise<TandemRow[]> {
    return db
      .select()
      .from(volunteerTandems)
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          states ? inArray(volunteerTandems.state, [...states]) : undefined,
        ),
      )
      .orderBy(
        sql`case ${volunteerTandems.state} when 'waiting' then 0 when 'active' then 1 else 2 end`,
        asc(volunteerTandems.createdAt),
        asc(volunteerTandems.id),
      );
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<TandemInsert>,
    now: Date,
  ): Promise<TandemRow | undefined> {
    const [row] = await db
      .update(volunteerTandems)
      .set({ ...patch, version: sql`${volunteerTandems.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          eq(volunteerTandems.id, id),
          eq(volunteerTandems.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** Tandems ended in `year` by their recorded outcome (null: none recorded yet), for the numbers. */
  async outcomesOfYear(db: DbOrTx, tenantId: string, year: number) {
    const rows = await db
      .select({ outcome: volunteerTandems.outcome, n: sql<number>`count(*)::int` })
      .from(volunteerTandems)
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          eq(volunteerTandems.state, "ended"),
          sql`extract(year from ${volunteerTandems.endedOn}) = ${year}`,
        ),
      )
      .groupBy(volunteerTandems.outcome);
    return rows.map((r) => ({ outcome: r.outcome, n: Number(r.n) }));
  },
  /** Running tandems started on or before `startedBy` with fewer than `sent` check-ins sent. */
  dueForCheckIn(db: DbOrTx, tenantId: string, startedBy: string, sent: number): Promise<TandemRow[]> {
    return db
      .select()
      .from(volunteerTandems)
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          eq(volunteerTandems.state, "active"),
          sql`${volunteerTandems.startedOn} <= ${startedBy}`,
          lt(volunteerTandems.checkInsSent, sent),
        ),
      );
  },
  /** Marks a check-in as sent once: false if another run sent it first. */
  /** Tandems of these case-work persons or cases (a data subject's erasure and export). */
  ofSubject(db: DbOrTx, tenantId: string, personIds: readonly string[], caseIds: readonly string[]) {
    if (personIds.length === 0 && caseIds.length === 0) return Promise.resolve([] as TandemRow[]);
    return db
      .select()
      .from(volunteerTandems)
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          or(
            personIds.length ? inArray(volunteerTandems.personId, [...personIds]) : undefined,
            caseIds.length ? inArray(volunteerTandems.caseId, [...caseIds]) : undefined,
          ),
        ),
      )
      .orderBy(asc(volunteerTandems.createdAt));
  },
  /** A volunteer's own tandems, running ones first. */
  ofVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<TandemRow[]> {
    return db
      .select()
      .from(volunteerTandems)
      .where(and(eq(volunteerTandems.tenantId, tenantId), eq(volunteerTandems.volunteerId, volunteerId)))
      .orderBy(
        sql`case ${volunteerTandems.state} when 'active' then 0 else 1 end`,
        asc(volunteerTandems.createdAt),
      );
  },
  async markCheckIn(db: DbOrTx, tenantId: string, id: string, sent: number): Promise<boolean> {
    const rows = await db
      .update(volunteerTandems)
      .set({ checkInsSent: sent })
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          eq(volunteerTandems.id, id),
          lt(volunteerTandems.checkInsSent, sent),
        ),
      )
      .returning({ id: volunteerTandems.id });
    return rows.length === 1;
  },
  async delete(db: DbOrTx, tenantId: string, id: string): Promise<void> {
    await db
      .delete(volunteerHours)
      .where(and(eq(volunteerHours.tenantId, tenantId), eq(volunteerHours.tandemId, id)));
    await db
      .delete(volunteerTandems)
      .where(and(eq(volunteerTandems.tenantId, tenantId), eq(volunteerTandems.id, id)));
  },
  /** Retention: tandems ended before `endedBefore`, and waiting entries untouched since `staleSince`. */
  async dueForRetention(db: DbOrTx, tenantId: string, endedBefore: string, staleSince: Date) {
    const rows = await db
      .select({ id: volunteerTandems.id })
      .from(volunteerTandems)
      .where(
        and(
          eq(volunteerTandems.tenantId, tenantId),
          sql`((${volunteerTandems.state} = 'ended' and ${volunteerTandems.endedOn} < ${endedBefore})
            or (${volunteerTandems.state} = 'waiting' and ${volunteerTandems.updatedAt} < ${staleSince}))`,
        ),
      )
      .limit(500);
    return rows.map((r) => r.id);
  },
  /** Erasure of a volunteer: their tandems stay (the newcomer's), without them; their hours go. */
  async unlinkVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<number> {
    await db
      .delete(volunteerHours)
      .where(and(eq(volunteerHours.tenantId, tenantId), eq(volunteerHours.volunteerId, volunteerId)));
    const rows = await db
      .update(volunteerTandems)
      .set({ volunteerId: null })
      .where(and(eq(volunteerTandems.tenantId, tenantId), eq(volunteerTandems.volunteerId, volunteerId)))
      .returning({ id: volunteerTandems.id });
    return rows.length;
  },
};

export const hoursRepo = {
  async insert(db: DbOrTx, row: typeof volunteerHours.$inferInsert): Promise<HoursRow> {
    const [created] = await db.insert(volunteerHours).values(row).returning();
    return created!;
  },
  /** Logged tandem minutes per volunteer and tandem between two dates (inclusive). */
  /** Logged minutes per tandem. */
  async ofTandems(db: DbOrTx, tenantId: string, tandemIds: string[]): Promise<Map<string, number>> {
    if (tandemIds.length === 0) return new Map();
    const rows = await db
      .select({
        tandemId: volunteerHours.tandemId,
        minutes: sql<number>`cast(sum(${volunteerHours.minutes}) as integer)`,
      })
      .from(volunteerHours)
      .where(and(eq(volunteerHours.tenantId, tenantId), inArray(volunteerHours.tandemId, tandemIds)))
      .groupBy(volunteerHours.tandemId);
    return new Map(rows.map((r) => [r.tandemId, Number(r.minutes)]));
  },
  sums(db: DbOrTx, tenantId: string, from: string, to: string) {
    return db
      .select({
        volunteerId: volunteerHours.volunteerId,
        tandemId: volunteerHours.tandemId,
        minutes: sql<number>`cast(sum(${volunteerHours.minutes}) as integer)`,
      })
      .from(volunteerHours)
      .where(
        and(eq(volunteerHours.tenantId, tenantId), sql`${volunteerHours.date} between ${from} and ${to}`),
      )
      .groupBy(volunteerHours.volunteerId, volunteerHours.tandemId);
  },
};
