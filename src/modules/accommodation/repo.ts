import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { accommodationCriteria, accommodationScenarios, accommodationSites } from "./schema.ts";

export type SiteRow = typeof accommodationSites.$inferSelect;
export type CriterionRow = typeof accommodationCriteria.$inferSelect;
export type ScenarioRow = typeof accommodationScenarios.$inferSelect;

export const siteRepo = {
  list(db: DbOrTx, tenantId: string): Promise<SiteRow[]> {
    return db
      .select()
      .from(accommodationSites)
      .where(eq(accommodationSites.tenantId, tenantId))
      .orderBy(asc(accommodationSites.name));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<SiteRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodationSites)
      .where(and(eq(accommodationSites.tenantId, tenantId), eq(accommodationSites.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof accommodationSites.$inferInsert): Promise<SiteRow> {
    const [created] = await db.insert(accommodationSites).values(row).returning();
    return created!;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Omit<SiteRow, "tenantId" | "id" | "version" | "createdAt">>,
  ): Promise<SiteRow | undefined> {
    const [row] = await db
      .update(accommodationSites)
      .set({ ...patch, version: sql`${accommodationSites.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(accommodationSites.tenantId, tenantId),
          eq(accommodationSites.id, id),
          eq(accommodationSites.version, version),
        ),
      )
      .returning();
    return row;
  },
};

export const criterionRepo = {
  list(db: DbOrTx, tenantId: string): Promise<CriterionRow[]> {
    return db
      .select()
      .from(accommodationCriteria)
      .where(eq(accommodationCriteria.tenantId, tenantId))
      .orderBy(asc(accommodationCriteria.sort), asc(accommodationCriteria.name));
  },
  async insert(db: DbOrTx, row: typeof accommodationCriteria.$inferInsert): Promise<CriterionRow> {
    const [created] = await db.insert(accommodationCriteria).values(row).returning();
    return created!;
  },
};

export const scenarioRepo = {
  list(db: DbOrTx, tenantId: string): Promise<ScenarioRow[]> {
    return db
      .select()
      .from(accommodationScenarios)
      .where(eq(accommodationScenarios.tenantId, tenantId))
      .orderBy(desc(accommodationScenarios.createdAt));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ScenarioRow | undefined> {
    const [row] = await db
      .select()
      .from(accommodationScenarios)
      .where(and(eq(accommodationScenarios.tenantId, tenantId), eq(accommodationScenarios.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof accommodationScenarios.$inferInsert): Promise<ScenarioRow> {
    const [created] = await db.insert(accommodationScenarios).values(row).returning();
    return created!;
  },
};
