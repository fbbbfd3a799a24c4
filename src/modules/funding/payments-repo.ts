import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingApplications, fundingPayments } from "./schema.ts";

export type PaymentRow = typeof fundingPayments.$inferSelect;
const pay = fundingPayments;
const app = fundingApplications;

/** Instalments of granted applications (payments.ts). */
export const paymentsRepo = {
  /** Locks the application row: instalments of one grant are added one at a time. */
  async lockApplication(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({
        id: app.id,
        callId: app.callId,
        title: app.title,
        status: app.status,
        grantedCents: app.grantedCents,
      })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id)))
      .for("update");
    return r;
  },
  async payments(db: DbOrTx, tenantId: string, applicationId: string): Promise<PaymentRow[]> {
    return db
      .select()
      .from(pay)
      .where(and(eq(pay.tenantId, tenantId), eq(pay.applicationId, applicationId)))
      .orderBy(asc(pay.dueDate), asc(pay.createdAt));
  },
  async payment(db: DbOrTx, tenantId: string, id: string): Promise<PaymentRow | undefined> {
    const [r] = await db
      .select()
      .from(pay)
      .where(and(eq(pay.tenantId, tenantId), eq(pay.id, id)));
    return r;
  },
  async insert(db: DbOrTx, row: typeof pay.$inferInsert): Promise<PaymentRow> {
    const [r] = await db.insert(pay).values(row).returning();
    return r!;
  },
  /** Compare-and-set on version, and only while unpaid: undefined when someone else was first. */
  async markPaid(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: { paidDate: string; bookingReference: string; paidBy: string },
    now: Date,
  ): Promise<PaymentRow | undefined> {
    const [r] = await db
      .update(pay)
      .set({ ...patch, version: sql`${pay.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(pay.tenantId, tenantId),
          eq(pay.id, id),
          eq(pay.version, version),
          sql`${pay.paidDate} is null`,
        ),
      )
      .returning();
    return r;
  },
  /** All instalments of a call with what the treasury needs, for the CSV export. */
  async forCall(db: DbOrTx, tenantId: string, callId: string) {
    return db
      .select({
        id: pay.id,
        applicationId: app.id,
        organizationName: app.organizationName,
        title: app.title,
        amountCents: pay.amountCents,
        dueDate: pay.dueDate,
        paidDate: pay.paidDate,
        bookingReference: pay.bookingReference,
      })
      .from(pay)
      .innerJoin(app, and(eq(app.tenantId, pay.tenantId), eq(app.id, pay.applicationId)))
      .where(and(eq(pay.tenantId, tenantId), eq(app.callId, callId)))
      .orderBy(asc(pay.dueDate), asc(app.organizationName), asc(pay.id));
  },
};
