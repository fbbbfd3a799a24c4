/** Uploaded logos and offer pictures. */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { ImageRow } from "./entries.repo.ts";
import { directoryImages } from "./schema.ts";

export const imagesRepo = {
  async insertImage(db: DbOrTx, row: typeof directoryImages.$inferInsert): Promise<ImageRow> {
    const [created] = await db.insert(directoryImages).values(row).returning();
    return created!;
  },
  async image(db: DbOrTx, tenantId: string, id: string): Promise<ImageRow | undefined> {
    const [row] = await db
      .select()
      .from(directoryImages)
      .where(and(eq(directoryImages.tenantId, tenantId), eq(directoryImages.id, id)));
    return row;
  },
};
