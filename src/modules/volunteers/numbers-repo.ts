import { and, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { mediationRequests, volunteerHours, volunteers } from "./schema.ts";

/** A request found a mediator (decision 076): the conversation took place or is set to. */
const SERVED = sql`('accepted','confirmed','held','claimed','settled','no_show')`;
/** Minutes that count as hours: the held conversations. */
const HELD = sql`('held','claimed','settled')`;

/** Aggregates for the numbers page (issue 17, What must work 6); counts only, never rows. */
export const numbersRepo = {
  poolByStatus(db: DbOrTx, tenantId: string) {
    return db
      .select({ status: volunteers.status, n: count() })
      .from(volunteers)
      .where(eq(volunteers.tenantId, tenantId))
      .groupBy(volunteers.status);
  },
  /** Active volunteers' languages (mediation level) and areas, one row per volunteer. */
  activeFacts(db: DbOrTx, tenantId: string) {
    return db
      .select({ languages: volunteers.languages, areas: volunteers.areas })
      .from(volunteers)
      .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.status, "active")));
  },
  /** Requests of a year per language and outcome: served, cancelled, still open (ahead), unserved (passed). */
  requestsByLanguage(db: DbOrTx, tenantId: string, year: number, today: string) {
    const r = mediationRequests;
    return db
      .select({
        language: r.language,
        served: sql<number>`count(*) filter (where ${r.state} in ${SERVED})::int`,
        cancelled: sql<number>`count(*) filter (where ${r.state} = 'cancelled')::int`,
        open: sql<number>`count(*) filter (where ${r.state} not in ${SERVED} and ${r.state} <> 'cancelled' and ${r.date} >= ${today})::int`,
        unserved: sql<number>`count(*) filter (where ${r.state} not in ${SERVED} and ${r.state} <> 'cancelled' and ${r.date} < ${today})::int`,
      })
      .from(r)
      .where(and(eq(r.tenantId, tenantId), sql`extract(year from ${r.date})::int = ${year}`))
      .groupBy(r.language);
  },
  /** Per quarter: requests, served ones, held minutes and how many mediators held them. */
  requestsByQuarter(db: DbOrTx, tenantId: string, year: number) {
    const r = mediationRequests;
    const quarter = sql<number>`extract(quarter from ${r.date})::int`;
    return db
      .select({
        quarter,
        requests: sql<number>`count(*)::int`,
        served: sql<number>`count(*) filter (where ${r.state} in ${SERVED})::int`,
        minutes: sql<number>`coalesce(sum(coalesce(${r.heldMinutes}, ${r.durationMinutes})) filter (where ${r.state} in ${HELD}), 0)::int`,
        mediators: sql<number>`count(distinct ${r.volunteerId}) filter (where ${r.state} in ${HELD})::int`,
      })
      .from(r)
      .where(and(eq(r.tenantId, tenantId), sql`extract(year from ${r.date})::int = ${year}`))
      .groupBy(quarter);
  },
  /** Per quarter: logged tandem minutes and how many volunteers logged them. */
  tandemHoursByQuarter(db: DbOrTx, tenantId: string, year: number) {
    const h = volunteerHours;
    const quarter = sql<number>`extract(quarter from ${h.date})::int`;
    return db
      .select({
        quarter,
        minutes: sql<number>`coalesce(sum(${h.minutes}), 0)::int`,
        volunteers: sql<number>`count(distinct ${h.volunteerId})::int`,
      })
      .from(h)
      .where(and(eq(h.tenantId, tenantId), sql`extract(year from ${h.date})::int = ${year}`))
      .groupBy(quarter);
  },
};
