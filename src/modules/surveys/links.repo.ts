import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { surveyLinks } from "./schema.ts";

export type LinkRow = typeof surveyLinks.$inferSelect;

/** Queries of one-time self-completion links (only token hashes are stored); no rules here. */
export const linkRepo = {
  async insertLink(db: DbOrTx, row: typeof surveyLinks.$inferInsert): Promise<LinkRow> {
    const [r] = await db.insert(surveyLinks).values(row).returning();
    return r!;
  },
  /** The link by its token hash, locked for the redeeming transaction. */
  async linkByHash(db: DbOrTx, tokenHash: string, lock = false): Promise<LinkRow | undefined> {
    const q = db.select().from(surveyLinks).where(eq(surveyLinks.tokenHash, tokenHash));
    const [r] = lock ? await q.for("update") : await q;
    return r;
  },
  async markLinkUsed(db: DbOrTx, tenantId: string, id: string, at: Date) {
    await db
      .update(surveyLinks)
      .set({ usedAt: at })
      .where(and(eq(surveyLinks.tenantId, tenantId), eq(surveyLinks.id, id)));
  },
  async linksOfWave(db: DbOrTx, tenantId: string, waveId: string) {
    return db
      .select()
      .from(surveyLinks)
      .where(and(eq(surveyLinks.tenantId, tenantId), eq(surveyLinks.waveId, waveId)));
  },
};
