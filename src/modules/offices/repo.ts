import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { officeAreas, officeMembers, offices } from "./schema.ts";

export type OfficeRow = typeof offices.$inferSelect;
export type OfficeInsert = typeof offices.$inferInsert;
export type OfficePatch = Partial<Pick<OfficeRow, "name" | "kind" | "placeId" | "email" | "phone">>;
export type OfficeMemberRow = typeof officeMembers.$inferSelect;

export const officeRepo = {
  async list(db: DbOrTx, tenantId: string): Promise<OfficeRow[]> {
    return db.select().from(offices).where(eq(offices.tenantId, tenantId)).orderBy(asc(offices.name));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<OfficeRow | undefined> {
    const [row] = await db
      .select()
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), eq(offices.id, id)));
    return row;
  },
  async byIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<OfficeRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), inArray(offices.id, ids)));
  },
  async byName(db: DbOrTx, tenantId: string, name: string): Promise<OfficeRow | undefined> {
    const [row] = await db
      .select()
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), eq(offices.name, name)));
    return row;
  },
  async insert(db: DbOrTx, row: OfficeInsert): Promise<OfficeRow> {
    const [created] = await db.insert(offices).values(row).returning();
    return created!;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: OfficePatch,
    now: Date,
  ): Promise<OfficeRow | undefined> {
    const [row] = await db
      .update(offices)
      .set({ ...patch, version: sql`${offices.version} + 1`, updatedAt: now })
      .where(and(eq(offices.tenantId, tenantId), eq(offices.id, id), eq(offices.version, version)))
      .returning();
    return row;
  },

  async catchment(db: DbOrTx, tenantId: string): Promise<{ officeId: string; areaId: string }[]> {
    return db
      .select({ officeId: officeAreas.officeId, areaId: officeAreas.areaId })
      .from(officeAreas)
      .where(eq(officeAreas.tenantId, tenantId));
  },
  async catchmentOf(db: DbOrTx, tenantId: string, officeId: string): Promise<string[]> {
    const rows = await db
      .select({ areaId: officeAreas.areaId })
      .from(officeAreas)
      .where(and(eq(officeAreas.tenantId, tenantId), eq(officeAreas.officeId, officeId)));
    return rows.map((r) => r.areaId);
  },
  /** Which offices hold these areas in their catchment. */
  async holdersOf(db: DbOrTx, tenantId: string, areaIds: string[]) {
    if (!areaIds.length) return [];
    return db
      .select({ officeId: officeAreas.officeId, areaId: officeAreas.areaId })
      .from(officeAreas)
      .where(and(eq(officeAreas.tenantId, tenantId), inArray(officeAreas.areaId, areaIds)));
  },
  async replaceCatchment(db: DbOrTx, tenantId: string, officeId: string, areaIds: string[]) {
    await db
      .delete(officeAreas)
      .where(and(eq(officeAreas.tenantId, tenantId), eq(officeAreas.officeId, officeId)));
    if (areaIds.length) {
      await db.insert(officeAreas).values(areaIds.map((areaId) => ({ tenantId, officeId, areaId })));
    }
  },

  async members(db: DbOrTx, tenantId: string, officeId?: string): Promise<OfficeMemberRow[]> {
    return db
      .select()
      .from(officeMembers)
      .where(
        officeId
          ? and(eq(officeMembers.tenantId, tenantId), eq(officeMembers.officeId, officeId))
          : eq(officeMembers.tenantId, tenantId),
      );
  },
  async officesOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<string[]> {
    const rows = await db
      .select({ officeId: officeMembers.officeId })
      .from(officeMembers)
      .where(and(eq(officeMembers.tenantId, tenantId), eq(officeMembers.userId, userId)));
    return rows.map((r) => r.officeId);
  },
  async replaceMembers(
    db: DbOrTx,
    tenantId: string,
    officeId: string,
    members: { userId: string; function: string | null }[],
    now: Date,
  ) {
    await db
      .delete(officeMembers)
      .where(and(eq(officeMembers.tenantId, tenantId), eq(officeMembers.officeId, officeId)));
    if (members.length) {
      await db.insert(officeMembers).values(
        members.map((m) => ({
          tenantId,
          officeId,
          userId: m.userId,
          function: m.function,
          createdAt: now,
        })),
      );
    }
  },
};
