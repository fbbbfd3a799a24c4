import { and, asc, count, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  volunteerRuleAcknowledgements as acks,
  volunteerRuleTexts as texts,
  volunteerRuleVersions as versions,
  volunteers,
} from "./schema.ts";

export type RuleVersionRow = typeof versions.$inferSelect;
export type RuleTextRow = typeof texts.$inferSelect;

/** Queries of the pool's rules and their acknowledgements (decision 110). */
export const ruleRepo = {
  async current(db: DbOrTx, tenantId: string): Promise<RuleVersionRow | undefined> {
    const [row] = await db
      .select()
      .from(versions)
      .where(eq(versions.tenantId, tenantId))
      .orderBy(desc(versions.seq))
      .limit(1);
    return row;
  },
  list(db: DbOrTx, tenantId: string): Promise<RuleVersionRow[]> {
    return db.select().from(versions).where(eq(versions.tenantId, tenantId)).orderBy(desc(versions.seq));
  },
  async insert(db: DbOrTx, row: typeof versions.$inferInsert): Promise<RuleVersionRow> {
    const [created] = await db.insert(versions).values(row).returning();
    return created!;
  },
  async insertTexts(db: DbOrTx, rows: (typeof texts.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(texts).values(rows);
  },
  /** One version's text in one language other than German, if it was translated. */
  async text(db: DbOrTx, tenantId: string, versionId: string, language: string) {
    const [row] = await db
      .select()
      .from(texts)
      .where(and(eq(texts.tenantId, tenantId), eq(texts.versionId, versionId), eq(texts.language, language)));
    return row;
  },
  /** Every translation of one version, by language. */
  textsOf(db: DbOrTx, tenantId: string, versionId: string) {
    return db
      .select({ language: texts.language, title: texts.title, body: texts.body })
      .from(texts)
      .where(and(eq(texts.tenantId, tenantId), eq(texts.versionId, versionId)))
      .orderBy(asc(texts.language));
  },
  /** The translated languages of every version (decision 125). */
  async languages(db: DbOrTx, tenantId: string): Promise<Map<string, string[]>> {
    const rows = await db
      .select({ versionId: texts.versionId, language: texts.language })
      .from(texts)
      .where(eq(texts.tenantId, tenantId))
      .orderBy(asc(texts.language));
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.versionId, [...(out.get(r.versionId) ?? []), r.language]);
    return out;
  },
  /** Acknowledgements per version, counting only volunteers who are active now. */
  async acknowledgedCounts(db: DbOrTx, tenantId: string): Promise<Map<string, number>> {
    const rows = await db
      .select({ versionId: acks.versionId, n: count() })
      .from(acks)
      .innerJoin(volunteers, and(eq(volunteers.tenantId, acks.tenantId), eq(volunteers.id, acks.volunteerId)))
      .where(and(eq(acks.tenantId, tenantId), eq(volunteers.status, "active")))
      .groupBy(acks.versionId);
    return new Map(rows.map((r) => [r.versionId, r.n]));
  },
  async activeCount(db: DbOrTx, tenantId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.status, "active")));
    return row?.n ?? 0;
  },
  /** Active volunteers without an acknowledgement of `versionId` (every active one when null). */
  missing(db: DbOrTx, tenantId: string, versionId: string | null) {
    const acknowledged = db
      .select({ one: acks.volunteerId })
      .from(acks)
      .where(
        and(
          eq(acks.tenantId, tenantId),
          eq(acks.volunteerId, volunteers.id),
          versionId ? eq(acks.versionId, versionId) : undefined,
        ),
      );
    return db
      .select({ id: volunteers.id, name: volunteers.name })
      .from(volunteers)
      .where(
        and(
          eq(volunteers.tenantId, tenantId),
          eq(volunteers.status, "active"),
          versionId ? notExists(acknowledged) : undefined,
        ),
      )
      .orderBy(asc(volunteers.name), asc(volunteers.id));
  },
  /** The first `limit` of `missing` and how many there are, in one query (the staff home). */
  async missingTop(db: DbOrTx, tenantId: string, versionId: string, limit: number) {
    const acknowledged = db
      .select({ one: acks.volunteerId })
      .from(acks)
      .where(
        and(eq(acks.tenantId, tenantId), eq(acks.volunteerId, volunteers.id), eq(acks.versionId, versionId)),
      );
    const rows = await db
      .select({
        id: volunteers.id,
        name: volunteers.name,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.status, "active"), notExists(acknowledged)))
      .orderBy(asc(volunteers.name), asc(volunteers.id))
      .limit(limit);
    return { total: rows[0]?.total ?? 0, rows };
  },
  /** Each volunteer's newest acknowledged version (number and date). */
  async latestOf(db: DbOrTx, tenantId: string, volunteerIds: string[]) {
    if (volunteerIds.length === 0) return new Map<string, { seq: number; at: Date }>();
    const rows = await db
      .selectDistinctOn([acks.volunteerId], {
        volunteerId: acks.volunteerId,
        seq: versions.seq,
        at: acks.acknowledgedAt,
      })
      .from(acks)
      .innerJoin(versions, and(eq(versions.tenantId, acks.tenantId), eq(versions.id, acks.versionId)))
      .where(and(eq(acks.tenantId, tenantId), inArray(acks.volunteerId, volunteerIds)))
      .orderBy(acks.volunteerId, desc(versions.seq));
    return new Map(rows.map((r) => [r.volunteerId, { seq: r.seq, at: r.at }]));
  },
  async acknowledgement(db: DbOrTx, tenantId: string, volunteerId: string, versionId: string) {
    const [row] = await db
      .select()
      .from(acks)
      .where(
        and(eq(acks.tenantId, tenantId), eq(acks.volunteerId, volunteerId), eq(acks.versionId, versionId)),
      );
    return row;
  },
  /** Records the acknowledgement once; a second click keeps the first date. True when new. */
  async acknowledge(db: DbOrTx, row: typeof acks.$inferInsert): Promise<boolean> {
    const created = await db.insert(acks).values(row).onConflictDoNothing().returning();
    return created.length > 0;
  },
  /** A volunteer's acknowledgements with the version's number and title (Art. 15). */
  ofVolunteer(db: DbOrTx, tenantId: string, volunteerId: string) {
    return db
      .select({
        seq: versions.seq,
        title: versions.title,
        acknowledgedAt: acks.acknowledgedAt,
        language: acks.language,
      })
      .from(acks)
      .innerJoin(versions, and(eq(versions.tenantId, acks.tenantId), eq(versions.id, acks.versionId)))
      .where(and(eq(acks.tenantId, tenantId), eq(acks.volunteerId, volunteerId)))
      .orderBy(asc(versions.seq));
  },
  async deleteOfVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<number> {
    const gone = await db
      .delete(acks)
      .where(and(eq(acks.tenantId, tenantId), eq(acks.volunteerId, volunteerId)))
      .returning({ id: acks.versionId });
    return gone.length;
  },
};
