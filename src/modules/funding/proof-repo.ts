import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingApplications, fundingProofs, fundingReceiptFiles, fundingRepayments } from "./schema.ts";

export type ProofRow = typeof fundingProofs.$inferSelect;
const p = fundingProofs;
const f = fundingReceiptFiles;
const { bytes: _bytes, ...fileMeta } = getTableColumns(f);
export type ReceiptFileMeta = Omit<typeof f.$inferSelect, "bytes">;
const rp = fundingRepayments;
const app = fundingApplications;
export type RepaymentRow = typeof rp.$inferSelect;

/** The proof of use of a grant (proof.ts): one row per application. */
export const proofRepo = {
  async proof(db: DbOrTx, tenantId: string, applicationId: string): Promise<ProofRow | undefined> {
    const [r] = await db
      .select()
      .from(p)
      .where(and(eq(p.tenantId, tenantId), eq(p.applicationId, applicationId)));
    return r;
  },
  /** First filing; undefined when a proof exists already (a second tab): the caller answers 409. */
  async insert(db: DbOrTx, row: typeof p.$inferInsert): Promise<ProofRow | undefined> {
    const [r] = await db.insert(p).values(row).onConflictDoNothing().returning();
    return r;
  },
  /** Compare-and-set on version: undefined when someone else changed it first. */
  async update(
    db: DbOrTx,
    tenantId: string,
    applicationId: string,
    version: number,
    patch: Partial<typeof p.$inferInsert>,
    now: Date,
  ): Promise<ProofRow | undefined> {
    const [r] = await db
      .update(p)
      .set({ ...patch, version: sql`${p.version} + 1`, updatedAt: now })
      .where(and(eq(p.tenantId, tenantId), eq(p.applicationId, applicationId), eq(p.version, version)))
      .returning();
    return r;
  },
  /** Repayments received for a grant (decision 119), in the order they came in. */
  repayments(db: DbOrTx, tenantId: string, applicationId: string): Promise<RepaymentRow[]> {
    return db
      .select()
      .from(rp)
      .where(and(eq(rp.tenantId, tenantId), eq(rp.applicationId, applicationId)))
      .orderBy(asc(rp.receivedDate), asc(rp.createdAt));
  },
  async insertRepayment(db: DbOrTx, row: typeof rp.$inferInsert): Promise<RepaymentRow> {
    const [r] = await db.insert(rp).values(row).returning();
    return r!;
  },
  /**
   * The repayments of a call for the treasury's CSV (decision 131): each demand with its grant's
   * organization and title, and every booking received against it.
   */
  async repaymentsForCall(db: DbOrTx, tenantId: string, callId: string) {
    const demands = await db
      .select({
        applicationId: app.id,
        organizationName: app.organizationName,
        title: app.title,
        demandedCents: p.repaymentCents,
        dueDate: p.repaymentDue,
      })
      .from(p)
      .innerJoin(app, and(eq(app.tenantId, p.tenantId), eq(app.id, p.applicationId)))
      .where(and(eq(p.tenantId, tenantId), eq(app.callId, callId), eq(p.status, "repayment")))
      .orderBy(asc(p.repaymentDue), asc(app.organizationName), asc(app.id));
    const bookings = await db
      .select({ ...getTableColumns(rp) })
      .from(rp)
      .innerJoin(app, and(eq(app.tenantId, rp.tenantId), eq(app.id, rp.applicationId)))
      .where(and(eq(rp.tenantId, tenantId), eq(app.callId, callId)))
      .orderBy(asc(rp.receivedDate), asc(rp.createdAt));
    return { demands, bookings };
  },
  /** Uploaded receipts of a grant, without their bytes. */
  files(db: DbOrTx, tenantId: string, applicationId: string): Promise<ReceiptFileMeta[]> {
    return db
      .select(fileMeta)
      .from(f)
      .where(and(eq(f.tenantId, tenantId), eq(f.applicationId, applicationId)))
      .orderBy(asc(f.createdAt), asc(f.fileName));
  },
  async file(db: DbOrTx, tenantId: string, applicationId: string, id: string) {
    const [r] = await db
      .select()
      .from(f)
      .where(and(eq(f.tenantId, tenantId), eq(f.applicationId, applicationId), eq(f.id, id)));
    return r;
  },
  async insertFiles(db: DbOrTx, rows: (typeof f.$inferInsert)[]): Promise<ReceiptFileMeta[]> {
    return rows.length ? db.insert(f).values(rows).returning(fileMeta) : [];
  },
  async deleteFiles(db: DbOrTx, tenantId: string, applicationId: string, id?: string): Promise<number> {
    const r = await db
      .delete(f)
      .where(
        and(
          eq(f.tenantId, tenantId),
          eq(f.applicationId, applicationId),
          id === undefined ? undefined : eq(f.id, id),
        ),
      )
      .returning({ id: f.id });
    return r.length;
  },
  /** Retention: the report and the receipts may name persons; the figures and the outcome stay. */
  async eraseText(db: DbOrTx, tenantId: string, applicationId: string, now: Date): Promise<number> {
    await proofRepo.deleteFiles(db, tenantId, applicationId);
    const r = await db
      .update(p)
      .set({ report: "", receipts: [], message: null, updatedAt: now })
      .where(and(eq(p.tenantId, tenantId), eq(p.applicationId, applicationId)))
      .returning({ id: p.applicationId });
    return r.length;
  },
};
