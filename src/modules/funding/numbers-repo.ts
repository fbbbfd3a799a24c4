import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingApplications, fundingCalls } from "./schema.ts";

const app = fundingApplications;
const FUNDED = ["granted", "partly_granted"] as const;

/** One group of a call's filed applications: how many, how many funded, the sums (cents as text). */
export type GroupRow = {
  key: string | null;
  year: number;
  filed: number;
  funded: number;
  requested: string;
  granted: string;
};

const figures = {
  year: app.year,
  filed: sql<number>`count(*)::int`,
  funded: sql<number>`(count(*) filter (where ${inArray(app.status, [...FUNDED])}))::int`,
  requested: sql<string>`coalesce(sum(${app.requestedCents}), 0)::text`,
  granted: sql<string>`coalesce(sum(${app.grantedCents}) filter (where ${inArray(app.status, [...FUNDED])}), 0)::text`,
};
const filed = (tenantId: string, callId: string) =>
  and(eq(app.tenantId, tenantId), eq(app.callId, callId), sql`${app.status} <> 'draft'`);

/** Aggregates for the numbers page (numbers.ts); only counts and sums leave the database. */
export const numbersRepo = {
  async byYear(db: DbOrTx, tenantId: string, callId: string): Promise<GroupRow[]> {
    const rows = await db
      .select(figures)
      .from(app)
      .where(filed(tenantId, callId))
      .groupBy(app.year)
      .orderBy(app.year);
    return rows.map((r) => ({ ...r, key: null }));
  },
  async byArea(db: DbOrTx, tenantId: string, callId: string): Promise<GroupRow[]> {
    return db
      .select({ key: app.areaId, ...figures })
      .from(app)
      .where(filed(tenantId, callId))
      .groupBy(app.year, app.areaId)
      .orderBy(app.year);
  },
  /** Per framework term: an application with several terms counts once under each. */
  async byTerm(db: DbOrTx, tenantId: string, callId: string): Promise<GroupRow[]> {
    return db
      .select({ key: sql<string>`t.id`, ...figures })
      .from(app)
      .innerJoin(sql`unnest(${app.termIds}) as t(id)`, sql`true`)
      .where(filed(tenantId, callId))
      .groupBy(app.year, sql`t.id`)
      .orderBy(app.year);
  },
  /** The public list: funded projects of calls whose list the tenant switched on. */
  async funded(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: app.id,
        title: app.title,
        organizationName: app.organizationName,
        grantedCents: app.grantedCents,
        year: app.year,
        callTitle: fundingCalls.title,
      })
      .from(app)
      .innerJoin(fundingCalls, and(eq(fundingCalls.tenantId, app.tenantId), eq(fundingCalls.id, app.callId)))
      .where(
        and(
          eq(app.tenantId, tenantId),
          eq(fundingCalls.publishFunded, true),
          inArray(app.status, [...FUNDED]),
          isNotNull(app.grantedCents),
        ),
      )
      .orderBy(desc(app.year), app.organizationName, app.title);
  },
};
