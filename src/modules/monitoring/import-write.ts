import type { CoreDeps } from "../../server/deps.ts";
import type { AreaService } from "../areas/service.ts";
import type { Actor } from "../audit/model.ts";
import type { AuditService } from "../audit/service.ts";
import type { ImportElement, ParseContext } from "./import-parse.ts";
import { importRepo } from "./import-repo.ts";
import { upsertValues, type ValueRow } from "./values-repo.ts";

export type PeriodSummary = {
  period: string;
  /** none: the period has no row yet (a first import creates it, open). */
  status: "open" | "approved" | "none";
  new: number;
  changed: number;
  unchanged: number;
  /** The period is approved and the import changes it: it goes back to "open" and needs approval again. */
  reopens: boolean;
};

export type ImportResult = {
  values: number;
  created: number;
  updated: number;
  unchanged: number;
  periods: string[];
  /** Approved periods the import changed; they are open again. */
  reopened: string[];
};

export type ImportWriteDeps = CoreDeps & { audit: AuditService; areas: AreaService };

/**
 * What the file import and the dataValueSets API share: the context a file is checked against,
 * the per-period summary, and the all-or-nothing write of WORKING values.
 */
export function createImportWriter(deps: ImportWriteDeps) {
  const { db } = deps;

  async function contextOf(tenantId: string): Promise<ParseContext> {
    const [elements, areas] = await Promise.all([
      importRepo.elements(db, tenantId),
      deps.areas.list(tenantId),
    ]);
    return {
      elements: elements as ImportElement[],
      areas: areas.map((a) => ({ id: a.id, code: a.code })),
      currentYear: deps.clock.now().getUTCFullYear(),
    };
  }

  const keyOf = (v: { elementId: string; areaId: string; period: string; breakdown: string }) =>
    `${v.period}|${v.elementId}|${v.areaId}|${v.breakdown}`;

  /** Per period: which values are new, which change, which stay; which approved periods reopen. */
  async function summarise(tenantId: string, values: readonly ValueRow[]): Promise<PeriodSummary[]> {
    const periods = [...new Set(values.map((v) => v.period))].sort();
    const elementIds = [...new Set(values.map((v) => v.elementId))];
    const [existing, statuses] = await Promise.all([
      importRepo.values(db, tenantId, { periods, elementIds }),
      importRepo.periods(db, tenantId, periods),
    ]);
    const current = new Map(existing.map((e) => [keyOf(e), e.value]));
    const statusOf = new Map(statuses.map((s) => [s.period, s.status]));
    const by = new Map<string, PeriodSummary>();
    for (const p of periods)
      by.set(p, {
        period: p,
        status: statusOf.get(p) ?? "none",
        new: 0,
        changed: 0,
        unchanged: 0,
        reopens: false,
      });
    for (const v of values) {
      const s = by.get(v.period)!;
      const old = current.get(keyOf(v));
      if (old === undefined) s.new += 1;
      else if (old === v.value) s.unchanged += 1;
      else s.changed += 1;
    }
    for (const s of by.values()) s.reopens = s.status === "approved" && s.new + s.changed > 0;
    return [...by.values()];
  }

  /**
   * Writes checked values in one transaction and says which approved periods it reopened.
   * Unchanged values are not written (values-repo skips them), so a re-import changes nothing.
   */
  async function write(
    actor: Actor,
    tenantId: string,
    values: readonly ValueRow[],
    origin: "import" | "api",
    summary: readonly PeriodSummary[],
  ): Promise<ImportResult> {
    const periods = [...new Set(values.map((v) => v.period))].sort();
    // A job (an import run) writes as the system; the run's audit entries name its starter.
    const userId = actor.kind === "user" ? actor.principal.userId : null;
    const rows = values.map((v) => ({
      elementId: v.elementId,
      areaId: v.areaId,
      period: v.period,
      breakdown: v.breakdown,
      value: v.value,
    }));
    return db.transaction(async (tx) => {
      const before = await importRepo.periods(tx, tenantId, periods);
      const now = deps.clock.now();
      const changed = await upsertValues(tx, tenantId, rows, origin, userId, now);
      const after = new Map(
        (await importRepo.periods(tx, tenantId, periods)).map((p) => [p.period, p.status]),
      );
      const reopened = before
        .filter((p) => p.status === "approved" && after.get(p.period) === "open")
        .map((p) => p.period);
      const created = summary.reduce((n, s) => n + s.new, 0);
      const result: ImportResult = {
        values: rows.length,
        created,
        updated: Math.max(0, changed - created),
        unchanged: rows.length - changed,
        periods,
        reopened: reopened.sort(),
      };
      // Audit: counts and periods only, never values.
      await deps.audit.record(
        {
          actor,
          action: origin === "import" ? "monitoring.import" : "monitoring.data_value_sets",
          entityType: "monitoring_values",
          entityId: null,
          changes: {
            periods: { old: null, new: periods },
            values: { old: null, new: rows.length },
            changed: { old: null, new: changed },
            reopened: { old: null, new: result.reopened },
          },
        },
        tx,
      );
      return result;
    });
  }

  return { contextOf, summarise, write };
}
