import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { frameworkAxes, frameworkTerms } from "./schema.ts";

export type AxisRow = typeof frameworkAxes.$inferSelect;
export type TermRow = typeof frameworkTerms.$inferSelect;
export type AxisInsert = typeof frameworkAxes.$inferInsert;
export type TermInsert = typeof frameworkTerms.$inferInsert;

export const frameworkRepo = {
  axes(db: DbOrTx, tenantId: string): Promise<AxisRow[]> {
    return db
      .select()
      .from(frameworkAxes)
      .where(eq(frameworkAxes.tenantId, tenantId))
      .orderBy(asc(frameworkAxes.sort), asc(frameworkAxes.key));
  },
  async axis(db: DbOrTx, tenantId: string, id: string): Promise<AxisRow | undefined> {
    const [row] = await db
      .select()
      .from(frameworkAxes)
      .where(and(eq(frameworkAxes.tenantId, tenantId), eq(frameworkAxes.id, id)));
    return row;
  },
  terms(db: DbOrTx, tenantId: string): Promise<TermRow[]> {
    return db
      .select()
      .from(frameworkTerms)
      .where(eq(frameworkTerms.tenantId, tenantId))
      .orderBy(asc(frameworkTerms.axisId), asc(frameworkTerms.sort), asc(frameworkTerms.key));
  },
  termsOfAxis(db: DbOrTx, tenantId: string, axisId: string): Promise<TermRow[]> {
    return db
      .select()
      .from(frameworkTerms)
      .where(and(eq(frameworkTerms.tenantId, tenantId), eq(frameworkTerms.axisId, axisId)))
      .orderBy(asc(frameworkTerms.sort), asc(frameworkTerms.key));
  },
  async term(db: DbOrTx, tenantId: string, id: string): Promise<TermRow | undefined> {
    const [row] = await db
      .select()
      .from(frameworkTerms)
      .where(and(eq(frameworkTerms.tenantId, tenantId), eq(frameworkTerms.id, id)));
    return row;
  },
  async insertAxis(db: DbOrTx, row: AxisInsert): Promise<AxisRow> {
    const [created] = await db.insert(frameworkAxes).values(row).returning();
    return created!;
  },
  async insertTerm(db: DbOrTx, row: TermInsert): Promise<TermRow> {
    const [created] = await db.insert(frameworkTerms).values(row).returning();
    return created!;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateTermIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<TermRow, "sort" | "parentId" | "code" | "active">>,
    now: Date,
  ): Promise<TermRow | undefined> {
    const [row] = await db
      .update(frameworkTerms)
      .set({ ...patch, version: sql`${frameworkTerms.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(frameworkTerms.tenantId, tenantId),
          eq(frameworkTerms.id, id),
          eq(frameworkTerms.version, version),
        ),
      )
      .returning();
    return row;
  },
};
