import { and, desc, eq, exists, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { householdMerges } from "./core-schema.ts";
import { cases, caseWorkers, households, persons } from "./schema.ts";

export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdInsert = typeof households.$inferInsert;
export type HouseholdListRow = { id: string; label: string; officeId: string | null; createdAt: Date };

export function escapeLike(q: string) {
  return q.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** The area of a household, as a subquery: a case's area_id is always its household's (decision 107). */
export function householdArea(tenantId: string, householdId: string): SQL<string | null> {
  return sql`(select ${households.areaId} from ${households} where ${households.tenantId} = ${tenantId} and ${households.id} = ${householdId})`;
}

export const householdRepo = {
  async insert(db: DbOrTx, row: HouseholdInsert): Promise<HouseholdRow> {
    const [created] = await db.insert(households).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<HouseholdRow | undefined> {
    const [row] = await db
      .select()
      .from(households)
      .where(and(eq(households.tenantId, tenantId), eq(households.id, id)));
    return row;
  },
  async byIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<HouseholdRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(households)
      .where(and(eq(households.tenantId, tenantId), inArray(households.id, ids)));
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<HouseholdInsert>,
    now: Date,
  ): Promise<HouseholdRow | undefined> {
    // A changed area moves to the household's cases in the same transaction (decision 107); a
    // savepoint when the caller's transaction is open, as every service's is.
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(households)
        .set({ ...patch, version: sql`${households.version} + 1`, updatedAt: now })
        .where(and(eq(households.tenantId, tenantId), eq(households.id, id), eq(households.version, version)))
        .returning();
      if (row && patch.areaId !== undefined) await householdRepo.areaToCases(tx, tenantId, id, row.areaId);
      return row;
    });
  },

  /**
   * Keeps cases.area_id (the household's area, kept on the case for the overviews) true: the
   * case's own version and updated_at stay, as nobody edited the case.
   */
  async areaToCases(db: DbOrTx, tenantId: string, householdId: string, areaId: string | null) {
    await db
      .update(cases)
      .set({ areaId })
      .where(
        and(
          eq(cases.tenantId, tenantId),
          eq(cases.householdId, householdId),
          sql`${cases.areaId} is distinct from ${areaId}::uuid`,
        ),
      );
  },

  /** Households the principal may see (own office, or a visible case), by label; newest first. */
  async list(
    db: DbOrTx,
    tenantId: string,
    f: { officeIds: string[] | "all"; userId: string; q?: string | undefined },
    limit: number,
    offset: number,
  ): Promise<HouseholdListRow[]> {
    const where: SQL[] = [eq(households.tenantId, tenantId), isNull(households.mergedInto)];
    if (f.officeIds !== "all") {
      const assigned = exists(
        db
          .select({ one: sql`1` })
          .from(caseWorkers)
          .where(
            and(
              eq(caseWorkers.tenantId, cases.tenantId),
              eq(caseWorkers.caseId, cases.id),
              eq(caseWorkers.userId, f.userId),
            ),
          ),
      );
      const visibleCase = exists(
        db
          .select({ one: sql`1` })
          .from(cases)
          .where(
            and(
              eq(cases.tenantId, households.tenantId),
              eq(cases.householdId, households.id),
              or(...(f.officeIds.length ? [inArray(cases.officeId, f.officeIds)] : []), assigned),
            ),
          ),
      );
      where.push(
        f.officeIds.length ? or(inArray(households.officeId, f.officeIds), visibleCase)! : visibleCase,
      );
    }
    if (f.q) where.push(ilike(households.label, `%${escapeLike(f.q)}%`));
    return db
      .select({
        id: households.id,
        label: households.label,
        officeId: households.officeId,
        createdAt: households.createdAt,
      })
      .from(households)
      .where(and(...where))
      .orderBy(desc(households.createdAt), desc(households.id))
      .limit(limit)
      .offset(offset);
  },

  // ---- merge ----
  async movePersons(db: DbOrTx, tenantId: string, fromHousehold: string, toHousehold: string, now: Date) {
    const rows = await db
      .update(persons)
      .set({ householdId: toHousehold, version: sql`${persons.version} + 1`, updatedAt: now })
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, fromHousehold)))
      .returning({ id: persons.id });
    return rows.length;
  },
  async moveCases(db: DbOrTx, tenantId: string, fromHousehold: string, toHousehold: string, now: Date) {
    const rows = await db
      .update(cases)
      .set({
        householdId: toHousehold,
        areaId: householdArea(tenantId, toHousehold),
        version: sql`${cases.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, fromHousehold)))
      .returning({ id: cases.id });
    return rows.length;
  },
  async insertMerge(db: DbOrTx, row: typeof householdMerges.$inferInsert) {
    await db.insert(householdMerges).values(row);
  },
};
