import { and, eq, sql } from "drizzle-orm";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import type { AuditService } from "../audit/service.ts";
import { ancestorAt, categoryOption, levelFor, rowsFromCells } from "./lotse-figures.ts";
import { type ElementDimensions, monitoringElements, monitoringIndicators } from "./schema.ts";
import { upsertValues } from "./values-repo.ts";

/**
 * Conflicts reported per area and kind (issue 20, 5: "published into monitoring as Lotse
 * figures, as an early warning beside the district indicators"). The conflict module counts
 * (aggregates only, no conflict leaves it); this module owns the element `conflicts_reported`
 * (category = the tenant's kinds), its indicators and values. Like every Lotse figure they are
 * WORKING values: readers see them only after approval, and only through the engine's
 * small-cell rule (decision 088).
 */
export type ConflictFigureSpec = {
  period: string;
  /** The tenant's kinds (key, German name): one category each, one indicator each. */
  kinds: { key: string; name: string }[];
  /** Conflicts reported in the year per area (any level) and kind. */
  counts: { areaId: string | null; kind: string; n: number }[];
};

export const CONFLICT_ELEMENT = "conflicts_reported";
const SOURCE = "Lotse – Konfliktmanagement";

type SinkDeps = CoreDeps & {
  audit: AuditService;
  areas: { tree(tenantId: string): Promise<AreaTreeNode[]> };
};

export function createConflictFigureSink(deps: SinkDeps) {
  return {
    /** Writes the year's conflict figures as working values (one transaction, audited). */
    async writeConflictFigures(principal: Principal, spec: ConflictFigureSpec) {
      authorize(principal, "monitoring.data.manage");
      if (!/^\d{4}$/.test(spec.period))
        throw AppError.validation([
          { field: "period", code: "period_out_of_range", params: { min: "1950", max: "2100" } },
        ]);
      const now = deps.clock.now();
      const tree = await deps.areas.tree(principal.tenantId);
      return deps.db.transaction(async (tx) => {
        const tenantId = principal.tenantId;
        await tx
          .insert(monitoringElements)
          .values({
            tenantId,
            code: CONFLICT_ELEMENT,
            labelKey: null,
            name: "Gemeldete Konflikte (aus Lotse)",
            valueType: "count",
            dimensions: { category: [] },
            origin: "lotse",
            lotseSource: "conflicts",
            source: SOURCE,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing();
        const [element] = await tx
          .select({ id: monitoringElements.id, dimensions: monitoringElements.dimensions })
          .from(monitoringElements)
          .where(
            and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, CONFLICT_ELEMENT)),
          );
        if (!element) throw new Error("conflict element missing after insert");
        // The options so far, then the tenant's kinds, then any kind met in the data.
        const before = (element.dimensions as ElementDimensions).category ?? [];
        const options = [...before];
        for (const key of [...spec.kinds.map((k) => k.key), ...spec.counts.map((c) => c.kind)])
          if (!options.includes(categoryOption(key))) options.push(categoryOption(key));
        if (options.length !== before.length)
          await tx
            .update(monitoringElements)
            .set({
              dimensions: { ...(element.dimensions as ElementDimensions), category: options },
              version: sql`${monitoringElements.version} + 1`,
              updatedAt: now,
            })
            .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.id, element.id)));
        await tx
          .insert(monitoringIndicators)
          .values(
            [
              { code: CONFLICT_ELEMENT, name: "Gemeldete Konflikte", filter: "" },
              ...spec.kinds
                .filter((k) => /^[a-z][a-z0-9_]{0,40}$/.test(k.key))
                .map((k) => ({
                  code: `${CONFLICT_ELEMENT}_${k.key}`,
                  name: `Gemeldete Konflikte: ${k.name}`,
                  filter: `{category:${categoryOption(k.key)}}`,
                })),
            ].map((i, n) => ({
              tenantId,
              code: i.code,
              labelKey: null,
              name: i.name,
              numerator: `${CONFLICT_ELEMENT}${i.filter}`,
              denominator: null,
              factor: 1,
              unit: "count" as const,
              decimals: 0,
              polarity: "lower_is_better" as const,
              inStatusIndex: false,
              source: SOURCE,
              notes: null,
              template: "conflicts",
              public: false,
              sortOrder: 950 + n,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflictDoNothing();

        const level = await levelFor(tx, tenantId, tree);
        const toLevel = ancestorAt(tree, level);
        const cells = new Map<string, number>();
        let unassigned = 0;
        for (const c of spec.counts) {
          const area = c.areaId ? toLevel(c.areaId) : null;
          if (!area) {
            unassigned += c.n;
            continue;
          }
          const key = `${area}|${categoryOption(c.kind)}`;
          cells.set(key, (cells.get(key) ?? 0) + c.n);
        }
        const levelAreas = tree.filter((a) => a.level === level).map((a) => a.id);
        const rows = rowsFromCells(element.id, spec.period, levelAreas, options, cells);
        const values = await upsertValues(tx, tenantId, rows, "lotse", principal.userId, now);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.conflict_figures",
            entityType: "monitoring_values",
            entityId: null,
            changes: {
              period: { old: null, new: spec.period },
              element: { old: null, new: CONFLICT_ELEMENT },
              changed: { old: null, new: values },
            },
          },
          tx,
        );
        return { values, level, areas: levelAreas.length, unassigned };
      });
    },
  };
}

export type ConflictFigureSink = ReturnType<typeof createConflictFigureSink>;
