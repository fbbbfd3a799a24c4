import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { monitoringElements, monitoringIndicators } from "./schema.ts";
import { TEMPLATE_ELEMENTS, TEMPLATE_INDICATORS } from "./templates.ts";

/** Adds the template elements and indicators a tenant lacks (by code); never changes its own edits. */
export async function installTemplates(
  tx: DbOrTx,
  tenantId: string,
  now: Date,
): Promise<{ elements: number; indicators: number }> {
  const e = await tx
    .insert(monitoringElements)
    .values(TEMPLATE_ELEMENTS.map((t) => ({ ...t, tenantId, createdAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ id: monitoringElements.id });
  const i = await tx
    .insert(monitoringIndicators)
    .values(TEMPLATE_INDICATORS.map((t) => ({ ...t, tenantId, createdAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ id: monitoringIndicators.id });
  return { elements: e.length, indicators: i.length };
}

export const definitionsRepo = {
  elements: (db: DbOrTx, tenantId: string) =>
    db
      .select()
      .from(monitoringElements)
      .where(eq(monitoringElements.tenantId, tenantId))
      .orderBy(asc(monitoringElements.code)),
  indicators: (db: DbOrTx, tenantId: string) =>
    db
      .select()
      .from(monitoringIndicators)
      .where(eq(monitoringIndicators.tenantId, tenantId))
      .orderBy(asc(monitoringIndicators.sortOrder), asc(monitoringIndicators.code)),
};
