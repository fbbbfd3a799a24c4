import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { accommodationWeightDialogues, accommodationWeightSets } from "./schema.ts";

export type DialogueRow = typeof accommodationWeightDialogues.$inferSelect;
export type WeightSetRow = typeof accommodationWeightSets.$inferSelect;

/** The dialogue's questionnaire and the adopted weight sets (decision 114). */
export const weightsRepo = {
  async dialogue(db: DbOrTx, tenantId: string): Promise<DialogueRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodationWeightDialogues)
      .where(eq(accommodationWeightDialogues.tenantId, tenantId));
    return row;
  },
  /** The first link; undefined when another one was made meanwhile (the primary key holds one per tenant). */
  async insertDialogue(
    db: DbOrTx,
    row: typeof accommodationWeightDialogues.$inferInsert,
  ): Promise<DialogueRow | undefined> {
    const [created] = await db
      .insert(accommodationWeightDialogues)
      .values(row)
      .onConflictDoNothing()
      .returning();
    return created;
  },
  /** Compare-and-set on version (a change of the link, or an adoption claiming its number). */
  async updateDialogueIfVersion(
    db: DbOrTx,
    tenantId: string,
    version: number,
    patch: Partial<Pick<DialogueRow, "formId" | "method" | "mapping" | "updatedBy">>,
  ): Promise<DialogueRow | undefined> {
    const [row] = await db
      .update(accommodationWeightDialogues)
      .set({ ...patch, version: sql`${accommodationWeightDialogues.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(accommodationWeightDialogues.tenantId, tenantId),
          eq(accommodationWeightDialogues.version, version),
        ),
      )
      .returning();
    return row;
  },
  sets(db: DbOrTx, tenantId: string): Promise<WeightSetRow[]> {
    return db
      .select()
      .from(accommodationWeightSets)
      .where(eq(accommodationWeightSets.tenantId, tenantId))
      .orderBy(desc(accommodationWeightSets.number));
  },
  async current(db: DbOrTx, tenantId: string): Promise<WeightSetRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodationWeightSets)
      .where(eq(accommodationWeightSets.tenantId, tenantId))
      .orderBy(desc(accommodationWeightSets.number))
      .limit(1);
    return row;
  },
  /** The next numbered set; undefined when another adoption took the number meanwhile (unique per tenant). */
  async insertSet(
    db: DbOrTx,
    row: typeof accommodationWeightSets.$inferInsert,
  ): Promise<WeightSetRow | undefined> {
    const [created] = await db.insert(accommodationWeightSets).values(row).onConflictDoNothing().returning();
    return created;
  },
};
