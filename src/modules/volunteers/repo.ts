import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { RequestState } from "./model.ts";
import { mediationBookingLinks, mediationRequests, volunteers } from "./schema.ts";

export type VolunteerRow = typeof volunteers.$inferSelect;
export type VolunteerInsert = typeof volunteers.$inferInsert;
export type RequestRow = typeof mediationRequests.$inferSelect;
export type RequestInsert = typeof mediationRequests.$inferInsert;
export type LinkRow = typeof mediationBookingLinks.$inferSelect;

/** States in which a volunteer is committed to a request (they block overlapping ones). */
const COMMITTED: RequestState[] = ["offered", "accepted", "confirmed"];
const SERVED: RequestState[] = ["held", "claimed", "settled"];

export const volunteerRepo = {
  async insert(db: DbOrTx, row: VolunteerInsert): Promise<VolunteerRow> {
    const [created] = await db.insert(volunteers).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.id, id)));
    return row;
  },
  async byUser(db: DbOrTx, tenantId: string, userId: string): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.userId, userId)));
    return row;
  },
  list(db: DbOrTx, tenantId: string, status?: VolunteerRow["status"]): Promise<VolunteerRow[]> {
    return db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), status ? eq(volunteers.status, status) : undefined))
      .orderBy(asc(volunteers.name), asc(volunteers.id));
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<VolunteerInsert>,
    now: Date,
  ): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .update(volunteers)
      .set({ ...patch, version: sql`${volunteers.version} + 1`, updatedAt: now })
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.id, id), eq(volunteers.version, version)))
      .returning();
    return row;
  },
  async delete(db: DbOrTx, tenantId: string, id: string): Promise<void> {
    await db.delete(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.id, id)));
  },
  /** Retention: volunteers who left before `leftBefore`, and applicants untouched since `staleSince`. */
  async dueForRetention(db: DbOrTx, tenantId: string, leftBefore: string, staleSince: Date, limit: number) {
    const rows = await db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(
        and(
          eq(volunteers.tenantId, tenantId),
          sql`((${volunteers.status} = 'inactive' and ${volunteers.leftOn} < ${leftBefore})
            or (${volunteers.status} = 'applicant' and ${volunteers.updatedAt} < ${staleSince}))`,
        ),
      )
      .orderBy(asc(volunteers.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
  /** Applications through the public form from one hashed client address since `since` (hourly limit). */
  async countFromSource(db: DbOrTx, tenantId: string, sourceKey: string, since: Date): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(volunteers)
      .where(
        and(
          eq(volunteers.tenantId, tenantId),
          eq(volunteers.sourceKey, sourceKey),
          gte(volunteers.appliedAt, since),
        ),
      );
    return Number(r?.n ?? 0);
  },
  /** The daily job: hashed client addresses of applications older than `before` are cleared. */
  async clearSourceKeys(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .update(volunteers)
      .set({ sourceKey: null })
      .where(
        and(
          eq(volunteers.tenantId, tenantId),
          isNotNull(volunteers.sourceKey),
          lt(volunteers.appliedAt, before),
        ),
      )
      .returning({ id: volunteers.id });
    return rows.length;
  },
  /** Volunteers who left before `leftBefore` (their police clearance data goes, § 72a (5) SGB VIII). */
  leftBefore(db: DbOrTx, tenantId: string, leftBefore: string): Promise<VolunteerRow[]> {
    return db
      .select()
      .from(volunteers)
      .where(
        and(
          eq(volunteers.tenantId, tenantId),
          eq(volunteers.status, "inactive"),
          lt(volunteers.leftOn, leftBefore),
          sql`${volunteers.certificates} @> '[{"kind":"police_clearance"}]'::jsonb`,
        ),
      );
  },
};

export const requestRepo = {
  /** Inserts unless the same form token was sent before; either way returns the stored request. */
  async insertOnce(db: DbOrTx, row: RequestInsert): Promise<{ row: RequestRow; created: boolean }> {
    const [created] = await db.insert(mediationRequests).values(row).onConflictDoNothing().returning();
    if (created) return { row: created, created: true };
    const [existing] = await db
      .select()
      .from(mediationRequests)
      .where(
        and(
          eq(mediationRequests.tenantId, row.tenantId),
          eq(mediationRequests.idempotencyKey, row.idempotencyKey ?? ""),
        ),
      );
    return { row: existing!, created: false };
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<RequestRow | undefined> {
    const [row] = await db
      .select()
      .from(mediationRequests)
      .where(and(eq(mediationRequests.tenantId, tenantId), eq(mediationRequests.id, id)));
    return row;
  },
  /** The coordinator's list: newest conversation first, one page. */
  list(
    db: DbOrTx,
    tenantId: string,
    q: { state?: RequestState | undefined; volunteerId?: string | undefined; limit: number; offset: number },
  ): Promise<RequestRow[]> {
    return db
      .select()
      .from(mediationRequests)
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          q.state ? eq(mediationRequests.state, q.state) : undefined,
          q.volunteerId ? eq(mediationRequests.volunteerId, q.volunteerId) : undefined,
        ),
      )
      .orderBy(desc(mediationRequests.date), desc(mediationRequests.startMinute), asc(mediationRequests.id))
      .limit(q.limit)
      .offset(q.offset);
  },
  async count(db: DbOrTx, tenantId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(mediationRequests)
      .where(eq(mediationRequests.tenantId, tenantId));
    return row?.n ?? 0;
  },
  /** Requests still waiting for a mediator, from `fromDate` on. */
  /** An institution account's requests (decision 127): its organizations', newest date first. */
  ofOrganizations(db: DbOrTx, tenantId: string, organizationIds: string[] | "all"): Promise<RequestRow[]> {
    if (organizationIds !== "all" && organizationIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(mediationRequests)
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          organizationIds === "all"
            ? isNotNull(mediationRequests.organizationId)
            : inArray(mediationRequests.organizationId, organizationIds),
        ),
      )
      .orderBy(desc(mediationRequests.date), desc(mediationRequests.startMinute))
      .limit(200);
  },
  open(
    db: DbOrTx,
    tenantId: string,
    states: readonly RequestState[],
    fromDate: string,
  ): Promise<RequestRow[]> {
    return db
      .select()
      .from(mediationRequests)
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          inArray(mediationRequests.state, [...states]),
          gte(mediationRequests.date, fromDate),
          // An institution's own request waits for the coordinator's check (decision 127).
          sql`not (${mediationRequests.state} = 'submitted' and ${mediationRequests.institutionUserId} is not null)`,
        ),
      )
      .orderBy(asc(mediationRequests.date), asc(mediationRequests.startMinute));
  },
  /** Every request a volunteer is committed to or served, between two dates (overlap, load, continuity). */
  assigned(db: DbOrTx, tenantId: string, from: string, to: string) {
    return db
      .select({
        id: mediationRequests.id,
        volunteerId: mediationRequests.volunteerId,
        organizationId: mediationRequests.organizationId,
        state: mediationRequests.state,
        date: mediationRequests.date,
        startMinute: mediationRequests.startMinute,
        durationMinutes: mediationRequests.durationMinutes,
        heldMinutes: mediationRequests.heldMinutes,
      })
      .from(mediationRequests)
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          isNotNull(mediationRequests.volunteerId),
          inArray(mediationRequests.state, [...COMMITTED, ...SERVED]),
          gte(mediationRequests.date, from),
          lte(mediationRequests.date, to),
        ),
      );
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<RequestInsert>,
    now: Date,
  ): Promise<RequestRow | undefined> {
    const [row] = await db
      .update(mediationRequests)
      .set({ ...patch, version: sql`${mediationRequests.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          eq(mediationRequests.id, id),
          eq(mediationRequests.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** Art. 15: every request a volunteer was given, oldest first. */
  byVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<RequestRow[]> {
    return db
      .select()
      .from(mediationRequests)
      .where(and(eq(mediationRequests.tenantId, tenantId), eq(mediationRequests.volunteerId, volunteerId)))
      .orderBy(asc(mediationRequests.date), asc(mediationRequests.startMinute));
  },
  /** The institution's status page: the requests booked through one link, newest first. */
  byLink(db: DbOrTx, tenantId: string, linkId: string, limit: number): Promise<RequestRow[]> {
    return db
      .select()
      .from(mediationRequests)
      .where(and(eq(mediationRequests.tenantId, tenantId), eq(mediationRequests.bookingLinkId, linkId)))
      .orderBy(desc(mediationRequests.date), desc(mediationRequests.startMinute))
      .limit(limit);
  },
  /** Retention: the contact's name and mail go from finished requests held before `before`. */
  async removeContacts(
    db: DbOrTx,
    tenantId: string,
    states: readonly RequestState[],
    before: string,
  ): Promise<number> {
    const rows = await db
      .update(mediationRequests)
      .set({ contactName: "", contactEmail: "" })
      .where(
        and(
          eq(mediationRequests.tenantId, tenantId),
          inArray(mediationRequests.state, [...states]),
          lt(mediationRequests.date, before),
          ne(mediationRequests.contactEmail, ""),
        ),
      )
      .returning({ id: mediationRequests.id });
    return rows.length;
  },
  /** Erasure: the requests stay (they are the institution's), without the volunteer. */
  async unlinkVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<number> {
    const rows = await db
      .update(mediationRequests)
      .set({ volunteerId: null })
      .where(and(eq(mediationRequests.tenantId, tenantId), eq(mediationRequests.volunteerId, volunteerId)))
      .returning({ id: mediationRequests.id });
    return rows.length;
  },
};

export const linkRepo = {
  async insert(db: DbOrTx, row: typeof mediationBookingLinks.$inferInsert): Promise<LinkRow> {
    const [created] = await db.insert(mediationBookingLinks).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<LinkRow | undefined> {
    const [row] = await db
      .select()
      .from(mediationBookingLinks)
      .where(and(eq(mediationBookingLinks.tenantId, tenantId), eq(mediationBookingLinks.id, id)));
    return row;
  },
  async byTokenHash(db: DbOrTx, hash: string): Promise<LinkRow | undefined> {
    const [row] = await db
      .select()
      .from(mediationBookingLinks)
      .where(eq(mediationBookingLinks.tokenHash, hash));
    return row;
  },
  list(db: DbOrTx, tenantId: string): Promise<LinkRow[]> {
    return db
      .select()
      .from(mediationBookingLinks)
      .where(eq(mediationBookingLinks.tenantId, tenantId))
      .orderBy(asc(mediationBookingLinks.institutionName), asc(mediationBookingLinks.contactName));
  },
  async revoke(db: DbOrTx, tenantId: string, id: string, now: Date): Promise<LinkRow | undefined> {
    const [row] = await db
      .update(mediationBookingLinks)
      .set({ revokedAt: now })
      .where(
        and(
          eq(mediationBookingLinks.tenantId, tenantId),
          eq(mediationBookingLinks.id, id),
          sql`${mediationBookingLinks.revokedAt} is null`,
        ),
      )
      .returning();
    return row;
  },
  /** Retention: links revoked before `before` go with the contact data they hold. */
  async deleteRevokedBefore(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .delete(mediationBookingLinks)
      .where(and(eq(mediationBookingLinks.tenantId, tenantId), lt(mediationBookingLinks.revokedAt, before)))
      .returning({ id: mediationBookingLinks.id });
    return rows.length;
  },
};
