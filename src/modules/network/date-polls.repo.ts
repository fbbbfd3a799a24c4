import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { PollAnswer } from "./model.ts";
import {
  networkMeetings as meetings,
  networkPollOptions as options,
  networkDatePolls as polls,
  networkPollResponses as responses,
} from "./schema.ts";

export type PollRow = typeof polls.$inferSelect;
export type PollOptionRow = typeof options.$inferSelect;
export type PollResponseRow = typeof responses.$inferSelect;

/** Terminfindung's queries (decision 126). */
export const datePollRepo = {
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PollRow | undefined> {
    const [row] = await db
      .select()
      .from(polls)
      .where(and(eq(polls.tenantId, tenantId), eq(polls.id, id)));
    return row;
  },
  async byBody(db: DbOrTx, tenantId: string, bodyId: string): Promise<PollRow[]> {
    return db
      .select()
      .from(polls)
      .where(and(eq(polls.tenantId, tenantId), eq(polls.bodyId, bodyId)))
      .orderBy(desc(polls.createdAt), desc(polls.id))
      .limit(50);
  },
  async options(db: DbOrTx, tenantId: string, pollId: string): Promise<PollOptionRow[]> {
    return db
      .select()
      .from(options)
      .where(and(eq(options.tenantId, tenantId), eq(options.pollId, pollId)))
      .orderBy(asc(options.position));
  },
  async responses(db: DbOrTx, tenantId: string, pollId: string): Promise<PollResponseRow[]> {
    return db
      .select()
      .from(responses)
      .where(and(eq(responses.tenantId, tenantId), eq(responses.pollId, pollId)));
  },
  async byTokenHash(db: DbOrTx, tenantId: string, hash: string): Promise<PollResponseRow | undefined> {
    const [row] = await db
      .select()
      .from(responses)
      .where(and(eq(responses.tenantId, tenantId), eq(responses.tokenHash, hash)));
    return row;
  },
  async insert(
    db: DbOrTx,
    poll: typeof polls.$inferInsert,
    dates: Omit<typeof options.$inferInsert, "pollId">[],
    asked: Omit<typeof responses.$inferInsert, "pollId">[],
  ): Promise<PollRow> {
    const [row] = await db.insert(polls).values(poll).returning();
    if (dates.length) await db.insert(options).values(dates.map((d) => ({ ...d, pollId: row!.id })));
    if (asked.length) await db.insert(responses).values(asked.map((r) => ({ ...r, pollId: row!.id })));
    return row!;
  },
  async answer(
    db: DbOrTx,
    tenantId: string,
    pollId: string,
    memberId: string,
    answers: Record<string, PollAnswer>,
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(responses)
      .set({ answers, answeredAt: now })
      .where(
        and(eq(responses.tenantId, tenantId), eq(responses.pollId, pollId), eq(responses.memberId, memberId)),
      )
      .returning({ memberId: responses.memberId });
    return rows.length > 0;
  },
  /** Compare-and-set: undefined when the poll changed (or was fixed) since `version` was read. */
  async fixIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: { fixedOptionId: string; meetingId: string },
    now: Date,
  ): Promise<PollRow | undefined> {
    const [row] = await db
      .update(polls)
      .set({ ...patch, state: "fixed", version: sql`${polls.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(polls.tenantId, tenantId),
          eq(polls.id, id),
          eq(polls.version, version),
          eq(polls.state, "open"),
        ),
      )
      .returning();
    return row;
  },
  /** A fixed poll's answer links stop working: their hashes go. */
  async clearTokens(db: DbOrTx, tenantId: string, pollId: string): Promise<void> {
    await db
      .update(responses)
      .set({ tokenHash: null })
      .where(and(eq(responses.tenantId, tenantId), eq(responses.pollId, pollId)));
  },
  /** Moves a scheduled meeting to the fixed date, bumping its version like every meeting change. */
  async moveMeeting(
    db: DbOrTx,
    tenantId: string,
    meetingId: string,
    startsAt: Date,
    endsAt: Date | null,
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(meetings)
      .set({ startsAt, endsAt, version: sql`${meetings.version} + 1`, updatedAt: now })
      .where(
        and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId), eq(meetings.state, "scheduled")),
      )
      .returning({ id: meetings.id });
    return rows.length > 0;
  },
};
