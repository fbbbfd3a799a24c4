import type { DbOrTx } from "../../server/db/client.ts";
import type { ConflictDeps } from "./deps.ts";
import { conflictRepo } from "./repo.ts";
import { mailTranslator } from "./shared.ts";
import { localDate } from "./sla.ts";

/**
 * The module's daily job (06:00 UTC, before the working day): a digest of overdue conflicts to
 * each handler (references and deadlines only; unassigned ones go to every member of the
 * contact point), and retention: closed conflicts past their retention date are deleted with
 * their log, and their audit entries stripped to ids; the plans' superseded versions past
 * retention go and their review reminders are sent; closed crises and drills past retention go;
 * rejected public reports past theirs go (decision 120), and so do public reports nobody moderated
 * within the tenant's period (decision 129). Schedules its next run itself.
 */
export const DAILY_JOB = "conflicts.daily";
const RUN_AT_UTC_HOUR = 6;

export function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** The plans' part of the daily run (plans.ts). */
type PlanJobs = {
  planRetention(tenantId: string): Promise<number>;
  reviewReminders(tenantId: string): Promise<number>;
  crisisRetention(tenantId: string): Promise<number>;
  /** Rejected public reports past their date, waiting ones past the tenant's period (decisions 120, 129). */
  publicReportRetention(tenantId: string): Promise<number>;
};

export function createDaily(deps: ConflictDeps, plans: PlanJobs) {
  const { db } = deps;

  async function digest(tenantId: string): Promise<number> {
    const now = deps.clock.now();
    const overdue = await conflictRepo.overdue(db, tenantId, now);
    if (overdue.length === 0) return 0;
    const contactPoint = await deps.users.withRole(tenantId, "coordinator");
    const byUser = new Map<string, string[]>();
    for (const c of overdue) {
      const to = c.handlerUserId ? [c.handlerUserId] : contactPoint.map((u) => u.id);
      for (const u of to) byUser.set(u, [...(byUser.get(u) ?? []), `${c.reference} (${localDate(c.dueAt)})`]);
    }
    let sent = 0;
    for (const u of contactPoint) {
      const lines = byUser.get(u.id);
      if (!lines) continue;
      const { t } = mailTranslator(u.preferredLanguage);
      await deps.mail.send({
        tenantId,
        to: u.email,
        subject: t("conflicts.digest_mail_subject", { count: lines.length }),
        text: t("conflicts.digest_mail_text", {
          count: lines.length,
          list: lines.join("\n"),
          link: `${deps.config.baseUrl}/staff/conflicts?overdue=1`,
        }),
      });
      sent++;
    }
    return sent;
  }

  async function retention(tenantId: string): Promise<number> {
    const today = localDate(deps.clock.now());
    let deleted = 0;
    for (;;) {
      const due = await conflictRepo.dueForRetention(db, tenantId, today, 200);
      if (due.length === 0) break;
      for (const c of due) {
        await db.transaction(async (tx) => {
          const ids = await conflictRepo.delete(tx, tenantId, c.id);
          await deps.audit.redactEntities(tx, tenantId, ids);
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: "retention_delete",
              entityType: "conflict",
              entityId: c.id,
              changes: { logEntries: { old: ids.length - 1, new: 0 } },
            },
            tx,
          );
        });
        deleted++;
      }
    }
    return deleted;
  }

  async function schedule(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextDailyRun(after);
    await deps.jobs.enqueue(
      DAILY_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 3, dedupeKey: `daily-${at.toISOString().slice(0, 10)}` },
      tx,
    );
  }
  deps.tenants.onCreated((tenant, tx) => schedule(tenant.id, deps.clock.now(), tx));
  deps.jobs.register(DAILY_JOB, async (_payload, ctx) => {
    try {
      const deletedConflicts = await retention(ctx.tenantId);
      const digests = await digest(ctx.tenantId);
      const deletedPlanVersions = await plans.planRetention(ctx.tenantId);
      const planReminders = await plans.reviewReminders(ctx.tenantId);
      const deletedCrises = await plans.crisisRetention(ctx.tenantId);
      const deletedPublicReports = await plans.publicReportRetention(ctx.tenantId);
      deps.logger.info(
        {
          tenantId: ctx.tenantId,
          deletedConflicts,
          digests,
          deletedPlanVersions,
          planReminders,
          deletedCrises,
          deletedPublicReports,
        },
        "conflicts daily run",
      );
    } finally {
      await schedule(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    digest,
    retention,
    async scheduleAll() {
      for (const t of await deps.tenants.list()) await schedule(t.id, deps.clock.now());
    },
  };
}
