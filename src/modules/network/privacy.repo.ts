import { and, eq, exists, inArray, isNotNull, lt, not, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkAttendance as attendance,
  networkBodies as bodies,
  networkMeetings as meetings,
  networkMembers as members,
} from "./schema.ts";

/**
 * The member attended a meeting of a public body whose minutes are published: the attendance
 * list there is a public record and keeps the name (decision 061).
 */
const inPublishedMinutes = (db: DbOrTx) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(attendance)
      .innerJoin(
        meetings,
        and(eq(meetings.tenantId, attendance.tenantId), eq(meetings.id, attendance.meetingId)),
      )
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(
        and(
          eq(attendance.tenantId, members.tenantId),
          eq(attendance.memberId, members.id),
          eq(meetings.minutesState, "published"),
          eq(bodies.publicBody, true),
        ),
      ),
  );

/** Retention and erasure of members' personal data (decision 061). */
export const privacyRepo = {
  /** Contact data of members whose term ended before `cutoff` is removed; returns their ids. */
  async clearContact(db: DbOrTx, tenantId: string, cutoff: string): Promise<string[]> {
    const rows = await db
      .update(members)
      .set({ email: null })
      .where(and(eq(members.tenantId, tenantId), lt(members.termEnd, cutoff), isNotNull(members.email)))
      .returning({ id: members.id });
    return rows.map((r) => r.id);
  },

  /** Members whose term ended before `cutoff` and who appear in no published minutes. */
  async dueForDeletion(db: DbOrTx, tenantId: string, cutoff: string, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.tenantId, tenantId), lt(members.termEnd, cutoff), not(inPublishedMinutes(db))))
      .limit(limit);
    return rows.map((r) => r.id);
  },

  /** Deletes members with their attendance; returns how many of each went. */
  async deleteMembers(
    db: DbOrTx,
    tenantId: string,
    ids: readonly string[],
  ): Promise<{ members: number; attendance: number }> {
    if (ids.length === 0) return { members: 0, attendance: 0 };
    const gone = await db
      .delete(attendance)
      .where(and(eq(attendance.tenantId, tenantId), inArray(attendance.memberId, [...ids])))
      .returning({ m: attendance.meetingId });
    const deleted = await db
      .delete(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.id, [...ids])))
      .returning({ id: members.id });
    return { members: deleted.length, attendance: gone.length };
  },
};
