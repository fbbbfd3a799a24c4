import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import type { AuditService } from "../audit/service.ts";
import { ancestorAt, categoryOption, levelFor, rowsFromCells } from "./lotse-figures.ts";
import { type ElementDimensions, monitoringElements, monitoringIndicators } from "./schema.ts";
import { upsertValues, type ValueRow } from "./values-repo.ts";

/**
 * The volunteer pool's figures as Lotse figures (issue 17, What must work 6; decision 099), the
 * way the conflict figures come in (decision 088): the pool counts (aggregates only, no
 * volunteer, request or institution leaves it), this module owns the elements, one internal
 * indicator each, and the values. Requests name their municipality as text, so an area is
 * found by name in the area tree (any level), then counted at monitoring's level; a request
 * without a place (phone, video) or with an unknown name counts as unassigned. WORKING values:
 * readers see them only after approval and through the engine's small-cell rule.
 */
export const VOLUNTEER_ELEMENTS = [
  "volunteer_requests_served",
  "volunteer_requests_unserved",
  "volunteer_hours_language",
  "volunteer_hours_setting",
] as const;
export type VolunteerElement = (typeof VOLUNTEER_ELEMENTS)[number];

export type VolunteerFigureSpec = {
  period: string;
  elements: {
    code: VolunteerElement;
    /** German name of the element and its indicator. */
    name: string;
    valueType: "count" | "number";
    /** Counts (or hours) per municipality name (null: no place) and category key. */
    counts: { area: string | null; category: string; n: number }[];
  }[];
};

const SOURCE = "Lotse – Ehrenamtspool";

type SinkDeps = CoreDeps & {
  audit: AuditService;
  areas: { tree(tenantId: string): Promise<AreaTreeNode[]> };
};

async function element(
  tx: DbOrTx,
  tenantId: string,
  spec: VolunteerFigureSpec["elements"][number],
  sortOrder: number,
  now: Date,
) {
  await tx
    .insert(monitoringElements)
    .values({
      tenantId,
      code: spec.code,
      labelKey: null,
      name: `${spec.name} (aus Lotse)`,
      valueType: spec.valueType,
      dimensions: { category: [] },
      origin: "lotse",
      lotseSource: "volunteers",
      source: SOURCE,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: monitoringElements.id, dimensions: monitoringElements.dimensions })
    .from(monitoringElements)
    .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, spec.code)));
  if (!row) throw new Error("volunteer element missing after insert");
  const before = (row.dimensions as ElementDimensions).category ?? [];
  const options = [...before];
  for (const c of spec.counts)
    if (!options.includes(categoryOption(c.category))) options.push(categoryOption(c.category));
  if (options.length !== before.length)
    await tx
      .update(monitoringElements)
      .set({
        dimensions: { ...(row.dimensions as ElementDimensions), category: options },
        version: sql`${monitoringElements.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.id, row.id)));
  await tx
    .insert(monitoringIndicators)
    .values({
      tenantId,
      code: spec.code,
      labelKey: null,
      name: spec.name,
      numerator: spec.code,
      denominator: null,
      factor: 1,
      unit: "count" as const,
      decimals: spec.valueType === "count" ? 0 : 1,
      polarity:
        spec.code === "volunteer_requests_unserved" ? ("lower_is_better" as const) : ("neutral" as const),
      inStatusIndex: false,
      source: SOURCE,
      notes: null,
      template: "volunteers",
      public: false,
      sortOrder,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  return { id: row.id, options };
}

export function createVolunteerFigureSink(deps: SinkDeps) {
  return {
    /** Writes the year's pool figures as working values (one transaction, audited). */
    async writeVolunteerFigures(principal: Principal, spec: VolunteerFigureSpec) {
      authorize(principal, "monitoring.data.manage");
      if (!/^\d{4}$/.test(spec.period))
        throw AppError.validation([
          { field: "period", code: "period_out_of_range", params: { min: "1950", max: "2100" } },
        ]);
      const now = deps.clock.now();
      const tree = await deps.areas.tree(principal.tenantId);
      const byName = new Map<string, string>();
      for (const a of tree) if (!byName.has(a.name.toLowerCase())) byName.set(a.name.toLowerCase(), a.id);
      return deps.db.transaction(async (tx) => {
        const tenantId = principal.tenantId;
        const level = await levelFor(tx, tenantId, tree);
        const toLevel = ancestorAt(tree, level);
        const levelAreas = tree.filter((a) => a.level === level).map((a) => a.id);
        const rows: ValueRow[] = [];
        let unassigned = 0;
        for (const [n, e] of spec.elements.entries()) {
          const el = await element(tx, tenantId, e, 960 + n, now);
          const cells = new Map<string, number>();
          for (const c of e.counts) {
            const found = c.area ? byName.get(c.area.trim().toLowerCase()) : undefined;
            const area = found ? toLevel(found) : null;
            if (!area) {
              unassigned += c.n;
              continue;
            }
            const key = `${area}|${categoryOption(c.category)}`;
            cells.set(key, (cells.get(key) ?? 0) + c.n);
          }
          rows.push(...rowsFromCells(el.id, spec.period, levelAreas, el.options, cells));
        }
        const values = await upsertValues(tx, tenantId, rows, "lotse", principal.userId, now);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.volunteer_figures",
            entityType: "monitoring_values",
            entityId: null,
            changes: {
              period: { old: null, new: spec.period },
              elements: { old: null, new: spec.elements.map((e) => e.code).join(",") },
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

export type VolunteerFigureSink = ReturnType<typeof createVolunteerFigureSink>;
