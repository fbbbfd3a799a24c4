import { and, asc, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { Page } from "./repo.ts";
import {
  networkActionItems as actions,
  networkAgendaItems as agenda,
  networkBodies as bodies,
  networkContributions as contributions,
  networkEvents as events,
  networkMeetings as meetings,
} from "./schema.ts";

export type EventRow = typeof events.$inferSelect;
export type ContributionRow = typeof contributions.$inferSelect;

/** Participation events and their contributions (decision 077). */
export const participationRepo = {
  async listEvents(db: DbOrTx, tenantId: string) {
    const rows = await db
      .select()
      .from(events)
      .where(eq(events.tenantId, tenantId))
      .orderBy(desc(events.startsAt), asc(events.id))
      .limit(500);
    const counts = await this.counts(
      db,
      tenantId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ row: r, contributions: counts.get(r.id) ?? 0 }));
  },
  async counts(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await db
      .select({ eventId: contributions.eventId, n: count() })
      .from(contributions)
      .where(and(eq(contributions.tenantId, tenantId), inArray(contributions.eventId, [...ids])))
      .groupBy(contributions.eventId);
    return new Map(rows.map((r) => [r.eventId, r.n]));
  },
  async eventById(db: DbOrTx, tenantId: string, id: string): Promise<EventRow | undefined> {
    const [row] = await db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, tenantId), eq(events.id, id)));
    return row;
  },
  async insertEvent(db: DbOrTx, row: typeof events.$inferInsert): Promise<EventRow> {
    const [created] = await db.insert(events).values(row).returning();
    return created!;
  },
  async updateEventIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<EventRow, "published" | "acceptsContributions" | "attendance">>,
    now: Date,
  ): Promise<EventRow | undefined> {
    const [row] = await db
      .update(events)
      .set({ ...patch, version: sql`${events.version} + 1`, updatedAt: now })
      .where(and(eq(events.tenantId, tenantId), eq(events.id, id), eq(events.version, version)))
      .returning();
    return row;
  },
  async contributions(db: DbOrTx, tenantId: string, eventId: string, publishedOnly = false) {
    return db
      .select()
      .from(contributions)
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          eq(contributions.eventId, eventId),
          publishedOnly ? eq(contributions.published, true) : undefined,
        ),
      )
      .orderBy(asc(contributions.createdAt), asc(contributions.id));
  },
  /** One page of an event's contributions in the order they came in (decision 122). */
  async contributionsPage(
    db: DbOrTx,
    tenantId: string,
    eventId: string,
    page: Page,
    publishedOnly = false,
  ): Promise<{ rows: ContributionRow[]; total: number }> {
    const where = and(
      eq(contributions.tenantId, tenantId),
      eq(contributions.eventId, eventId),
      publishedOnly ? eq(contributions.published, true) : undefined,
    );
    const [rows, [n]] = await Promise.all([
      db
        .select()
        .from(contributions)
        .where(where)
        .orderBy(asc(contributions.createdAt), asc(contributions.id))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(contributions).where(where),
    ]);
    return { rows, total: n?.n ?? 0 };
  },
  async contributionById(db: DbOrTx, tenantId: string, id: string): Promise<ContributionRow | undefined> {
    const [row] = await db
      .select()
      .from(contributions)
      .where(and(eq(contributions.tenantId, tenantId), eq(contributions.id, id)));
    return row;
  },
  async byTrackingHash(db: DbOrTx, tenantId: string, hash: string): Promise<ContributionRow | undefined> {
    const [row] = await db
      .select()
      .from(contributions)
      .where(and(eq(contributions.tenantId, tenantId), eq(contributions.trackingHash, hash)));
    return row;
  },
  async insertContribution(db: DbOrTx, row: typeof contributions.$inferInsert): Promise<ContributionRow> {
    const [created] = await db.insert(contributions).values(row).returning();
    return created!;
  },
  async updateContributionIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<ContributionRow, "state" | "reason" | "agendaItemId" | "actionItemId" | "published">>,
    now: Date,
  ): Promise<ContributionRow | undefined> {
    const [row] = await db
      .update(contributions)
      .set({ ...patch, version: sql`${contributions.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          eq(contributions.id, id),
          eq(contributions.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** Public submissions from one (hashed) client address since an instant: the rate limit. */
  async countFromSource(db: DbOrTx, tenantId: string, sourceKey: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(contributions)
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          eq(contributions.sourceKey, sourceKey),
          gte(contributions.createdAt, since),
        ),
      );
    return row?.n ?? 0;
  },
  /** Data minimisation: the hashed addresses older than the rate-limit window go. */
  async clearSourceKeys(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .update(contributions)
      .set({ sourceKey: null })
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          sql`${contributions.sourceKey} is not null`,
          lt(contributions.createdAt, before),
        ),
      )
      .returning({ id: contributions.id });
    return rows.length;
  },
  /** Published events starting in [from, to), earliest first. */
  async publicEventsBetween(db: DbOrTx, tenantId: string, from: Date, to: Date) {
    return db
      .select()
      .from(events)
      .where(
        and(
          eq(events.tenantId, tenantId),
          eq(events.published, true),
          gte(events.startsAt, from),
          lt(events.startsAt, to),
        ),
      )
      .orderBy(asc(events.startsAt), asc(events.id));
  },
  /** Agenda items with their meeting and body: what a contribution can be linked to. */
  async agendaLinks(db: DbOrTx, tenantId: string, agendaItemIds: readonly string[]) {
    if (!agendaItemIds.length) return [];
    return db
      .select({
        agendaItemId: agenda.id,
        number: agenda.number,
        title: agenda.title,
        public: agenda.public,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        publicBody: bodies.publicBody,
      })
      .from(agenda)
      .innerJoin(meetings, and(eq(meetings.tenantId, agenda.tenantId), eq(meetings.id, agenda.meetingId)))
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(and(eq(agenda.tenantId, tenantId), inArray(agenda.id, [...agendaItemIds])));
  },
  /** The agenda item an action item was recorded under. */
  async actionAgendaItems(db: DbOrTx, tenantId: string, actionItemIds: readonly string[]) {
    if (!actionItemIds.length) return new Map<string, string>();
    const rows = await db
      .select({ id: actions.id, agendaItemId: actions.agendaItemId })
      .from(actions)
      .where(and(eq(actions.tenantId, tenantId), inArray(actions.id, [...actionItemIds])));
    return new Map(rows.map((r) => [r.id, r.agendaItemId]));
  },
  /** Agenda items and action items of the latest meetings: what a contribution can become. */
  async linkChoices(db: DbOrTx, tenantId: string, meetingLimit: number) {
    const latest = await db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, bodyName: bodies.name })
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(eq(meetings.tenantId, tenantId))
      .orderBy(desc(meetings.startsAt), asc(meetings.id))
      .limit(meetingLimit);
    const ids = latest.map((m) => m.id);
    if (!ids.length) return { meetings: latest, agenda: [], actions: [] };
    const [items, acts] = await Promise.all([
      db
        .select({ id: agenda.id, meetingId: agenda.meetingId, number: agenda.number, title: agenda.title })
        .from(agenda)
        .where(and(eq(agenda.tenantId, tenantId), inArray(agenda.meetingId, ids)))
        .orderBy(asc(agenda.position)),
      db
        .select({ id: actions.id, meetingId: actions.meetingId, title: actions.title, owner: actions.owner })
        .from(actions)
        .where(and(eq(actions.tenantId, tenantId), inArray(actions.meetingId, ids)))
        .orderBy(asc(actions.createdAt)),
    ]);
    return { meetings: latest, agenda: items, actions: acts };
  },
};
