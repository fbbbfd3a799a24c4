import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import type { AuditService } from "../audit/service.ts";
import { approvalRepo } from "./approval.repo.ts";
import { checkPeriodText, createApproval, PERIOD_PATTERN } from "./approval.ts";
import { definitionsRepo, installTemplates } from "./definitions-repo.ts";
import { checkFormula, type FormulaError, parseFormula } from "./formula.ts";
import { createMonitoringHome } from "./home.ts";
import { checkValue, type ImportElement } from "./import-parse.ts";
import {
  INDICATOR_UNITS,
  monitoringElements,
  monitoringIndicators,
  monitoringPeriods,
  monitoringValues,
  POLARITIES,
} from "./schema.ts";
import { type SurveyFigureSpec, writeSurveyFigure } from "./survey-figures.ts";
import { upsertValues } from "./values-repo.ts";

/**
 * The data steward's side of the monitoring (issue 6): periods and their approval into
 * releases, the entry grid, indicator definitions. Readers never see working values; they see
 * releases through the engine (service.ts).
 */

export { checkPeriodText, PERIOD_PATTERN, type PeriodRow } from "./approval.ts";

export type GridColumn = { breakdown: string; dim: string | null; option: string | null };
export type Grid = {
  period: string;
  periodVersion: number;
  status: "open" | "approved" | "none";
  element: { code: string; name: string; labelKey: string | null; valueType: "count" | "number" };
  areas: { id: string; code: string; name: string }[];
  columns: GridColumn[];
  /** areaId → breakdown → value */
  values: Record<string, Record<string, number>>;
};

const indicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, { error: "code:code_format" }),
  name: z.string().trim().min(1).max(200),
  numerator: z.string().trim().min(1).max(500),
  denominator: z
    .string()
    .trim()
    .max(500)
    .transform((s) => (s === "" ? null : s))
    .nullable(),
  factor: z.number().positive().max(1_000_000),
  unit: z.enum(INDICATOR_UNITS),
  decimals: z.number().int().min(0).max(4),
  polarity: z.enum(POLARITIES),
  inStatusIndex: z.boolean(),
  public: z.boolean(),
  source: z.string().trim().max(500).nullable(),
  notes: z.string().trim().max(2000).nullable(),
});
export type IndicatorInput = z.input<typeof indicatorSchema>;

const formulaFieldError = (field: string, e: FormulaError): FieldError => ({
  field,
  code: `formula_${e.code}`,
  params: { position: e.position + 1, ...(e.params ?? {}) },
});

/** The area tree, from the areas service. */
type AreaTree = { tree(tenantId: string): Promise<AreaTreeNode[]> };

export function createMonitoringDataService(deps: CoreDeps & { audit: AuditService; areas: AreaTree }) {
  const { db } = deps;

  const approval = createApproval(deps);
  const checkPeriod = (period: string) => checkPeriodText(period, deps.clock.now());

  /** One element × one period: rows are the areas of the monitoring level, columns total + each option. */
  async function gridOf(
    principal: Principal,
    tenantId: string,
    period: string,
    elementCode: string,
  ): Promise<Grid> {
    authorize(principal, "monitoring.data.manage");
    checkPeriod(period);
    const [element] = await db
      .select()
      .from(monitoringElements)
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, elementCode)));
    if (!element || element.origin === "lotse") throw AppError.notFound();
    const areaRows = await deps.areas.tree(tenantId);
    // The finest level present: monitoring is per social area (or district, quarter).
    const order = ["city", "district", "social_area", "quarter"];
    const finest = areaRows.reduce((m, a) => Math.max(m, order.indexOf(a.level)), 0);
    const rows = areaRows.filter((a) => order.indexOf(a.level) === finest);
    const columns: GridColumn[] = [{ breakdown: "", dim: null, option: null }];
    for (const [dim, options] of Object.entries(element.dimensions ?? {}))
      for (const option of options ?? []) columns.push({ breakdown: `${dim}:${option}`, dim, option });
    const stored = await db
      .select({
        areaId: monitoringValues.areaId,
        breakdown: monitoringValues.breakdown,
        value: monitoringValues.value,
      })
      .from(monitoringValues)
      .where(
        and(
          eq(monitoringValues.tenantId, tenantId),
          eq(monitoringValues.period, period),
          eq(monitoringValues.elementId, element.id),
        ),
      );
    const values: Grid["values"] = {};
    for (const s of stored) {
      values[s.areaId] ??= {};
      values[s.areaId]![s.breakdown] = s.value;
    }
    const p = await approvalRepo.period(db, tenantId, period);
    return {
      period,
      periodVersion: p?.version ?? 0,
      status: p?.status ?? "none",
      element: {
        code: element.code,
        name: element.name,
        labelKey: element.labelKey,
        valueType: element.valueType,
      },
      areas: rows.map(({ id, code, name }) => ({ id, code, name })),
      columns,
      values,
    };
  }

  return {
    /** What needs the user on the staff home (decision 092). */
    home: createMonitoringHome(deps),

    ...approval,

    async installTemplates(principal: Principal, tenantId: string) {
      authorize(principal, "monitoring.definitions.manage");
      return db.transaction((tx) => installTemplates(tx, tenantId, deps.clock.now()));
    },

    async listElements(principal: Principal, tenantId: string) {
      authorize(principal, "monitoring.view");
      return definitionsRepo.elements(db, tenantId);
    },

    async listIndicators(principal: Principal, tenantId: string) {
      authorize(principal, "monitoring.view");
      return definitionsRepo.indicators(db, tenantId);
    },

    /**
     * Creates (expectedVersion undefined) or updates an indicator. Both formulas are checked
     * against the data elements: a formula naming a missing element is refused at its field.
     */
    async saveIndicator(
      principal: Principal,
      tenantId: string,
      input: IndicatorInput,
      expectedVersion?: number,
    ) {
      authorize(principal, "monitoring.definitions.manage");
      const parsed = indicatorSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      const elements = await definitionsRepo.elements(db, tenantId);
      const errors: FieldError[] = [];
      for (const field of ["numerator", "denominator"] as const) {
        const text = v[field];
        if (text === null) continue;
        const r = parseFormula(text);
        if (!r.ok) errors.push(formulaFieldError(field, r.error));
        else for (const e of checkFormula(r.formula, elements)) errors.push(formulaFieldError(field, e));
      }
      if (errors.length) throw AppError.validation(errors);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        if (expectedVersion === undefined) {
          const [row] = await tx
            .insert(monitoringIndicators)
            .values({ tenantId, ...v, createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .returning();
          if (!row) throw AppError.validation([{ field: "code", code: "code_taken" }]);
          await deps.audit.record(
            {
              actor: { kind: "user", principal },
              action: "create",
              entityType: "monitoring_indicator",
              entityId: row.id,
            },
            tx,
          );
          return row;
        }
        const [row] = await tx
          .update(monitoringIndicators)
          .set({ ...v, version: sql`${monitoringIndicators.version} + 1`, updatedAt: now })
          .where(
            and(
              eq(monitoringIndicators.tenantId, tenantId),
              eq(monitoringIndicators.code, v.code),
              eq(monitoringIndicators.version, expectedVersion),
            ),
          )
          .returning();
        if (!row) {
          const [current] = await tx
            .select({ version: monitoringIndicators.version })
            .from(monitoringIndicators)
            .where(and(eq(monitoringIndicators.tenantId, tenantId), eq(monitoringIndicators.code, v.code)));
          if (!current) throw AppError.notFound();
          throw AppError.versionConflict(current.version);
        }
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: "monitoring_indicator",
            entityId: row.id,
          },
          tx,
        );
        return row;
      });
    },

    grid: (principal: Principal, tenantId: string, period: string, elementCode: string) =>
      gridOf(principal, tenantId, period, elementCode),

    /**
     * Saves the grid as typed ("12,5" and "12.5" both read; counts whole and ≥ 0). Every bad
     * cell is named; nothing is saved unless all are right and nobody saved in between.
     * An empty cell removes nothing: a value is changed, not deleted, from the grid.
     */
    async saveGrid(
      principal: Principal,
      tenantId: string,
      period: string,
      elementCode: string,
      cells: Record<string, string>,
      periodVersion: number,
    ): Promise<{ changed: number }> {
      const grid = await gridOf(principal, tenantId, period, elementCode);
      const errors: FieldError[] = [];
      const rows: { areaId: string; breakdown: string; value: number }[] = [];
      for (const a of grid.areas)
        for (const c of grid.columns) {
          const name = `v.${a.id}.${c.breakdown || "total"}`;
          const raw = (cells[name] ?? "").trim();
          if (raw === "") continue;
          const checked = checkValue(raw, {
            id: "",
            code: grid.element.code,
            valueType: grid.element.valueType,
            dimensions: {},
            origin: "external",
          } as ImportElement);
          if (!checked.ok) {
            errors.push({ field: name, code: `monitoring_${checked.code}`, params: checked.params });
            continue;
          }
          rows.push({ areaId: a.id, breakdown: c.breakdown, value: checked.value });
        }
      if (errors.length) throw AppError.validation(errors);
      const [element] = await db
        .select({ id: monitoringElements.id })
        .from(monitoringElements)
        .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, elementCode)));
      return db.transaction(async (tx) => {
        const [p] = await tx
          .select({ version: monitoringPeriods.version })
          .from(monitoringPeriods)
          .where(and(eq(monitoringPeriods.tenantId, tenantId), eq(monitoringPeriods.period, period)))
          .for("update");
        if ((p?.version ?? 0) !== periodVersion) throw AppError.versionConflict(p?.version);
        const changed = await upsertValues(
          tx,
          tenantId,
          rows.map((r) => ({ ...r, elementId: element!.id, period })),
          "manual",
          principal.userId,
          deps.clock.now(),
        );
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.grid",
            entityType: "monitoring_values",
            entityId: null,
            changes: {
              period: { old: null, new: period },
              element: { old: null, new: elementCode },
              changed: { old: null, new: changed },
            },
          },
          tx,
        );
        return { changed };
      });
    },

    /**
     * A survey result published into monitoring (issue 5) as working values of the year; the
     * survey module counts, this module owns the elements, indicators and values.
     */
    async writeSurveyFigure(principal: Principal, spec: SurveyFigureSpec) {
      authorize(principal, "surveys.publish");
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(spec.code))
        throw AppError.validation([{ field: "code", code: "code_format" }]);
      if (!PERIOD_PATTERN.test(spec.period))
        throw AppError.validation([
          { field: "period", code: "period_out_of_range", params: { min: "1950", max: "2100" } },
        ]);
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const result = await writeSurveyFigure(tx, principal.tenantId, spec, {
          now,
          userId: principal.userId,
          tree: await deps.areas.tree(principal.tenantId),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.survey_figure",
            entityType: "monitoring_values",
            entityId: null,
            changes: {
              period: { old: null, new: spec.period },
              element: { old: null, new: spec.code },
              changed: { old: null, new: result.values },
            },
          },
          tx,
        );
        return result;
      });
    },
  };
}

export type MonitoringDataService = ReturnType<typeof createMonitoringDataService>;
