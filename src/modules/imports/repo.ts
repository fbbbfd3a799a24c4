import { and, eq, getTableColumns, isNotNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { importRuns } from "./schema.ts";

export type ImportRunRow = typeof importRuns.$inferSelect;
export type ImportRunInsert = typeof importRuns.$inferInsert;
type Patch = Partial<Omit<ImportRunInsert, "tenantId" | "id" | "createdAt">>;

export const importRunRepo = {
  async insert(db: DbOrTx, row: ImportRunInsert): Promise<ImportRunRow> {
    const [created] = await db.insert(importRuns).values(row).returning();
    return created!;
  },

  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ImportRunRow | undefined> {
    const [row] = await db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, id)));
    return row;
  },

  /** The run without its stored upload (status pages poll this), and whether one is stored. */
  async summaryById(
    db: DbOrTx,
    tenantId: string,
    id: string,
  ): Promise<(Omit<ImportRunRow, "upload"> & { hasUpload: boolean }) | undefined> {
    const { upload: _upload, ...columns } = getTableColumns(importRuns);
    const [row] = await db
      .select({ ...columns, hasUpload: sql<boolean>`${importRuns.upload} IS NOT NULL` })
      .from(importRuns)
      .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, id)));
    return row;
  },

  async update(db: DbOrTx, tenantId: string, id: string, patch: Patch): Promise<void> {
    await db
      .update(importRuns)
      .set(patch)
      .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, id)));
  },

  /** Drops the stored uploads of runs started before `before`. */
  async dropUploadsBefore(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .update(importRuns)
      .set({ upload: null })
      .where(
        and(
          eq(importRuns.tenantId, tenantId),
          isNotNull(importRuns.upload),
          lt(importRuns.createdAt, before),
        ),
      )
      .returning({ id: importRuns.id });
    return rows.length;
  },

  async deleteBefore(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .delete(importRuns)
      .where(and(eq(importRuns.tenantId, tenantId), lt(importRuns.createdAt, before)))
      .returning({ id: importRuns.id });
    return rows.length;
  },
};
