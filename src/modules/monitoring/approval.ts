import { and, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import type { AreaTreeNode } from "../areas/levels.ts";
import type { AuditService } from "../audit/service.ts";
import { approvalRepo } from "./approval.repo.ts";
import {
  FINDINGS_LISTED,
  type PlausibilitySettingsInput,
  type PlausibilityView,
  plausibilitySettingsInput,
} from "./contracts.ts";
import { definitionsRepo } from "./definitions-repo.ts";
import { parseFormula } from "./formula.ts";
import { PLAUSIBILITY_DEFAULTS } from "./model.ts";
import { findImplausible, type PlausibilityElement } from "./plausibility.ts";
import { monitoringPeriods, monitoringValues } from "./schema.ts";
import { createRelease } from "./values-repo.ts";

/**
 * Periods and their approval into releases (decision 016), with the plausibility check that
 * comes first (decision 133): implausible values are listed, and a period with findings is
 * approved only when the approver confirms exactly that many.
 */

export const PERIOD_PATTERN = /^\d{4}$/;

export type PeriodRow = {
  period: string;
  status: "open" | "approved";
  releaseNumber: number | null;
  version: number;
  valueCount: number;
  approvedAt: string | null;
};

/** A period is a year from 1950 to the current one; anything else is a field error. */
export function checkPeriodText(period: string, now: Date) {
  const max = now.getUTCFullYear();
  if (!PERIOD_PATTERN.test(period) || Number(period) < 1950 || Number(period) > max)
    throw AppError.validation([
      { field: "period", code: "period_out_of_range", params: { min: "1950", max: String(max) } },
    ]);
}

type AreaTree = { tree(tenantId: string): Promise<AreaTreeNode[]> };

export function createApproval(deps: CoreDeps & { audit: AuditService; areas: AreaTree }) {
  const { db } = deps;

  async function ruleOf(tenantId: string) {
    const row = await approvalRepo.settings(db, tenantId);
    return row
      ? { jumpFactor: row.jumpFactor, minBase: row.minBase, version: row.version }
      : { ...PLAUSIBILITY_DEFAULTS, version: 0 };
  }

  /** The findings of a period as its values are now: one query for the values, none per cell. */
  async function check(
    tx: DbOrTx,
    tenantId: string,
    period: string,
    periodVersion: number,
  ): Promise<PlausibilityView> {
    const { version: _, ...rule } = await ruleOf(tenantId);
    const [elements, indicators, tree] = await Promise.all([
      definitionsRepo.elements(tx, tenantId),
      definitionsRepo.indicators(tx, tenantId),
      deps.areas.tree(tenantId),
    ]);
    // The previous period for jumps, and as far back as a share's formula reaches.
    let reach = 1;
    for (const i of indicators)
      for (const text of [i.numerator, i.denominator]) {
        const f = text ? parseFormula(text) : null;
        if (f?.ok) for (const t of f.formula.terms) reach = Math.max(reach, Math.min(-t.offset, 10));
      }
    const periods = Array.from({ length: reach + 1 }, (_, k) => String(Number(period) - k));
    const values = await approvalRepo.values(tx, tenantId, periods);
    const population =
      indicators.find((i) => i.template === "population_total" && parseFormula(i.numerator).ok) ?? null;
    const populationParsed = population ? parseFormula(population.numerator) : null;
    const findings = findImplausible({
      period,
      rule,
      values,
      elements: new Map(
        elements
          .filter((e) => e.origin === "external")
          .map((e): [string, PlausibilityElement] => [e.code, e]),
      ),
      indicators,
      areas: new Map(tree.map((a) => [a.id, { id: a.id, code: a.code, name: a.name }])),
      populationElement:
        populationParsed?.ok && populationParsed.formula.terms[0]
          ? populationParsed.formula.terms[0].element
          : "population",
    });
    return {
      period,
      periodVersion,
      rule,
      total: findings.length,
      findings: findings.slice(0, FINDINGS_LISTED),
    };
  }

  return {
    async listPeriods(principal: Principal, tenantId: string): Promise<PeriodRow[]> {
      authorize(principal, "monitoring.data.manage");
      const rows = await db
        .select({
          period: monitoringPeriods.period,
          status: monitoringPeriods.status,
          releaseNumber: monitoringPeriods.releaseNumber,
          version: monitoringPeriods.version,
          approvedAt: monitoringPeriods.approvedAt,
          valueCount: sql<number>`(SELECT count(*)::int FROM monitoring_values v WHERE v.tenant_id = ${monitoringPeriods.tenantId} AND v.period = ${monitoringPeriods.period})`,
        })
        .from(monitoringPeriods)
        .where(eq(monitoringPeriods.tenantId, tenantId))
        .orderBy(sql`${monitoringPeriods.period} DESC`);
      return rows.map((r) => ({
        ...r,
        valueCount: Number(r.valueCount),
        approvedAt: r.approvedAt?.toISOString() ?? null,
      }));
    },

    /** What the approver sees before approving: the implausible values of the period as it is now. */
    async plausibility(principal: Principal, tenantId: string, period: string): Promise<PlausibilityView> {
      authorize(principal, "monitoring.approve");
      checkPeriodText(period, deps.clock.now());
      const row = await approvalRepo.period(db, tenantId, period);
      if (!row) throw AppError.notFound();
      return check(db, tenantId, period, row.version);
    },

    /**
     * Freezes the period as the next release (Datenstand). The version read must still be
     * current; with implausible values, `confirmFindings` must name how many the approver
     * accepts (else 409 with the findings). The audit entry records that number.
     */
    async approve(
      principal: Principal,
      tenantId: string,
      period: string,
      periodVersion: number,
      note: string | null,
      confirmFindings?: number,
    ): Promise<{ releaseNumber: number; findings: number }> {
      authorize(principal, "monitoring.approve");
      checkPeriodText(period, deps.clock.now());
      const trimmed = note?.trim() || null;
      if (trimmed && trimmed.length > 500)
        throw AppError.validation([{ field: "note", code: "too_long", params: { max: 500 } }]);
      return db.transaction(async (tx) => {
        const row = await approvalRepo.period(tx, tenantId, period, { lock: true });
        if (!row) throw AppError.notFound();
        if (row.version !== periodVersion) throw AppError.versionConflict(row.version);
        const [{ n }] = (await tx
          .select({ n: count() })
          .from(monitoringValues)
          .where(and(eq(monitoringValues.tenantId, tenantId), eq(monitoringValues.period, period)))) as [
          { n: number },
        ];
        if (Number(n) === 0) throw new AppError("monitoring_period_empty", { params: { period } });
        const view = await check(tx, tenantId, period, row.version);
        if (view.total > 0 && confirmFindings !== view.total)
          throw new AppError("monitoring_implausible_values", {
            params: { period, count: view.total },
            extra: { plausibility: view },
          });
        const releaseNumber = await createRelease(
          tx,
          tenantId,
          period,
          principal.userId,
          trimmed,
          deps.clock.now(),
        );
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.approve",
            entityType: "monitoring_period",
            entityId: null,
            changes: {
              period: { old: null, new: period },
              release: { old: null, new: releaseNumber },
              findings: { old: null, new: view.total },
            },
          },
          tx,
        );
        return { releaseNumber, findings: view.total };
      });
    },

    /** Takes an approved period back to "open" (its last release stays what readers see). */
    async reopen(principal: Principal, tenantId: string, period: string, periodVersion: number) {
      authorize(principal, "monitoring.approve");
      checkPeriodText(period, deps.clock.now());
      const result = await db
        .update(monitoringPeriods)
        .set({ status: "open", version: sql`${monitoringPeriods.version} + 1`, updatedAt: deps.clock.now() })
        .where(
          and(
            eq(monitoringPeriods.tenantId, tenantId),
            eq(monitoringPeriods.period, period),
            eq(monitoringPeriods.version, periodVersion),
          ),
        )
        .returning({ period: monitoringPeriods.period });
      if (result.length === 0) {
        const row = await approvalRepo.period(db, tenantId, period);
        if (!row) throw AppError.notFound();
        throw AppError.versionConflict(row.version);
      }
    },

    /** The tenant's plausibility rule (version 0: the defaults, never saved). */
    async plausibilitySettings(principal: Principal, tenantId: string) {
      authorize(principal, "monitoring.data.manage");
      return ruleOf(tenantId);
    },

    async savePlausibilitySettings(principal: Principal, tenantId: string, input: PlausibilitySettingsInput) {
      authorize(principal, "monitoring.definitions.manage");
      const { version, ...rule } = parseInput(plausibilitySettingsInput, input);
      return db.transaction(async (tx) => {
        const before = await ruleOf(tenantId);
        const row = await approvalRepo.saveSettings(tx, tenantId, rule, version, deps.clock.now());
        if (!row) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "monitoring.plausibility_settings",
            entityType: "monitoring_settings",
            entityId: null,
            changes: {
              jumpFactor: { old: before.jumpFactor, new: row.jumpFactor },
              minBase: { old: before.minBase, new: row.minBase },
            },
          },
          tx,
        );
        return { jumpFactor: row.jumpFactor, minBase: row.minBase, version: row.version };
      });
    },
  };
}
