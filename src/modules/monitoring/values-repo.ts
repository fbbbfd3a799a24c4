import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  type ElementDimensions,
  monitoringElements,
  monitoringIndicators,
  monitoringPeriods,
  monitoringReleases,
  monitoringReleaseValues,
  monitoringValues,
  type ReleaseDefinitions,
  type ValueOrigin,
} from "./schema.ts";

export type ValueRow = {
  elementId: string;
  areaId: string;
  period: string;
  breakdown: string;
  value: number;
};

const CHUNK = 2000;

/**
 * Writes working values (insert or update). Ensures each period's row exists; a period that
 * was approved and whose values really change goes back to "open" (its last release stays what
 * readers see until the next approval). Returns how many values changed.
 */
export async function upsertValues(
  tx: DbOrTx,
  tenantId: string,
  rows: readonly ValueRow[],
  origin: ValueOrigin,
  userId: string | null,
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const periods = [...new Set(rows.map((r) => r.period))];
  await tx
    .insert(monitoringPeriods)
    .values(periods.map((period) => ({ tenantId, period })))
    .onConflictDoNothing();
  const changedPeriods = new Set<string>();
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result = await tx
      .insert(monitoringValues)
      .values(chunk.map((r) => ({ tenantId, ...r, origin, updatedAt: now, updatedBy: userId })))
      .onConflictDoUpdate({
        target: [
          monitoringValues.tenantId,
          monitoringValues.period,
          monitoringValues.elementId,
          monitoringValues.areaId,
          monitoringValues.breakdown,
        ],
        set: {
          value: sql`excluded.value`,
          origin: sql`excluded.origin`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
        // An unchanged value is not a change: it neither counts nor reopens its period.
        setWhere: sql`${monitoringValues.value} IS DISTINCT FROM excluded.value`,
      })
      .returning({ period: monitoringValues.period });
    changed += result.length;
    for (const r of result) changedPeriods.add(r.period);
  }
  for (const period of changedPeriods) {
    await tx
      .update(monitoringPeriods)
      .set({ status: "open", version: sql`${monitoringPeriods.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(monitoringPeriods.tenantId, tenantId),
          eq(monitoringPeriods.period, period),
          eq(monitoringPeriods.status, "approved"),
        ),
      );
  }
  return changed;
}

/** The definitions as they are now, for freezing into a release. */
export async function currentDefinitions(tx: DbOrTx, tenantId: string): Promise<ReleaseDefinitions> {
  const elements = await tx
    .select()
    .from(monitoringElements)
    .where(eq(monitoringElements.tenantId, tenantId))
    .orderBy(asc(monitoringElements.code));
  const indicators = await tx
    .select()
    .from(monitoringIndicators)
    .where(eq(monitoringIndicators.tenantId, tenantId))
    .orderBy(asc(monitoringIndicators.sortOrder), asc(monitoringIndicators.code));
  return {
    elements: elements.map((e) => ({
      code: e.code,
      labelKey: e.labelKey,
      name: e.name,
      valueType: e.valueType,
      dimensions: e.dimensions as ElementDimensions,
      origin: e.origin,
      source: e.source,
      notes: e.notes,
    })),
    indicators: indicators.map((i) => ({
      code: i.code,
      labelKey: i.labelKey,
      name: i.name,
      numerator: i.numerator,
      denominator: i.denominator,
      factor: i.factor,
      unit: i.unit,
      decimals: i.decimals,
      polarity: i.polarity,
      inStatusIndex: i.inStatusIndex,
      source: i.source,
      notes: i.notes,
      template: i.template,
      public: i.public,
      sortOrder: i.sortOrder,
    })),
  };
}

/**
 * Freezes one period's working values and all definitions as the tenant's next release
 * (Datenstand), and marks the period approved. Numbers never repeat: a per-tenant advisory lock
 * serialises concurrent approvals.
 */
export async function createRelease(
  tx: DbOrTx,
  tenantId: string,
  period: string,
  userId: string | null,
  note: string | null,
  now: Date,
): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`monitoring_release:${tenantId}`}))`);
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${monitoringReleases.number}), 0) + 1` })
    .from(monitoringReleases)
    .where(eq(monitoringReleases.tenantId, tenantId))) as [{ next: number }];
  const number = Number(next);
  const definitions = await currentDefinitions(tx, tenantId);
  await tx.execute(sql`
    INSERT INTO monitoring_release_values (tenant_id, release_number, element_code, area_id, breakdown, value, synthetic)
    SELECT v.tenant_id, ${number}, e.code, v.area_id, v.breakdown, v.value, v.origin = 'demo_synthetic'
    FROM monitoring_values v
    JOIN monitoring_elements e ON e.tenant_id = v.tenant_id AND e.id = v.element_id
    WHERE v.tenant_id = ${tenantId} AND v.period = ${period}
  `);
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(monitoringReleaseValues)
    .where(
      and(eq(monitoringReleaseValues.tenantId, tenantId), eq(monitoringReleaseValues.releaseNumber, number)),
    );
  const valueCount = Number(counted?.n ?? 0);
  await tx.insert(monitoringReleases).values({
    tenantId,
    number,
    period,
    definitions,
    valueCount,
    note,
    createdAt: now,
    createdBy: userId,
  });
  await tx
    .update(monitoringPeriods)
    .set({
      status: "approved",
      releaseNumber: number,
      approvedAt: now,
      approvedBy: userId,
      version: sql`${monitoringPeriods.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(monitoringPeriods.tenantId, tenantId), eq(monitoringPeriods.period, period)));
  return number;
}

/** Periods with working values that are not approved (new, or changed since their release), newest first. */
export async function periodsAwaitingApproval(db: DbOrTx, tenantId: string, limit: number) {
  const rows = await db
    .select({
      period: monitoringPeriods.period,
      updatedAt: monitoringPeriods.updatedAt,
      total: sql<number>`count(*) over ()`,
    })
    .from(monitoringPeriods)
    .where(
      and(
        eq(monitoringPeriods.tenantId, tenantId),
        eq(monitoringPeriods.status, "open"),
        sql`exists (select 1 from monitoring_values v where v.tenant_id = ${monitoringPeriods.tenantId} and v.period = ${monitoringPeriods.period})`,
      ),
    )
    .orderBy(sql`${monitoringPeriods.period} desc`)
    .limit(limit);
  return { total: Number(rows[0]?.total ?? 0), rows };
}
