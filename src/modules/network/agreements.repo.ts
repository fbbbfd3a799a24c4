import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkAgreementPdfs as agreementPdfs,
  networkAgreements as agreements,
  networkBodies as bodies,
  networkCommitments as commitments,
  networkMeetings as meetings,
  networkSignatories as signatories,
} from "./schema.ts";

export type AgreementRow = typeof agreements.$inferSelect;
export type SignatoryRow = typeof signatories.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;

/** Agreements, declarations and their signatories. */
export const agreementRepo = {
  async list(db: DbOrTx, tenantId: string): Promise<AgreementRow[]> {
    return db
      .select()
      .from(agreements)
      .where(eq(agreements.tenantId, tenantId))
      .orderBy(sql`${agreements.reviewDate} asc nulls last`, asc(agreements.title));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<AgreementRow | undefined> {
    const [row] = await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof agreements.$inferInsert): Promise<AgreementRow> {
    const [created] = await db.insert(agreements).values(row).returning();
    return created!;
  },
  /** Compare-and-set on the version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<
      Pick<
        AgreementRow,
        | "state"
        | "reviewDate"
        | "published"
        | "title"
        | "subject"
        | "text"
        | "parties"
        | "startDate"
        | "meetingId"
        | "measureId"
      >
    >,
    now: Date,
  ): Promise<AgreementRow | undefined> {
    const [row] = await db
      .update(agreements)
      .set({ ...patch, version: sql`${agreements.version} + 1`, updatedAt: now })
      .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id), eq(agreements.version, version)))
      .returning();
    return row;
  },
  async signatories(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<SignatoryRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(signatories)
      .where(and(eq(signatories.tenantId, tenantId), inArray(signatories.agreementId, [...ids])))
      .orderBy(asc(signatories.signedOn), asc(signatories.id));
  },
  async insertSignatory(db: DbOrTx, row: typeof signatories.$inferInsert): Promise<SignatoryRow> {
    const [created] = await db.insert(signatories).values(row).returning();
    return created!;
  },
  /** The latest meetings with their body's name: what an agreement can come out of. */
  async meetingChoices(db: DbOrTx, tenantId: string, limit: number) {
    return db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, bodyName: bodies.name })
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(eq(meetings.tenantId, tenantId))
      .orderBy(desc(meetings.startsAt), asc(meetings.id))
      .limit(limit);
  },

  // --- commitments per party (decision 085) -----------------------------------------------------
  async commitments(db: DbOrTx, tenantId: string, agreementId: string): Promise<CommitmentRow[]> {
    return db
      .select()
      .from(commitments)
      .where(and(eq(commitments.tenantId, tenantId), eq(commitments.agreementId, agreementId)))
      .orderBy(sql`${commitments.dueDate} asc nulls last`, asc(commitments.createdAt), asc(commitments.id));
  },
  async commitment(db: DbOrTx, tenantId: string, id: string): Promise<CommitmentRow | undefined> {
    const [row] = await db
      .select()
      .from(commitments)
      .where(and(eq(commitments.tenantId, tenantId), eq(commitments.id, id)));
    return row;
  },
  async insertCommitment(db: DbOrTx, row: typeof commitments.$inferInsert): Promise<CommitmentRow> {
    const [created] = await db.insert(commitments).values(row).returning();
    return created!;
  },
  async updateCommitmentIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<CommitmentRow, "status" | "owner" | "dueDate" | "text">>,
    now: Date,
  ): Promise<CommitmentRow | undefined> {
    const [row] = await db
      .update(commitments)
      .set({ ...patch, version: sql`${commitments.version} + 1`, updatedAt: now })
      .where(
        and(eq(commitments.tenantId, tenantId), eq(commitments.id, id), eq(commitments.version, version)),
      )
      .returning();
    return row;
  },

  // --- the agreement's PDF (agreement-pdf.ts) ----------------------------------------------------
  /** Stores a version's PDF unless a later version's is there already (jobs may finish out of order). */
  async putPdf(db: DbOrTx, row: typeof agreementPdfs.$inferInsert): Promise<void> {
    await db
      .insert(agreementPdfs)
      .values(row)
      .onConflictDoUpdate({
        target: [agreementPdfs.tenantId, agreementPdfs.agreementId],
        set: { version: row.version, pdf: row.pdf, createdAt: row.createdAt ?? sql`now()` },
        setWhere: lte(agreementPdfs.version, row.version),
      });
  },
  async pdfMeta(db: DbOrTx, tenantId: string, agreementId: string) {
    const [r] = await db
      .select({ version: agreementPdfs.version, createdAt: agreementPdfs.createdAt })
      .from(agreementPdfs)
      .where(and(eq(agreementPdfs.tenantId, tenantId), eq(agreementPdfs.agreementId, agreementId)));
    return r;
  },
  async pdf(db: DbOrTx, tenantId: string, agreementId: string) {
    const [r] = await db
      .select()
      .from(agreementPdfs)
      .where(and(eq(agreementPdfs.tenantId, tenantId), eq(agreementPdfs.agreementId, agreementId)));
    return r;
  },
};
