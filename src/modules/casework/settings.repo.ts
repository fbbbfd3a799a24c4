import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseworkSettings } from "./core-schema.ts";
import { casePhaseDefinitions } from "./schema.ts";

export type PhaseDefinitionRow = typeof casePhaseDefinitions.$inferSelect;
export type SettingsRow = typeof caseworkSettings.$inferSelect;

/** Case-work settings per tenant (retention period) and the phase model. */
export const settingsRepo = {
  async settings(db: DbOrTx, tenantId: string): Promise<SettingsRow | undefined> {
    const [row] = await db.select().from(caseworkSettings).where(eq(caseworkSettings.tenantId, tenantId));
    return row;
  },
  async insertSettings(db: DbOrTx, tenantId: string, now: Date) {
    await db
      .insert(caseworkSettings)
      .values({ tenantId, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
  },
  async updateSettingsIfVersion(
    db: DbOrTx,
    tenantId: string,
    version: number,
    retentionYears: number,
    now: Date,
  ): Promise<SettingsRow | undefined> {
    const [row] = await db
      .update(caseworkSettings)
      .set({ retentionYears, version: sql`${caseworkSettings.version} + 1`, updatedAt: now })
      .where(and(eq(caseworkSettings.tenantId, tenantId), eq(caseworkSettings.version, version)))
      .returning();
    return row;
  },
  async phases(db: DbOrTx, tenantId: string): Promise<PhaseDefinitionRow[]> {
    return db
      .select()
      .from(casePhaseDefinitions)
      .where(eq(casePhaseDefinitions.tenantId, tenantId))
      .orderBy(asc(casePhaseDefinitions.sort), asc(casePhaseDefinitions.key));
  },
  async insertPhases(db: DbOrTx, rows: (typeof casePhaseDefinitions.$inferInsert)[]) {
    if (rows.length) await db.insert(casePhaseDefinitions).values(rows).onConflictDoNothing();
  },
  async updatePhase(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: { label: string; sort: number; active: boolean },
  ) {
    await db
      .update(casePhaseDefinitions)
      .set(patch)
      .where(and(eq(casePhaseDefinitions.tenantId, tenantId), eq(casePhaseDefinitions.id, id)));
  },
};
