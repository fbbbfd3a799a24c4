import { and, asc, count, eq, gt, gte, inArray, lte, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkActionItems as actions,
  networkAgendaItems as agenda,
  networkAttendance as attendance,
  networkBodies as bodies,
  networkDecisions as decisions,
  networkMeetings as meetings,
  networkMembers as members,
} from "./schema.ts";

/** OParl's list filters (section 2.5), already parsed. */
export type OParlFilter = {
  createdSince?: Date | undefined;
  createdUntil?: Date | undefined;
  modifiedSince?: Date | undefined;
  modifiedUntil?: Date | undefined;
};

function filterOf(f: OParlFilter, created: AnyPgColumn, modified: AnyPgColumn): SQL[] {
  return [
    f.createdSince ? gte(created, f.createdSince) : undefined,
    f.createdUntil ? lte(created, f.createdUntil) : undefined,
    f.modifiedSince ? gte(modified, f.modifiedSince) : undefined,
    f.modifiedUntil ? lte(modified, f.modifiedUntil) : undefined,
  ].filter((x): x is SQL => x !== undefined);
}
const publicBodyJoin = and(
  eq(bodies.tenantId, meetings.tenantId),
  eq(bodies.id, meetings.bodyId),
  eq(bodies.publicBody, true),
);

/** What the OParl interface reads: only public bodies, their meetings and public agenda items. */
export const oparlRepo = {
  async publicBodies(db: DbOrTx, tenantId: string) {
    return db
      .select()
      .from(bodies)
      .where(and(eq(bodies.tenantId, tenantId), eq(bodies.publicBody, true)))
      .orderBy(asc(bodies.id));
  },
  /** Members with public consent of public bodies. */
  async publicMembers(db: DbOrTx, tenantId: string) {
    return db
      .select({ member: members })
      .from(members)
      .innerJoin(bodies, and(eq(bodies.tenantId, members.tenantId), eq(bodies.id, members.bodyId)))
      .where(
        and(eq(members.tenantId, tenantId), eq(members.publicConsent, true), eq(bodies.publicBody, true)),
      )
      .orderBy(asc(members.id));
  },
  async meetingPage(
    db: DbOrTx,
    tenantId: string,
    opts: { after: string | null; limit: number; bodyId?: string | undefined; filter: OParlFilter },
  ) {
    const where = and(
      eq(meetings.tenantId, tenantId),
      opts.bodyId ? eq(meetings.bodyId, opts.bodyId) : undefined,
      ...filterOf(opts.filter, meetings.createdAt, meetings.updatedAt),
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ meeting: meetings })
        .from(meetings)
        .innerJoin(bodies, publicBodyJoin)
        .where(and(where, opts.after ? gt(meetings.id, opts.after) : undefined))
        .orderBy(asc(meetings.id))
        .limit(opts.limit),
      db.select({ n: count() }).from(meetings).innerJoin(bodies, publicBodyJoin).where(where),
    ]);
    return { rows: rows.map((r) => r.meeting), total: total?.n ?? 0 };
  },
  async meeting(db: DbOrTx, tenantId: string, id: string) {
    const [row] = await db
      .select({ meeting: meetings })
      .from(meetings)
      .innerJoin(bodies, publicBodyJoin)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
    return row?.meeting;
  },
  /** Public agenda items of public bodies' meetings, with their meeting's state and times. */
  async agendaPage(
    db: DbOrTx,
    tenantId: string,
    opts: {
      after: string | null;
      limit: number;
      id?: string | undefined;
      meetingIds?: readonly string[];
      filter: OParlFilter;
    },
  ) {
    if (opts.meetingIds && opts.meetingIds.length === 0) return { rows: [], total: 0 };
    const where = and(
      eq(agenda.tenantId, tenantId),
      eq(agenda.public, true),
      opts.id ? eq(agenda.id, opts.id) : undefined,
      opts.meetingIds ? inArray(agenda.meetingId, [...opts.meetingIds]) : undefined,
      ...filterOf(opts.filter, agenda.createdAt, meetings.updatedAt),
    );
    const from = () =>
      db
        .select({ item: agenda, minutesState: meetings.minutesState, modified: meetings.updatedAt })
        .from(agenda)
        .innerJoin(meetings, and(eq(meetings.tenantId, agenda.tenantId), eq(meetings.id, agenda.meetingId)))
        .innerJoin(bodies, publicBodyJoin);
    const [rows, [total]] = await Promise.all([
      from()
        .where(and(where, opts.after ? gt(agenda.id, opts.after) : undefined))
        .orderBy(opts.meetingIds ? asc(agenda.position) : asc(agenda.id))
        .limit(opts.limit),
      db
        .select({ n: count() })
        .from(agenda)
        .innerJoin(meetings, and(eq(meetings.tenantId, agenda.tenantId), eq(meetings.id, agenda.meetingId)))
        .innerJoin(bodies, publicBodyJoin)
        .where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async results(db: DbOrTx, tenantId: string, agendaItemIds: readonly string[]) {
    if (agendaItemIds.length === 0) return { decisions: [], actions: [] };
    const [d, a] = await Promise.all([
      db
        .select()
        .from(decisions)
        .where(and(eq(decisions.tenantId, tenantId), inArray(decisions.agendaItemId, [...agendaItemIds])))
        .orderBy(asc(decisions.createdAt), asc(decisions.id)),
      db
        .select()
        .from(actions)
        .where(and(eq(actions.tenantId, tenantId), inArray(actions.agendaItemId, [...agendaItemIds])))
        .orderBy(asc(actions.createdAt), asc(actions.id)),
    ]);
    return { decisions: d, actions: a };
  },
  async placeIdsOfPublicMeetings(db: DbOrTx, tenantId: string): Promise<Set<string>> {
    const rows = await db
      .selectDistinct({ placeId: meetings.placeId })
      .from(meetings)
      .innerJoin(bodies, publicBodyJoin)
      .where(eq(meetings.tenantId, tenantId));
    return new Set(rows.flatMap((r) => (r.placeId ? [r.placeId] : [])));
  } /**
   * Who took part in these meetings and may be named publicly (decision 122): attendance rows of
   * members with the public consent. The caller passes meetings whose minutes are published.
   */,
  async publicParticipants(
    db: DbOrTx,
    tenantId: string,
    meetingIds: readonly string[],
  ): Promise<{ meetingId: string; memberId: string }[]> {
    if (meetingIds.length === 0) return [];
    return db
      .select({ meetingId: attendance.meetingId, memberId: attendance.memberId })
      .from(attendance)
      .innerJoin(members, and(eq(members.tenantId, attendance.tenantId), eq(members.id, attendance.memberId)))
      .where(
        and(
          eq(attendance.tenantId, tenantId),
          inArray(attendance.meetingId, [...meetingIds]),
          eq(members.publicConsent, true),
        ),
      )
      .orderBy(asc(attendance.memberId));
  },
};
