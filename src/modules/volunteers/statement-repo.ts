import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { mediationRequests, volunteerStatements, volunteers } from "./schema.ts";

export type StatementRow = typeof volunteerStatements.$inferSelect;
export type StatementInsert = typeof volunteerStatements.$inferInsert;

/** Columns of a statement without its PDF (lists and the XLSX). */
const meta = {
  id: volunteerStatements.id,
  volunteerId: volunteerStatements.volunteerId,
  volunteerName: volunteerStatements.volunteerName,
  period: volunteerStatements.period,
  seq: volunteerStatements.seq,
  replacesId: volunteerStatements.replacesId,
  lines: volunteerStatements.lines,
  minutes: volunteerStatements.minutes,
  km: volunteerStatements.km,
  hourlyRateCents: volunteerStatements.hourlyRateCents,
  kmRateCents: volunteerStatements.kmRateCents,
  hoursCents: volunteerStatements.hoursCents,
  kmCents: volunteerStatements.kmCents,
  totalCents: volunteerStatements.totalCents,
  language: volunteerStatements.language,
  issuedAt: volunteerStatements.issuedAt,
};
export type StatementMeta = Omit<StatementRow, "pdf" | "tenantId">;

/**
 * Statements are written once and never updated (decision 099): this repository has no update.
 * A correction is a new row with the next `seq` and `replacesId`.
 */
export const statementRepo = {
  /** The held assignments of a month with the volunteer's name and language, ordered by volunteer and date. */
  held(db: DbOrTx, tenantId: string, from: string, to: string) {
    const r = mediationRequests;
    return db
      .select({
        requestId: r.id,
        volunteerId: volunteers.id,
        volunteerName: volunteers.name,
        volunteerEmail: volunteers.email,
        language: volunteers.uiLanguage,
        date: r.date,
        institution: r.institutionName,
        requestLanguage: r.language,
        mode: r.mode,
        minutes: sql<number>`coalesce(${r.heldMinutes}, ${r.durationMinutes})::int`,
        km: sql<number>`coalesce(${r.heldKm}, 0)::int`,
      })
      .from(r)
      .innerJoin(volunteers, and(eq(volunteers.tenantId, r.tenantId), eq(volunteers.id, r.volunteerId)))
      .where(
        and(
          eq(r.tenantId, tenantId),
          inArray(r.state, ["held", "claimed", "settled"]),
          sql`${r.date} between ${from} and ${to}`,
        ),
      )
      .orderBy(asc(volunteers.id), asc(r.date), asc(r.startMinute), asc(r.id));
  },
  /** The newest version per volunteer of a month (`distinct on`). */
  latestOfPeriod(db: DbOrTx, tenantId: string, period: string): Promise<StatementMeta[]> {
    const s = volunteerStatements;
    return db
      .selectDistinctOn([s.volunteerId, s.volunteerName], meta)
      .from(s)
      .where(and(eq(s.tenantId, tenantId), eq(s.period, period)))
      .orderBy(asc(s.volunteerId), asc(s.volunteerName), desc(s.seq));
  },
  /** Every version of a month (the coordinator's list), newest first per volunteer. */
  ofPeriod(db: DbOrTx, tenantId: string, period: string): Promise<StatementMeta[]> {
    const s = volunteerStatements;
    return db
      .select(meta)
      .from(s)
      .where(and(eq(s.tenantId, tenantId), eq(s.period, period)))
      .orderBy(asc(s.volunteerName), desc(s.seq));
  },
  ofVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<StatementMeta[]> {
    const s = volunteerStatements;
    return db
      .select(meta)
      .from(s)
      .where(and(eq(s.tenantId, tenantId), eq(s.volunteerId, volunteerId)))
      .orderBy(desc(s.period), desc(s.seq))
      .limit(120);
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<StatementRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteerStatements)
      .where(and(eq(volunteerStatements.tenantId, tenantId), eq(volunteerStatements.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: StatementInsert): Promise<StatementMeta | undefined> {
    // Two runs of the same month at once: the unique (volunteer, month, seq) lets only one write.
    const [r] = await db.insert(volunteerStatements).values(row).onConflictDoNothing().returning(meta);
    return r;
  },
  /** Erasure: the statements stay as accounting records under the name, without the profile. */
  async unlinkVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<number> {
    const rows = await db
      .update(volunteerStatements)
      .set({ volunteerId: null })
      .where(
        and(eq(volunteerStatements.tenantId, tenantId), eq(volunteerStatements.volunteerId, volunteerId)),
      )
      .returning({ id: volunteerStatements.id });
    return rows.length;
  },
  /** Retention: statements of months before `period` ("YYYY-MM") go. */
  async deleteBefore(db: DbOrTx, tenantId: string, period: string): Promise<number> {
    const rows = await db
      .delete(volunteerStatements)
      .where(and(eq(volunteerStatements.tenantId, tenantId), lt(volunteerStatements.period, period)))
      .returning({ id: volunteerStatements.id });
    return rows.length;
  },
};
