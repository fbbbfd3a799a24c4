import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { strategyAdoptions, strategyMilestones, strategyNodes, strategySettings } from "./schema.ts";

export type NodeRow = typeof strategyNodes.$inferSelect;
export type NodeInsert = typeof strategyNodes.$inferInsert;
export type MilestoneRow = typeof strategyMilestones.$inferSelect;
export type AdoptionRow = typeof strategyAdoptions.$inferSelect;
export type SettingsRow = typeof strategySettings.$inferSelect;

/** Every query of the goal tree; no rules. */
export const treeRepo = {
  nodes(db: DbOrTx, tenantId: string): Promise<NodeRow[]> {
    return db
      .select()
      .from(strategyNodes)
      .where(eq(strategyNodes.tenantId, tenantId))
      .orderBy(asc(strategyNodes.sort), asc(strategyNodes.createdAt), asc(strategyNodes.id));
  },
  async node(db: DbOrTx, tenantId: string, id: string): Promise<NodeRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyNodes)
      .where(and(eq(strategyNodes.tenantId, tenantId), eq(strategyNodes.id, id)));
    return row;
  },
  async exists(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: strategyNodes.id })
      .from(strategyNodes)
      .where(and(eq(strategyNodes.tenantId, tenantId), eq(strategyNodes.id, id)));
    return row !== undefined;
  },
  async insert(db: DbOrTx, row: NodeInsert): Promise<NodeRow> {
    const [created] = await db.insert(strategyNodes).values(row).returning();
    return created!;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Omit<NodeInsert, "tenantId" | "id" | "version">>,
    now: Date,
  ): Promise<NodeRow | undefined> {
    const [row] = await db
      .update(strategyNodes)
      .set({ ...patch, version: sql`${strategyNodes.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(strategyNodes.tenantId, tenantId),
          eq(strategyNodes.id, id),
          eq(strategyNodes.version, version),
        ),
      )
      .returning();
    return row;
  },
  milestones(db: DbOrTx, tenantId: string, nodeIds: string[]): Promise<MilestoneRow[]> {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(strategyMilestones)
      .where(and(eq(strategyMilestones.tenantId, tenantId), inArray(strategyMilestones.nodeId, nodeIds)))
      .orderBy(asc(strategyMilestones.due), asc(strategyMilestones.id));
  },
  async insertMilestone(db: DbOrTx, row: typeof strategyMilestones.$inferInsert): Promise<MilestoneRow> {
    const [created] = await db.insert(strategyMilestones).values(row).returning();
    return created!;
  },
  async settings(db: DbOrTx, tenantId: string): Promise<SettingsRow | undefined> {
    const [row] = await db.select().from(strategySettings).where(eq(strategySettings.tenantId, tenantId));
    return row;
  },
  /** Insert at version 0 → 1, or compare-and-set; undefined when someone else saved first. */
  async saveSettings(
    db: DbOrTx,
    tenantId: string,
    values: { maxDepth: number; publicMatrix: boolean },
    version: number,
    now: Date,
  ): Promise<SettingsRow | undefined> {
    if (version === 0) {
      const [row] = await db
        .insert(strategySettings)
        .values({ tenantId, ...values, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      return row;
    }
    const [row] = await db
      .update(strategySettings)
      .set({ ...values, version: sql`${strategySettings.version} + 1`, updatedAt: now })
      .where(and(eq(strategySettings.tenantId, tenantId), eq(strategySettings.version, version)))
      .returning();
    return row;
  },
  async insertAdoption(db: DbOrTx, row: typeof strategyAdoptions.$inferInsert): Promise<AdoptionRow> {
    const [created] = await db.insert(strategyAdoptions).values(row).returning();
    return created!;
  },
  adoptions(db: DbOrTx, tenantId: string): Promise<AdoptionRow[]> {
    return db
      .select()
      .from(strategyAdoptions)
      .where(eq(strategyAdoptions.tenantId, tenantId))
      .orderBy(desc(strategyAdoptions.adoptedOn), desc(strategyAdoptions.createdAt));
  },
  async adoption(db: DbOrTx, tenantId: string, id: string): Promise<AdoptionRow | undefined> {
    const [row] = await db
      .select()
      .from(strategyAdoptions)
      .where(and(eq(strategyAdoptions.tenantId, tenantId), eq(strategyAdoptions.id, id)));
    return row;
  },
};
