import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingApplications, fundingYearReports } from "./schema.ts";

const app = fundingApplications;
const rep = fundingYearReports;
const FUNDED = ["granted", "partly_granted"] as const;
const funded = (tenantId: string, year: number) =>
  and(
    eq(app.tenantId, tenantId),
    eq(app.year, year),
    inArray(app.status, [...FUNDED]),
    isNotNull(app.grantedCents),
  );

/** The council's year report (year-report.ts): its aggregates and the stored PDF. */
export const yearReportRepo = {
  /** Funded applications of a year per linked strategy measure (null: none linked). */
  async byMeasure(db: DbOrTx, tenantId: string, year: number) {
    return db
      .select({
        measureId: app.measureId,
        funded: sql<number>`count(*)::int`,
        granted: sql<string>`coalesce(sum(${app.grantedCents}), 0)::text`,
      })
      .from(app)
      .where(funded(tenantId, year))
      .groupBy(app.measureId);
  },
  /** Funded projects of a year's calls (title, organization, amount, measure; no contact data). */
  async fundedProjects(db: DbOrTx, tenantId: string, year: number, callIds: readonly string[]) {
    if (callIds.length === 0) return [];
    return db
      .select({
        callId: app.callId,
        title: app.title,
        organizationName: app.organizationName,
        grantedCents: app.grantedCents,
        measureId: app.measureId,
      })
      .from(app)
      .where(and(funded(tenantId, year), inArray(app.callId, [...callIds])))
      .orderBy(app.organizationName, app.title, app.id);
  },

  /** A new request: the old PDF goes, the job renders the new one. */
  async request(db: DbOrTx, tenantId: string, year: number, by: string | null, now: Date) {
    await db
      .insert(rep)
      .values({ tenantId, year, requestedAt: now, requestedBy: by, pdf: null, renderedAt: null })
      .onConflictDoUpdate({
        target: [rep.tenantId, rep.year],
        set: { requestedAt: now, requestedBy: by, pdf: null, renderedAt: null },
      });
  },
  /** Stores the PDF of the request made at `requestedAt`; a newer request meanwhile wins. */
  async store(db: DbOrTx, tenantId: string, year: number, requestedAt: Date, pdf: Buffer, now: Date) {
    const r = await db
      .update(rep)
      .set({ pdf, renderedAt: now })
      .where(and(eq(rep.tenantId, tenantId), eq(rep.year, year), eq(rep.requestedAt, requestedAt)))
      .returning({ year: rep.year });
    return r.length > 0;
  },
  async list(db: DbOrTx, tenantId: string) {
    return db
      .select({
        year: rep.year,
        requestedAt: rep.requestedAt,
        renderedAt: rep.renderedAt,
        ready: sql<boolean>`${rep.pdf} is not null`,
      })
      .from(rep)
      .where(eq(rep.tenantId, tenantId))
      .orderBy(desc(rep.year));
  },
  async row(db: DbOrTx, tenantId: string, year: number) {
    const [r] = await db
      .select()
      .from(rep)
      .where(and(eq(rep.tenantId, tenantId), eq(rep.year, year)));
    return r;
  },
};
