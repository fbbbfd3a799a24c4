import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DECIDED } from "./model.ts";
import { fundingApplications, fundingPayments, fundingProofs, fundingRepayments } from "./schema.ts";

const app = fundingApplications;
const pay = fundingPayments;
const proof = fundingProofs;
const rep = fundingRepayments;
const FUNDED = ["granted", "partly_granted"] as const;

/**
 * The pot's figures of one call and year (sums as exact decimal text: `sum()` of integers is
 * numeric/bigint). Committed: granted by decisions; paid: instalments booked paid; reclaimed:
 * repayments demanded when the proof of use was examined; returned: repayments received
 * (decision 119).
 */
export type PotRow = {
  callId: string;
  year: number;
  filed: number;
  decided: number;
  funded: number;
  pending: number;
  committed: string;
  paid: string;
  reclaimed: string;
  returned: string;
};

/** The pot's aggregates (calls.ts, year-report.ts): one row per call and year that has applications. */
export const potRepo = {
  async figures(
    db: DbOrTx,
    tenantId: string,
    where: { callId?: string; fromYear: number; toYear: number },
  ): Promise<PotRow[]> {
    // Paid and received per application first (one row each), so the join cannot multiply a grant's sum.
    const paid = db
      .select({
        applicationId: pay.applicationId,
        cents: sql<string>`sum(${pay.amountCents})`.as("paid_cents"),
      })
      .from(pay)
      .where(and(eq(pay.tenantId, tenantId), eq(pay.status, "paid")))
      .groupBy(pay.applicationId)
      .as("paid");
    const received = db
      .select({
        applicationId: rep.applicationId,
        cents: sql<string>`sum(${rep.amountCents})`.as("received_cents"),
      })
      .from(rep)
      .where(eq(rep.tenantId, tenantId))
      .groupBy(rep.applicationId)
      .as("received");
    const decided = inArray(app.status, [...DECIDED]);
    return db
      .select({
        callId: app.callId,
        year: app.year,
        filed: sql<number>`(count(*) filter (where ${app.status} <> 'draft'))::int`,
        decided: sql<number>`(count(*) filter (where ${decided}))::int`,
        funded: sql<number>`(count(*) filter (where ${inArray(app.status, [...FUNDED])}))::int`,
        pending: sql<number>`(count(*) filter (where ${inArray(app.status, ["submitted", "in_review"])}))::int`,
        committed: sql<string>`coalesce(sum(${app.grantedCents}) filter (where ${decided}), 0)::text`,
        paid: sql<string>`coalesce(sum(${paid.cents}), 0)::text`,
        reclaimed: sql<string>`coalesce(sum(${proof.repaymentCents}) filter (where ${proof.status} = 'repayment'), 0)::text`,
        returned: sql<string>`coalesce(sum(${received.cents}), 0)::text`,
      })
      .from(app)
      .leftJoin(paid, eq(paid.applicationId, app.id))
      .leftJoin(received, eq(received.applicationId, app.id))
      .leftJoin(proof, and(eq(proof.tenantId, app.tenantId), eq(proof.applicationId, app.id)))
      .where(
        and(
          eq(app.tenantId, tenantId),
          where.callId ? eq(app.callId, where.callId) : undefined,
          gte(app.year, where.fromYear),
          lte(app.year, where.toYear),
        ),
      )
      .groupBy(app.callId, app.year)
      .orderBy(app.callId, app.year);
  },
};
