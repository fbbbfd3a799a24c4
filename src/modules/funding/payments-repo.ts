import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { PaymentStatus } from "./payments-model.ts";
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
  /**
   * A step of the flow as compare-and-set on version *and* on the status it starts from:
   * undefined when someone else took a step first (two finance officers: one payment).
   */
  async transition(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    from: PaymentStatus,
    patch: Partial<typeof pay.$inferInsert>,
    now: Date,
  ): Promise<PaymentRow | undefined> {
    const [r] = await db
      .update(pay)
      .set({ ...patch, version: sql`${pay.version} + 1`, updatedAt: now })
      .where(and(eq(pay.tenantId, tenantId), eq(pay.id, id), eq(pay.version, version), eq(pay.status, from)))
      .returning();
    return r;
  },
  /** The finance queue: instalments approved by staff or ordered (not yet paid), all calls. */
  async queue(db: DbOrTx, tenantId: string) {
    return db
      .select({
        ...getTableColumns(pay),
        organizationName: app.organizationName,
        title: app.title,
        callId: app.callId,
      })
      .from(pay)
      .innerJoin(app, and(eq(app.tenantId, pay.tenantId), eq(app.id, pay.applicationId)))
      .where(and(eq(pay.tenantId, tenantId), inArray(pay.status, ["approved", "ordered"])))
      .orderBy(asc(pay.dueDate), asc(app.organizationName), asc(pay.id));
  },
  /** One instalment with its grant, for the payment order. */
  async withGrant(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({ payment: pay, application: app })
      .from(pay)
      .innerJoin(app, and(eq(app.tenantId, pay.tenantId), eq(app.id, pay.applicationId)))
      .where(and(eq(pay.tenantId, tenantId), eq(pay.id, id)));
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
        status: pay.status,
        paidDate: pay.paidDate,
        bookingReference: pay.bookingReference,
      })
      .from(pay)
      .innerJoin(app, and(eq(app.tenantId, pay.tenantId), eq(app.id, pay.applicationId)))
      .where(and(eq(pay.tenantId, tenantId), eq(app.callId, callId)))
      .orderBy(asc(pay.dueDate), asc(app.organizationName), asc(pay.id));
  },
  /** Retention and erasure: the applicant's purpose and the change notes may name persons. */
  async eraseNotes(db: DbOrTx, tenantId: string, applicationId: string, now: Date): Promise<void> {
    await db
      .update(pay)
      .set({ note: "", updatedAt: now })
      .where(and(eq(pay.tenantId, tenantId), eq(pay.applicationId, applicationId)));
  },
};
