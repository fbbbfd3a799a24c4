import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { monitoringElements, monitoringPeriods, monitoringValues } from "./schema.ts";

/** Queries of the monitoring import and the dataValueSets API (working values). */
export const importRepo = {
  elements: (db: DbOrTx, tenantId: string) =>
    db
      .select({
        id: monitoringElements.id,
        code: monitoringElements.code,
        labelKey: monitoringElements.labelKey,
        name: monitoringElements.name,
        valueType: monitoringElements.valueType,
        dimensions: monitoringElements.dimensions,
        origin: monitoringElements.origin,
      })
      .from(monitoringElements)
      .where(eq(monitoringElements.tenantId, tenantId))
      .orderBy(asc(monitoringElements.code)),

  periods: (db: DbOrTx, tenantId: string, periods: readonly string[]) =>
    periods.length === 0
      ? Promise.resolve([])
      : db
          .select({ period: monitoringPeriods.period, status: monitoringPeriods.status })
          .from(monitoringPeriods)
          .where(
            and(eq(monitoringPeriods.tenantId, tenantId), inArray(monitoringPeriods.period, [...periods])),
          ),

  /** Working values of these periods and elements (optionally only these areas). */
  values: (
    db: DbOrTx,
    tenantId: string,
    filter: { periods: readonly string[]; elementIds: readonly string[]; areaIds?: readonly string[] },
    limit?: number,
  ) => {
    if (filter.periods.length === 0 || filter.elementIds.length === 0 || filter.areaIds?.length === 0)
      return Promise.resolve([]);
    const q = db
      .select({
        elementId: monitoringValues.elementId,
        areaId: monitoringValues.areaId,
        period: monitoringValues.period,
        breakdown: monitoringValues.breakdown,
        value: monitoringValues.value,
        updatedAt: monitoringValues.updatedAt,
      })
      .from(monitoringValues)
      .where(
        and(
          eq(monitoringValues.tenantId, tenantId),
          inArray(monitoringValues.period, [...filter.periods]),
          inArray(monitoringValues.elementId, [...filter.elementIds]),
          filter.areaIds ? inArray(monitoringValues.areaId, [...filter.areaIds]) : undefined,
        ),
      )
      .orderBy(
        asc(monitoringValues.period),
        asc(monitoringValues.elementId),
        asc(monitoringValues.areaId),
        asc(monitoringValues.breakdown),
      );
    return limit === undefined ? q : q.limit(limit);
  },
};
