import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { OPEN_ACTION_STATUSES } from "./model.ts";
import {
  networkActionItems as actions,
  networkAgendaItems as agenda,
  networkAttendance as attendance,
  networkBodies as bodies,
  networkMinutesComments as comments,
  networkDecisions as decisions,
  networkMeetings as meetings,
  networkMembers as members,
} from "./schema.ts";

export type BodyRow = typeof bodies.$inferSelect;
export type MemberRow = typeof members.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type AgendaRow = typeof agenda.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
/** A page of a staff or public list: `limit` rows from `offset` in the list's stable order. */
export type Page = { limit: number; offset: number };

/** Bodies and their members. */
export const bodyRepo = {
  async list(db: DbOrTx, tenantId: string): Promise<BodyRow[]> {
    return db.select().from(bodies).where(eq(bodies.tenantId, tenantId)).orderBy(asc(bodies.name));
  },
  /** One page by name, the id breaking ties so that no body moves between pages (decision 122). */
  async page(db: DbOrTx, tenantId: string, page: Page): Promise<{ rows: BodyRow[]; total: number }> {
    const [rows, [n]] = await Promise.all([
      db
        .select()
        .from(bodies)
        .where(eq(bodies.tenantId, tenantId))
        .orderBy(asc(bodies.name), asc(bodies.id))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(bodies).where(eq(bodies.tenantId, tenantId)),
    ]);
    return { rows, total: n?.n ?? 0 };
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<BodyRow | undefined> {
    const [row] = await db
      .select()
      .from(bodies)
      .where(and(eq(bodies.tenantId, tenantId), eq(bodies.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof bodies.$inferInsert): Promise<BodyRow> {
    const [created] = await db.insert(bodies).values(row).returning();
    return created!;
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<BodyRow, "name" | "kind" | "areaId" | "fieldsOfAction" | "publicBody">>,
    now: Date,
  ): Promise<BodyRow | undefined> {
    const [row] = await db
      .update(bodies)
      .set({ ...patch, version: sql`${bodies.version} + 1`, updatedAt: now })
      .where(and(eq(bodies.tenantId, tenantId), eq(bodies.id, id), eq(bodies.version, version)))
      .returning();
    return row;
  },
  async members(db: DbOrTx, tenantId: string, bodyIds: readonly string[]): Promise<MemberRow[]> {
    if (bodyIds.length === 0) return [];
    return db
      .select()
      .from(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.bodyId, [...bodyIds])))
      .orderBy(asc(members.name));
  },
  async allMembers(db: DbOrTx, tenantId: string): Promise<MemberRow[]> {
    return db.select().from(members).where(eq(members.tenantId, tenantId)).orderBy(asc(members.id));
  },
  async insertMember(db: DbOrTx, row: typeof members.$inferInsert): Promise<MemberRow> {
    const [created] = await db.insert(members).values(row).returning();
    return created!;
  },
};

/** Meetings, their agenda, attendance, decisions, action items and minutes comments. */
export const meetingRepo = {
  async byBody(db: DbOrTx, tenantId: string, bodyId: string): Promise<MeetingRow[]> {
    return db
      .select()
      .from(meetings)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.bodyId, bodyId)))
      .orderBy(asc(meetings.startsAt));
  },
  /** One page of a body's meetings, earliest first, the id breaking ties (decision 122). */
  async pageByBody(
    db: DbOrTx,
    tenantId: string,
    bodyId: string,
    page: Page,
  ): Promise<{ rows: MeetingRow[]; total: number }> {
    const where = and(eq(meetings.tenantId, tenantId), eq(meetings.bodyId, bodyId));
    const [rows, [n]] = await Promise.all([
      db
        .select()
        .from(meetings)
        .where(where)
        .orderBy(asc(meetings.startsAt), asc(meetings.id))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(meetings).where(where),
    ]);
    return { rows, total: n?.n ?? 0 };
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<MeetingRow | undefined> {
    const [row] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof meetings.$inferInsert): Promise<MeetingRow> {
    const [created] = await db.insert(meetings).values(row).returning();
    return created!;
  },
  /** Compare-and-set on the meeting's version: undefined when someone else saved first. */
  async bumpIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<MeetingRow, "state" | "invitedAt" | "minutesState">>,
    now: Date,
  ): Promise<MeetingRow | undefined> {
    const [row] = await db
      .update(meetings)
      .set({ ...patch, version: sql`${meetings.version} + 1`, updatedAt: now })
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id), eq(meetings.version, version)))
      .returning();
    return row;
  },
  /** Keyset page of the meetings of public bodies, by id (OParl lists). */
  async publicPage(db: DbOrTx, tenantId: string, after: string | null, limit: number, bodyId?: string) {
    return db
      .select({ meeting: meetings })
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(
        and(
          eq(meetings.tenantId, tenantId),
          eq(bodies.publicBody, true),
          bodyId ? eq(meetings.bodyId, bodyId) : undefined,
          after ? gt(meetings.id, after) : undefined,
        ),
      )
      .orderBy(asc(meetings.id))
      .limit(limit);
  },
  async countPublic(db: DbOrTx, tenantId: string, bodyId?: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(
        and(
          eq(meetings.tenantId, tenantId),
          eq(bodies.publicBody, true),
          bodyId ? eq(meetings.bodyId, bodyId) : undefined,
        ),
      );
    return row?.n ?? 0;
  },
  async agenda(db: DbOrTx, tenantId: string, meetingIds: readonly string[]): Promise<AgendaRow[]> {
    if (meetingIds.length === 0) return [];
    return db
      .select()
      .from(agenda)
      .where(and(eq(agenda.tenantId, tenantId), inArray(agenda.meetingId, [...meetingIds])))
      .orderBy(asc(agenda.meetingId), asc(agenda.position));
  },
  async insertAgenda(db: DbOrTx, rows: (typeof agenda.$inferInsert)[]): Promise<void> {
    if (rows.length) await db.insert(agenda).values(rows);
  },
  async setDiscussion(
    db: DbOrTx,
    tenantId: string,
    meetingId: string,
    id: string,
    discussion: string | null,
  ) {
    await db
      .update(agenda)
      .set({ discussion })
      .where(and(eq(agenda.tenantId, tenantId), eq(agenda.meetingId, meetingId), eq(agenda.id, id)));
  },
  async attendance(db: DbOrTx, tenantId: string, meetingId: string): Promise<string[]> {
    const rows = await db
      .select({ memberId: attendance.memberId })
      .from(attendance)
      .where(and(eq(attendance.tenantId, tenantId), eq(attendance.meetingId, meetingId)));
    return rows.map((r) => r.memberId);
  },
  async setAttendance(db: DbOrTx, tenantId: string, meetingId: string, memberIds: readonly string[]) {
    await db
      .delete(attendance)
      .where(and(eq(attendance.tenantId, tenantId), eq(attendance.meetingId, meetingId)));
    if (memberIds.length)
      await db.insert(attendance).values(memberIds.map((memberId) => ({ tenantId, meetingId, memberId })));
  },
  async decisions(db: DbOrTx, tenantId: string, meetingIds: readonly string[]): Promise<DecisionRow[]> {
    if (meetingIds.length === 0) return [];
    return db
      .select()
      .from(decisions)
      .where(and(eq(decisions.tenantId, tenantId), inArray(decisions.meetingId, [...meetingIds])))
      .orderBy(asc(decisions.createdAt), asc(decisions.id));
  },
  async insertDecision(db: DbOrTx, row: typeof decisions.$inferInsert): Promise<DecisionRow> {
    const [created] = await db.insert(decisions).values(row).returning();
    return created!;
  },
  async actionItems(db: DbOrTx, tenantId: string, meetingIds: readonly string[]): Promise<ActionRow[]> {
    if (meetingIds.length === 0) return [];
    return db
      .select()
      .from(actions)
      .where(and(eq(actions.tenantId, tenantId), inArray(actions.meetingId, [...meetingIds])))
      .orderBy(asc(actions.createdAt), asc(actions.id));
  },
  async insertActionItem(db: DbOrTx, row: typeof actions.$inferInsert): Promise<ActionRow> {
    const [created] = await db.insert(actions).values(row).returning();
    return created!;
  },
  async actionItem(db: DbOrTx, tenantId: string, id: string): Promise<ActionRow | undefined> {
    const [row] = await db
      .select()
      .from(actions)
      .where(and(eq(actions.tenantId, tenantId), eq(actions.id, id)));
    return row;
  },
  async setActionStatusIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    status: ActionRow["status"],
    now: Date,
  ): Promise<ActionRow | undefined> {
    const [row] = await db
      .update(actions)
      .set({ status, version: sql`${actions.version} + 1`, updatedAt: now })
      .where(and(eq(actions.tenantId, tenantId), eq(actions.id, id), eq(actions.version, version)))
      .returning();
    return row;
  },
  async comments(db: DbOrTx, tenantId: string, meetingId: string): Promise<CommentRow[]> {
    return db
      .select()
      .from(comments)
      .where(and(eq(comments.tenantId, tenantId), eq(comments.meetingId, meetingId)))
      .orderBy(asc(comments.createdAt), asc(comments.id));
  },
  async insertComment(db: DbOrTx, row: typeof comments.$inferInsert): Promise<void> {
    await db.insert(comments).values(row);
  },
};

/** Beschlusskontrolle: open action items across all bodies, overdue (earliest due) first. */
export const followUpRepo = {
  async open(db: DbOrTx, tenantId: string, limit: number, offset: number) {
    return db
      .select({
        item: actions,
        bodyName: bodies.name,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
      })
      .from(actions)
      .innerJoin(bodies, and(eq(bodies.tenantId, actions.tenantId), eq(bodies.id, actions.bodyId)))
      .innerJoin(meetings, and(eq(meetings.tenantId, actions.tenantId), eq(meetings.id, actions.meetingId)))
      .where(and(eq(actions.tenantId, tenantId), inArray(actions.status, [...OPEN_ACTION_STATUSES])))
      .orderBy(sql`${actions.dueDate} asc nulls last`, asc(actions.id))
      .limit(limit)
      .offset(offset);
  },
  async countOpen(db: DbOrTx, tenantId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(actions)
      .where(and(eq(actions.tenantId, tenantId), inArray(actions.status, [...OPEN_ACTION_STATUSES])));
    return row?.n ?? 0;
  },
};
