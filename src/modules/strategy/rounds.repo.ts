import { and, arrayContains, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { NarrativeStatus } from "./rounds.model.ts";
import { strategyNarratives, strategyNodes, strategyRounds } from "./schema.ts";

export type RoundRow = typeof strategyRounds.$inferSelect;
export type NarrativeRow = typeof strategyNarratives.$inferSelect;
/** A narrative with its node's title and kind and its round's year, deadline and status. */
export type NarrativeWithNode = NarrativeRow & {
  nodeTitle: string;
  nodeKind: string;
  year: number;
  deadline: string;
  roundStatus: RoundRow["status"];
};

const withNode = {
  id: strategyNarratives.id,
  tenantId: strategyNarratives.tenantId,
  roundId: strategyNarratives.roundId,
  nodeId: strategyNarratives.nodeId,
  userIds: strategyNarratives.userIds,
  text: strategyNarratives.text,
  status: strategyNarratives.status,
  reviewNote: strategyNarratives.reviewNote,
  updatedBy: strategyNarratives.updatedBy,
  version: strategyNarratives.version,
  createdAt: strategyNarratives.createdAt,
  updatedAt: strategyNarratives.updatedAt,
  nodeTitle: strategyNodes.title,
  nodeKind: strategyNodes.kind,
  year: strategyRounds.year,
  deadline: strategyRounds.deadline,
  roundStatus: strategyRounds.status,
};

/** Every query of the report rounds (decision 098); no rules. */
export const roundsRepo = {
  async insert(db: DbOrTx, row: typeof strategyRounds.$inferInsert): Promise<RoundRow> {
    const [created] = await db.insert(strategyRounds).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<RoundRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyRounds)
      .where(and(eq(strategyRounds.tenantId, tenantId), eq(strategyRounds.id, id)));
    return row;
  },
  async byYear(db: DbOrTx, tenantId: string, year: number): Promise<RoundRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyRounds)
      .where(and(eq(strategyRounds.tenantId, tenantId), eq(strategyRounds.year, year)));
    return row;
  },
  list(db: DbOrTx, tenantId: string): Promise<RoundRow[]> {
    return db
      .select()
      .from(strategyRounds)
      .where(eq(strategyRounds.tenantId, tenantId))
      .orderBy(desc(strategyRounds.year));
  },
  openUnreminded(db: DbOrTx, tenantId: string): Promise<RoundRow[]> {
    return db
      .select()
      .from(strategyRounds)
      .where(
        and(
          eq(strategyRounds.tenantId, tenantId),
          eq(strategyRounds.status, "open"),
          isNull(strategyRounds.remindedAt),
        ),
      );
  },
  /** The open rounds (a node named responsible later joins those of its years). */
  open(db: DbOrTx, tenantId: string): Promise<RoundRow[]> {
    return db
      .select()
      .from(strategyRounds)
      .where(and(eq(strategyRounds.tenantId, tenantId), eq(strategyRounds.status, "open")));
  },
  /** Takes the round's one reminder: undefined when it was sent already or the round is closed. */
  async claimReminder(db: DbOrTx, tenantId: string, id: string, now: Date): Promise<RoundRow | undefined> {
    const [row] = await db
      .update(strategyRounds)
      .set({ remindedAt: now })
      .where(
        and(
          eq(strategyRounds.tenantId, tenantId),
          eq(strategyRounds.id, id),
          eq(strategyRounds.status, "open"),
          isNull(strategyRounds.remindedAt),
        ),
      )
      .returning();
    return row;
  },
  async close(db: DbOrTx, tenantId: string, id: string, version: number, now: Date) {
    const [row] = await db
      .update(strategyRounds)
      .set({ status: "closed", closedAt: now, version: sql`${strategyRounds.version} + 1` })
      .where(
        and(
          eq(strategyRounds.tenantId, tenantId),
          eq(strategyRounds.id, id),
          eq(strategyRounds.version, version),
        ),
      )
      .returning();
    return row;
  },
  async insertNarratives(db: DbOrTx, rows: (typeof strategyNarratives.$inferInsert)[]): Promise<void> {
    if (rows.length) await db.insert(strategyNarratives).values(rows);
  },
  joined(db: DbOrTx, tenantId: string) {
    return db
      .select(withNode)
      .from(strategyNarratives)
      .innerJoin(
        strategyNodes,
        and(
          eq(strategyNodes.tenantId, strategyNarratives.tenantId),
          eq(strategyNodes.id, strategyNarratives.nodeId),
        ),
      )
      .innerJoin(
        strategyRounds,
        and(
          eq(strategyRounds.tenantId, strategyNarratives.tenantId),
          eq(strategyRounds.id, strategyNarratives.roundId),
        ),
      )
      .where(eq(strategyNarratives.tenantId, tenantId))
      .$dynamic();
  },
  ofRound(db: DbOrTx, tenantId: string, roundId: string): Promise<NarrativeWithNode[]> {
    return roundsRepo
      .joined(db, tenantId)
      .where(and(eq(strategyNarratives.tenantId, tenantId), eq(strategyNarratives.roundId, roundId)))
      .orderBy(asc(strategyNodes.sort), asc(strategyNodes.title));
  },
  /** The narratives a person was asked for, newest round first. */
  ofUser(db: DbOrTx, tenantId: string, userId: string): Promise<NarrativeWithNode[]> {
    return roundsRepo
      .joined(db, tenantId)
      .where(
        and(eq(strategyNarratives.tenantId, tenantId), arrayContains(strategyNarratives.userIds, [userId])),
      )
      .orderBy(desc(strategyRounds.year), asc(strategyNodes.sort), asc(strategyNodes.title));
  },
  /**
   * Narratives of open rounds in the given states, the earliest deadline first: the count and the
   * first `limit` (the staff home). With a user, only those the user was asked for.
   */
  async waiting(
    db: DbOrTx,
    tenantId: string,
    statuses: NarrativeStatus[],
    userId: string | null,
    limit: number,
  ): Promise<{ total: number; rows: NarrativeWithNode[] }> {
    const where = and(
      eq(strategyNarratives.tenantId, tenantId),
      eq(strategyRounds.status, "open"),
      inArray(strategyNarratives.status, statuses),
      userId ? arrayContains(strategyNarratives.userIds, [userId]) : undefined,
    );
    const [rows, totals] = await Promise.all([
      roundsRepo
        .joined(db, tenantId)
        .where(where)
        .orderBy(asc(strategyRounds.deadline), asc(strategyNodes.sort), asc(strategyNodes.title))
        .limit(limit),
      db
        .select({ n: count() })
        .from(strategyNarratives)
        .innerJoin(
          strategyRounds,
          and(
            eq(strategyRounds.tenantId, strategyNarratives.tenantId),
            eq(strategyRounds.id, strategyNarratives.roundId),
          ),
        )
        .where(where),
    ]);
    return { total: Number(totals[0]?.n ?? 0), rows };
  },
  async narrative(db: DbOrTx, tenantId: string, id: string): Promise<NarrativeWithNode | undefined> {
    const [row] = await roundsRepo
      .joined(db, tenantId)
      .where(and(eq(strategyNarratives.tenantId, tenantId), eq(strategyNarratives.id, id)));
    return row;
  },
  async ofNode(
    db: DbOrTx,
    tenantId: string,
    roundId: string,
    nodeId: string,
  ): Promise<NarrativeRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyNarratives)
      .where(
        and(
          eq(strategyNarratives.tenantId, tenantId),
          eq(strategyNarratives.roundId, roundId),
          eq(strategyNarratives.nodeId, nodeId),
        ),
      );
    return row;
  },
  /** Who is asked changes no text: the version stays, so a writer's open form still saves. */
  async setPeople(db: DbOrTx, tenantId: string, id: string, userIds: string[]): Promise<void> {
    await db
      .update(strategyNarratives)
      .set({ userIds })
      .where(and(eq(strategyNarratives.tenantId, tenantId), eq(strategyNarratives.id, id)));
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateNarrative(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: { text?: string | null; status: NarrativeStatus; reviewNote?: string | null; updatedBy: string },
    now: Date,
  ): Promise<NarrativeRow | undefined> {
    const [row] = await db
      .update(strategyNarratives)
      .set({ ...patch, version: sql`${strategyNarratives.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(strategyNarratives.tenantId, tenantId),
          eq(strategyNarratives.id, id),
          eq(strategyNarratives.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** The narratives of a round for the given nodes (the report keeps the approved ones). */
  statusesOf(db: DbOrTx, tenantId: string, roundId: string, nodeIds: string[]) {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        nodeId: strategyNarratives.nodeId,
        text: strategyNarratives.text,
        status: strategyNarratives.status,
      })
      .from(strategyNarratives)
      .where(
        and(
          eq(strategyNarratives.tenantId, tenantId),
          eq(strategyNarratives.roundId, roundId),
          inArray(strategyNarratives.nodeId, nodeIds),
        ),
      );
  },
};
