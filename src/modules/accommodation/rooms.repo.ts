import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { accommodationPlacementRooms, accommodationPlacements, accommodationRooms } from "./schema.ts";

export type RoomRow = typeof accommodationRooms.$inferSelect;
/** A placement's share of a room, with the stay it belongs to. */
export type RoomStay = {
  placementId: string;
  roomId: string;
  householdId: string;
  persons: number;
  moveIn: string;
  moveOut: string | null;
};

export const roomRepo = {
  ofAccommodation(db: DbOrTx, tenantId: string, accommodationId: string): Promise<RoomRow[]> {
    return db
      .select()
      .from(accommodationRooms)
      .where(
        and(
          eq(accommodationRooms.tenantId, tenantId),
          eq(accommodationRooms.accommodationId, accommodationId),
        ),
      )
      .orderBy(asc(accommodationRooms.floor), asc(accommodationRooms.name));
  },
  all(db: DbOrTx, tenantId: string): Promise<RoomRow[]> {
    return db.select().from(accommodationRooms).where(eq(accommodationRooms.tenantId, tenantId));
  },
  async insert(db: DbOrTx, row: typeof accommodationRooms.$inferInsert): Promise<RoomRow> {
    const [created] = await db.insert(accommodationRooms).values(row).returning();
    return created!;
  },
  /** Every placement's share of a room of these accommodations, with its stay. */
  stays(db: DbOrTx, tenantId: string, accommodationIds?: readonly string[]): Promise<RoomStay[]> {
    const p = accommodationPlacements;
    const r = accommodationPlacementRooms;
    return db
      .select({
        placementId: r.placementId,
        roomId: r.roomId,
        householdId: p.householdId,
        persons: r.persons,
        moveIn: p.moveIn,
        moveOut: p.moveOut,
      })
      .from(r)
      .innerJoin(p, and(eq(p.tenantId, r.tenantId), eq(p.id, r.placementId)))
      .where(
        and(
          eq(r.tenantId, tenantId),
          accommodationIds ? inArray(p.accommodationId, [...accommodationIds]) : undefined,
        ),
      );
  },
  async insertShares(
    db: DbOrTx,
    tenantId: string,
    placementId: string,
    shares: readonly { roomId: string; persons: number }[],
  ) {
    if (shares.length)
      await db
        .insert(accommodationPlacementRooms)
        .values(shares.map((s) => ({ tenantId, placementId, ...s })));
  },
  sharesOf(db: DbOrTx, tenantId: string, placementIds: readonly string[]) {
    if (placementIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(accommodationPlacementRooms)
      .where(
        and(
          eq(accommodationPlacementRooms.tenantId, tenantId),
          inArray(accommodationPlacementRooms.placementId, [...placementIds]),
        ),
      );
  },
  /** Erasure: the room shares of these placements go with them. */
  async deleteShares(db: DbOrTx, tenantId: string, placementIds: readonly string[]) {
    if (placementIds.length === 0) return;
    await db
      .delete(accommodationPlacementRooms)
      .where(
        and(
          eq(accommodationPlacementRooms.tenantId, tenantId),
          inArray(accommodationPlacementRooms.placementId, [...placementIds]),
        ),
      );
  },
};
