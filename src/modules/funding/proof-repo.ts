import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingProofs } from "./schema.ts";

export type ProofRow = typeof fundingProofs.$inferSelect;
const p = fundingProofs;

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
  /** Retention: the report and the receipts may name persons; the figures and the outcome stay. */
  async eraseText(db: DbOrTx, tenantId: string, applicationId: string, now: Date): Promise<number> {
    const r = await db
      .update(p)
      .set({ report: "", receipts: [], message: null, updatedAt: now })
      .where(and(eq(p.tenantId, tenantId), eq(p.applicationId, applicationId)))
      .returning({ id: p.applicationId });
    return r.length;
  },
};
