import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guidePackages } from "./schema.ts";

export type SavedPackageRow = typeof guidePackages.$inferSelect;
type Fields = Pick<SavedPackageRow, "name" | "title" | "pageIds" | "offerIds">;

/** Saved welcome packages (decision 082). */
export const packagesRepo = {
  list(db: DbOrTx, tenantId: string): Promise<SavedPackageRow[]> {
    return db
      .select()
      .from(guidePackages)
      .where(eq(guidePackages.tenantId, tenantId))
      .orderBy(guidePackages.name);
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<SavedPackageRow | undefined> {
    const [row] = await db
      .select()
      .from(guidePackages)
      .where(and(eq(guidePackages.tenantId, tenantId), eq(guidePackages.id, id)));
    return row;
  },
  async byName(db: DbOrTx, tenantId: string, name: string): Promise<SavedPackageRow | undefined> {
    const [row] = await db
      .select()
      .from(guidePackages)
      .where(and(eq(guidePackages.tenantId, tenantId), sql`lower(${guidePackages.name}) = lower(${name})`));
    return row;
  },
  async insert(db: DbOrTx, tenantId: string, fields: Fields, now: Date): Promise<SavedPackageRow> {
    const [row] = await db
      .insert(guidePackages)
      .values({ tenantId, ...fields, createdAt: now, updatedAt: now })
      .returning();
    return row!;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    fields: Fields,
    now: Date,
  ): Promise<SavedPackageRow | undefined> {
    const [row] = await db
      .update(guidePackages)
      .set({ ...fields, version: sql`${guidePackages.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(guidePackages.tenantId, tenantId),
          eq(guidePackages.id, id),
          eq(guidePackages.version, version),
        ),
      )
      .returning();
    return row;
  },
  async remove(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
    const rows = await db
      .delete(guidePackages)
      .where(and(eq(guidePackages.tenantId, tenantId), eq(guidePackages.id, id)))
      .returning({ id: guidePackages.id });
    return rows.length > 0;
  },
};
