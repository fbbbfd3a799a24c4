import { and, asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { areas } from "./schema.ts";

export type AreaRow = typeof areas.$inferSelect;
export type AreaInsert = typeof areas.$inferInsert;
export type AreaPatch = Pick<
  AreaRow,
  | "parentId"
  | "level"
  | "name"
  | "geometry"
  | "minLon"
  | "minLat"
  | "maxLon"
  | "maxLat"
  | "approximate"
  | "sourceNote"
>;

const INSERT_BATCH = 25;

export const areaRepo = {
  async listByTenant(db: DbOrTx, tenantId: string): Promise<AreaRow[]> {
    return db.select().from(areas).where(eq(areas.tenantId, tenantId)).orderBy(asc(areas.code));
  },

  /** The list without geometry (tables, pickers). */
  async listSummaries(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: areas.id,
        parentId: areas.parentId,
        level: areas.level,
        code: areas.code,
        name: areas.name,
        approximate: areas.approximate,
        sourceNote: areas.sourceNote,
        version: areas.version,
        updatedAt: areas.updatedAt,
      })
      .from(areas)
      .where(eq(areas.tenantId, tenantId))
      .orderBy(asc(areas.code));
  },

  /** The area tree without geometry, by name (monitoring's rows and level mapping). */
  treeByName(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: areas.id,
        parentId: areas.parentId,
        level: areas.level,
        code: areas.code,
        name: areas.name,
        approximate: areas.approximate,
      })
      .from(areas)
      .where(eq(areas.tenantId, tenantId))
      .orderBy(asc(areas.name));
  },

  /** Changes whenever an area of the tenant is inserted or updated: tells a cached index it is stale. */
  async stamp(db: DbOrTx, tenantId: string): Promise<string> {
    const [row] = await db
      .select({
        n: count(),
        last: sql<string | null>`max(${areas.updatedAt})::text`,
        versions: sql<string>`coalesce(sum(${areas.version}), 0)::text`,
      })
      .from(areas)
      .where(eq(areas.tenantId, tenantId));
    return `${row?.n ?? 0}:${row?.last ?? "-"}:${row?.versions ?? "0"}`;
  },

  /** Serialises imports of one tenant until the transaction ends (works on PGlite and PostgreSQL). */
  async lockTenantImports(tx: DbOrTx, tenantId: string): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`lotse.areas.import:${tenantId}`}))`);
  },

  /**
   * In batches: one statement carrying 20 MB of geometry would hold the embedded database, and
   * with it the event loop, for seconds; between batches other requests get their turn.
   */
  async insertMany(tx: DbOrTx, rows: AreaInsert[]): Promise<{ id: string; code: string }[]> {
    const out: { id: string; code: string }[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      out.push(...(await tx.insert(areas).values(batch).returning({ id: areas.id, code: areas.code })));
    }
    return out;
  },

  async update(tx: DbOrTx, tenantId: string, id: string, patch: AreaPatch, now: Date): Promise<void> {
    await tx
      .update(areas)
      .set({ ...patch, version: sql`${areas.version} + 1`, updatedAt: now })
      .where(and(eq(areas.tenantId, tenantId), eq(areas.id, id)));
  },
};
