import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import type { DataSubjectHooks } from "../../server/modules.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { TenantService } from "../tenants/service.ts";
import { createEraser } from "./erasure.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./overview.ts";
import { type DeletedCounts, privacyRepo } from "./privacy.repo.ts";

/**
 * Aufbewahrung (issue 4): closed cases are deleted when their `retention_due_on` (closure date
 * plus the tenant's period, set by the case service on closure) has come, with everything that
 * hangs off them, and the household with its persons when it has no other case left. A legal
 * hold stops it. Each deleted case leaves one audit entry with ids and counts only; earlier
 * entries about the deleted records are stripped to ids.
 *
 * The job `casework.retention` runs once a day per tenant (RUN_AT_UTC_HOUR) and schedules its
 * next run itself; `scheduleAll()` at server start makes sure every tenant has one queued.
 * Deleting is idempotent: a second run finds nothing.
 */

export const RETENTION_JOB = "casework.retention";
/** 01:30 UTC: 02:30 or 03:30 in Germany, when nobody works. */
const RUN_AT_UTC = { hour: 1, minute: 30 };
const BATCH = 200;

export type RetentionResult = { deletedCases: number; deletedHouseholds: number; today: string };

/** The next daily run strictly after `now`. */
export function nextRunAfter(now: Date): Date {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC.hour, RUN_AT_UTC.minute),
  );
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function createRetentionService(
  deps: CoreDeps & {
    audit: AuditService;
    jobs: JobQueue;
    tenants: TenantService;
    /** Every module's part of a data subject's rights (decision 026). */
    dataSubjects: readonly DataSubjectHooks[];
  },
) {
  const { db } = deps;
  const erase = createEraser(deps.dataSubjects);

  async function deleteOne(
    tenantId: string,
    caseId: string,
    today: string,
  ): Promise<{ household: boolean } | null> {
    return db.transaction(async (tx) => {
      // Re-check under a row lock: a case reopened or put on hold meanwhile stays.
      const c = await privacyRepo.lockCase(tx, tenantId, caseId);
      if (c?.status !== "closed" || c.legalHold || !c.retentionDueOn || c.retentionDueOn > today) return null;
      const counts: DeletedCounts = {};
      const ids = await erase.cases(tx, tenantId, [caseId], counts);
      let household = false;
      if ((await privacyRepo.householdCaseCount(tx, tenantId, c.householdId)) === 0) {
        ids.push(...(await erase.household(tx, tenantId, c.householdId, counts)));
        household = true;
      }
      counts.auditEntriesRedacted = await deps.audit.redactEntities(tx, tenantId, [
        ...new Set([...ids, caseId]),
      ]);
      await deps.audit.record(
        {
          actor: { kind: "system", tenantId },
          action: "retention_delete",
          entityType: "case",
          entityId: caseId,
          changes: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { old: v, new: 0 }])),
          reason: `retention_due_on ${c.retentionDueOn}`,
        },
        tx,
      );
      return { household };
    });
  }

  async function run(tenantId: string): Promise<RetentionResult> {
    const today = todayIn(CASEWORK_TIME_ZONE, deps.clock.now());
    const result: RetentionResult = { deletedCases: 0, deletedHouseholds: 0, today };
    const skipped = new Set<string>();
    for (;;) {
      const due = (await privacyRepo.dueForRetention(db, tenantId, today, BATCH + skipped.size)).filter(
        (c) => !skipped.has(c.id),
      );
      if (due.length === 0) break;
      for (const c of due) {
        const r = await deleteOne(tenantId, c.id, today);
        if (!r) {
          skipped.add(c.id);
          continue;
        }
        result.deletedCases++;
        if (r.household) result.deletedHouseholds++;
      }
    }
    deps.logger.info({ tenantId, ...result }, "retention run");
    return result;
  }

  async function schedule(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextRunAfter(after);
    await deps.jobs.enqueue(
      RETENTION_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 3, dedupeKey: `daily-${at.toISOString().slice(0, 10)}` },
      tx,
    );
  }
  // A tenant created while the server runs gets its first run queued with it.
  deps.tenants.onCreated((tenant, tx) => schedule(tenant.id, deps.clock.now(), tx));

  deps.jobs.register(RETENTION_JOB, async (_payload, ctx) => {
    try {
      await run(ctx.tenantId);
    } finally {
      // The next day's run, whatever happened to this one.
      await schedule(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    run,
    /** Runs retention now for the principal's tenant (admin; the daily job does the same). */
    async runNow(principal: Principal): Promise<RetentionResult> {
      authorize(principal, "casework.settings");
      const r = await run(principal.tenantId);
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "retention_run",
        entityType: "tenant",
        entityId: principal.tenantId,
        changes: { deletedCases: { old: null, new: r.deletedCases } },
      });
      return r;
    },
    /** Makes sure every tenant has its next daily run queued (server start). */
    async scheduleAll() {
      for (const t of await deps.tenants.list()) await schedule(t.id, deps.clock.now());
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
