import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { accommodationPlacements, accommodations } from "./schema.ts";

export type AccommodationRow = typeof accommodations.$inferSelect;
export type PlacementRow = typeof accommodationPlacements.$inferSelect;
type AccommodationPatch = Partial<Omit<AccommodationRow, "tenantId" | "id" | "version" | "createdAt">>;

export const accommodationRepo = {
  list(db: DbOrTx, tenantId: string): Promise<AccommodationRow[]> {
    return db
      .select()
      .from(accommodations)
      .where(eq(accommodations.tenantId, tenantId))
      .orderBy(asc(accommodations.name));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<AccommodationRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodations)
      .where(and(eq(accommodations.tenantId, tenantId), eq(accommodations.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof accommodations.$inferInsert): Promise<AccommodationRow> {
    const [created] = await db.insert(accommodations).values(row).returning();
    return created!;
  },
  /**
   * Compare-and-set on version (a change, or a placement claiming places): undefined when
   * someone else saved first. Under READ COMMITTED the second writer waits for the first's row
   * lock and then finds the version moved on.
   */
  async bumpIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: AccommodationPatch = {},
  ): Promise<AccommodationRow | undefined> {
    const [row] = await db
      .update(accommodations)
      .set({ ...patch, version: sql`${accommodations.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(accommodations.tenantId, tenantId),
          eq(accommodations.id, id),
          eq(accommodations.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** The linked public place (decision 121); not a change of the accommodation, so no version bump. */
  async setPlace(
    db: DbOrTx,
    tenantId: string,
    id: string,
    placeId: string | null,
    placeVersion: number | null,
  ): Promise<void> {
    await db
      .update(accommodations)
      .set({ placeId, placeVersion })
      .where(and(eq(accommodations.tenantId, tenantId), eq(accommodations.id, id)));
  },
  /** Closed accommodations still linked to a public place (the daily job takes them down). */
  closedWithPlace(db: DbOrTx, tenantId: string, day: string): Promise<AccommodationRow[]> {
    return db
      .select()
      .from(accommodations)
      .where(
        and(
          eq(accommodations.tenantId, tenantId),
          isNotNull(accommodations.placeId),
          lte(accommodations.closesOn, day),
        ),
      );
  },
};

export const placementRepo = {
  /**
   * Serialises placements of one household (decision 073): a transaction-scoped advisory lock
   * on the household, so two placements of it into two accommodations at once cannot both see
   * "not placed yet". Released at commit or rollback.
   */
  async lockHousehold(db: DbOrTx, tenantId: string, householdId: string): Promise<void> {
    await db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`lotse.accommodation.household:${tenantId}:${householdId}`}))`,
    );
  },
  /** Every placement of the tenant (for occupancy over all accommodations). */
  all(db: DbOrTx, tenantId: string): Promise<PlacementRow[]> {
    return db.select().from(accommodationPlacements).where(eq(accommodationPlacements.tenantId, tenantId));
  },
  ofAccommodation(db: DbOrTx, tenantId: string, accommodationId: string): Promise<PlacementRow[]> {
    return db
      .select()
      .from(accommodationPlacements)
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          eq(accommodationPlacements.accommodationId, accommodationId),
        ),
      )
      .orderBy(desc(accommodationPlacements.moveIn));
  },
  ofHousehold(db: DbOrTx, tenantId: string, householdId: string): Promise<PlacementRow[]> {
    return db
      .select()
      .from(accommodationPlacements)
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          eq(accommodationPlacements.householdId, householdId),
        ),
      )
      .orderBy(desc(accommodationPlacements.moveIn));
  },
  ofCases(db: DbOrTx, tenantId: string, caseIds: readonly string[]): Promise<PlacementRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(accommodationPlacements)
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          inArray(accommodationPlacements.caseId, [...caseIds]),
        ),
      )
      .orderBy(asc(accommodationPlacements.moveIn));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PlacementRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodationPlacements)
      .where(and(eq(accommodationPlacements.tenantId, tenantId), eq(accommodationPlacements.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof accommodationPlacements.$inferInsert): Promise<PlacementRow> {
    const [created] = await db.insert(accommodationPlacements).values(row).returning();
    return created!;
  },
  async setMoveOutIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    moveOut: string,
  ): Promise<PlacementRow | undefined> {
    const [row] = await db
      .update(accommodationPlacements)
      .set({ moveOut, version: sql`${accommodationPlacements.version} + 1` })
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          eq(accommodationPlacements.id, id),
          eq(accommodationPlacements.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** Stays running on `day` whose household's address has not followed yet (the daily job). */
  dueForAddress(db: DbOrTx, tenantId: string, day: string): Promise<PlacementRow[]> {
    return db
      .select()
      .from(accommodationPlacements)
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          isNull(accommodationPlacements.addressMovedOn),
          lte(accommodationPlacements.moveIn, day),
          or(isNull(accommodationPlacements.moveOut), gt(accommodationPlacements.moveOut, day)),
        ),
      )
      .orderBy(asc(accommodationPlacements.moveIn));
  },
  /** Claims the address move of a stay once: false when another run did it already. */
  async markAddressMoved(db: DbOrTx, tenantId: string, id: string, day: string): Promise<boolean> {
    const rows = await db
      .update(accommodationPlacements)
      .set({ addressMovedOn: day })
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          eq(accommodationPlacements.id, id),
          isNull(accommodationPlacements.addressMovedOn),
        ),
      )
      .returning({ id: accommodationPlacements.id });
    return rows.length === 1;
  },
  /** Erasure and retention through case work: the placements made under these cases. */
  async deleteOfCases(db: DbOrTx, tenantId: string, caseIds: readonly string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows = await db
      .delete(accommodationPlacements)
      .where(
        and(
          eq(accommodationPlacements.tenantId, tenantId),
          inArray(accommodationPlacements.caseId, [...caseIds]),
        ),
      )
      .returning({ id: accommodationPlacements.id });
    return rows.map((r) => r.id);
  },
};
