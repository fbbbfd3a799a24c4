import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  not,
  or,
  sql,
} from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkAttendance as attendance,
  networkBodies as bodies,
  networkMinutesComments as comments,
  networkContributions as contributions,
  networkEvents as events,
  networkMeetings as meetings,
  networkMembers as members,
  networkPollResponses as pollResponses,
} from "./schema.ts";

/**
 * The member attended a meeting of a public body whose minutes are published: the attendance
 * list there is a public record and keeps the name (decision 061) — for those it names, the
 * members who agreed to be public (decision 122); the others are only counted there.
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
      .where(
        and(
          eq(members.tenantId, tenantId),
          lt(members.termEnd, cutoff),
          not(and(eq(members.publicConsent, true), inPublishedMinutes(db))!),
        ),
      )
      .limit(limit);
    return rows.map((r) => r.id);
  },

  /** Deletes members with their attendance and date-poll answers; returns how many of each went. */
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
    // A member's date-poll answers (decision 126) go with the member; they are not counted.
    await db
      .delete(pollResponses)
      .where(and(eq(pollResponses.tenantId, tenantId), inArray(pollResponses.memberId, [...ids])));
    const deleted = await db
      .delete(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.id, [...ids])))
      .returning({ id: members.id });
    return { members: deleted.length, attendance: gone.length };
  },

  /**
   * Members whose name contains `pattern` (an escaped LIKE pattern), with their body and what an
   * erasure would remove: attendance rows, of them in published minutes of a public body. What
   * the data-protection officer searches before erasing a member on request (decision 122).
   */
  async findMembersForErasure(db: DbOrTx, tenantId: string, pattern: string, limit: number) {
    const rows = await db
      .select({
        id: members.id,
        name: members.name,
        role: members.role,
        organizationId: members.organizationId,
        termStart: members.termStart,
        termEnd: members.termEnd,
        hasEmail: sql<boolean>`${members.email} is not null`.mapWith(Boolean),
        publicConsent: members.publicConsent,
        bodyName: bodies.name,
      })
      .from(members)
      .innerJoin(bodies, and(eq(bodies.tenantId, members.tenantId), eq(bodies.id, members.bodyId)))
      .where(and(eq(members.tenantId, tenantId), ilike(members.name, pattern)))
      .orderBy(asc(members.name), asc(members.id))
      .limit(limit);
    if (rows.length === 0) return [];
    const counted = await db
      .select({
        memberId: attendance.memberId,
        all: count(),
        published:
          sql<number>`count(*) filter (where ${meetings.minutesState} = 'published' and ${bodies.publicBody})`.mapWith(
            Number,
          ),
      })
      .from(attendance)
      .innerJoin(
        meetings,
        and(eq(meetings.tenantId, attendance.tenantId), eq(meetings.id, attendance.meetingId)),
      )
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(
        and(
          eq(attendance.tenantId, tenantId),
          inArray(
            attendance.memberId,
            rows.map((r) => r.id),
          ),
        ),
      )
      .groupBy(attendance.memberId);
    const byMember = new Map(counted.map((c) => [c.memberId, c]));
    return rows.map((r) => ({
      ...r,
      attendance: byMember.get(r.id)?.all ?? 0,
      publishedAttendance: byMember.get(r.id)?.published ?? 0,
    }));
  },

  /** Contributions whose event started before `before` and whose text is still there. */
  async contributionsDue(db: DbOrTx, tenantId: string, before: Date, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: contributions.id })
      .from(contributions)
      .innerJoin(
        events,
        and(eq(events.tenantId, contributions.tenantId), eq(events.id, contributions.eventId)),
      )
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          lt(events.startsAt, before),
          isNull(contributions.erasedAt),
        ),
      )
      .limit(limit);
    return rows.map((r) => r.id);
  },

  /**
   * Contributions not yet erased whose text contains `pattern` (an escaped LIKE pattern) or whose
   * tracking link hashes to `trackingHash`: what the data-protection officer searches before an
   * erasure on request. Newest first, bounded.
   */
  async findForErasure(
    db: DbOrTx,
    tenantId: string,
    q: { pattern: string | null; trackingHash: string | null },
    limit: number,
  ) {
    if (!q.pattern && !q.trackingHash) return [];
    return db
      .select({
        id: contributions.id,
        text: contributions.text,
        source: contributions.source,
        state: contributions.state,
        published: contributions.published,
        createdAt: contributions.createdAt,
        eventId: events.id,
        eventTitle: events.title,
        eventStartsAt: events.startsAt,
      })
      .from(contributions)
      .innerJoin(
        events,
        and(eq(events.tenantId, contributions.tenantId), eq(events.id, contributions.eventId)),
      )
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          isNull(contributions.erasedAt),
          or(
            q.pattern ? ilike(contributions.text, q.pattern) : undefined,
            q.trackingHash ? eq(contributions.trackingHash, q.trackingHash) : undefined,
          ),
        ),
      )
      .orderBy(desc(contributions.createdAt), desc(contributions.id))
      .limit(limit);
  },

  /**
   * Erases the text and everything that could lead back to the sender (tracking link, hashed
   * address, consent, publication); the handling — state, reason, links — stays.
   */
  async eraseContributions(db: DbOrTx, tenantId: string, ids: readonly string[], now: Date) {
    if (ids.length === 0) return [];
    return db
      .update(contributions)
      .set({
        text: "",
        trackingHash: null,
        sourceKey: null,
        consentAt: null,
        published: false,
        erasedAt: now,
        updatedAt: now,
        version: sql`${contributions.version} + 1`,
      })
      .where(
        and(
          eq(contributions.tenantId, tenantId),
          inArray(contributions.id, [...ids]),
          isNull(contributions.erasedAt),
        ),
      )
      .returning({ id: contributions.id, eventId: contributions.eventId });
  },

  /**
   * Comments on minutes that were approved (or published) of meetings before `before`: their
   * purpose, the approval, is over.
   */
  async deleteOldComments(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const done = db
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.tenantId, tenantId),
          lt(meetings.startsAt, before),
          inArray(meetings.minutesState, ["approved", "published"]),
        ),
      );
    const gone = await db
      .delete(comments)
      .where(and(eq(comments.tenantId, tenantId), inArray(comments.meetingId, done)))
      .returning({ id: comments.id });
    return gone.length;
  },
};
