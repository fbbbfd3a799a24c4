import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { tenants } from "./schema.ts";

export type TenantRow = typeof tenants.$inferSelect;
export type TenantInsert = typeof tenants.$inferInsert;

export const tenantRepo = {
  async insert(db: DbOrTx, row: TenantInsert): Promise<TenantRow> {
    const [created] = await db.insert(tenants).values(row).returning();
    return created!;
  },
  async bySlug(db: DbOrTx, slug: string): Promise<TenantRow | undefined> {
    const [row] = await db
      .select()
      .from(tenants)
      .where(and(eq(tenants.slug, slug), isNull(tenants.deletedAt)));
    return row;
  },
  async byId(db: DbOrTx, id: string): Promise<TenantRow | undefined> {
    const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
    return row;
  },
  async byHostname(db: DbOrTx, host: string): Promise<TenantRow | undefined> {
    const [row] = await db
      .select()
      .from(tenants)
      .where(and(sql`${host} = ANY(${tenants.hostnames})`, isNull(tenants.deletedAt)));
    return row;
  },
  async list(db: DbOrTx): Promise<TenantRow[]> {
    return db.select().from(tenants).where(isNull(tenants.deletedAt)).orderBy(tenants.name);
  },
  /** Goes live (decision 097) or records the chosen seed template; bumps the version like a settings change. */
  async setOnboarding(
    db: DbOrTx,
    id: string,
    patch: Partial<Pick<TenantRow, "liveSince" | "frameworkTemplate">>,
    now: Date,
  ): Promise<TenantRow | undefined> {
    const [row] = await db
      .update(tenants)
      .set({ ...patch, version: sql`${tenants.version} + 1`, updatedAt: now })
      .where(eq(tenants.id, id))
      .returning();
    return row;
  },
  /** Compare-and-set on version: returns undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    id: string,
    version: number,
    patch: Partial<Pick<TenantRow, "name" | "settings" | "hostnames">>,
    now: Date,
  ): Promise<TenantRow | undefined> {
    const [row] = await db
      .update(tenants)
      .set({ ...patch, version: sql`${tenants.version} + 1`, updatedAt: now })
      .where(and(eq(tenants.id, id), eq(tenants.version, version)))
      .returning();
    return row;
  },
};
