import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { FundingDeps } from "./deps.ts";
import { paymentsRepo } from "./payments-repo.ts";
import { proofRepo } from "./proof-repo.ts";
import { createReminders } from "./reminders.ts";
import { fundingRepo } from "./repo.ts";

/**
 * Data protection for applicants (decision 062): the daily retention run and erasure on
 * request. Periods (legal grounds in the decision record):
 * - a draft never submitted: deleted 30 days after its link expired;
 * - refused or ineligible: deleted one year after the decision (the longest period for an
 *   objection or action, § 58 (2) VwGO);
 * - granted: the contact data (name, e-mail, summary, letters) erased from 1 January of the
 *   seventh year after the grant year (proof of use within the following year, then five years
 *   for the audit of public funds, ANBest-P no. 6.9); the financial record (organization, title,
 *   figures, decision) deleted from 1 January of the eleventh year (ten years for accounting
 *   records under municipal budget law).
 */
export const DAILY_JOB = "funding.daily";
const RUN_AT_UTC_HOUR = 5;
export const RETENTION = {
  draftGraceDays: 30,
  refusedYears: 1,
  fundedContactYears: 7,
  fundedRecordYears: 11,
} as const;
const DAY_MS = 86_400_000;
const FUNDED = new Set(["granted", "partly_granted"]);

export function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** The cut-offs of a retention run on `now` (pure, tested). */
export function retentionCutoffs(now: Date) {
  const refusedBefore = new Date(now);
  refusedBefore.setUTCFullYear(refusedBefore.getUTCFullYear() - RETENTION.refusedYears);
  const year = now.getUTCFullYear();
  return {
    draftsBefore: new Date(now.getTime() - RETENTION.draftGraceDays * DAY_MS),
    refusedBefore,
    fundedContactYear: year - RETENTION.fundedContactYears,
    fundedDeleteYear: year - RETENTION.fundedRecordYears,
  };
}

export type ErasureResult = { mode: "deleted" | "contact_erased"; reviews: number; letters: number };

export function createPrivacy(deps: FundingDeps) {
  const { db } = deps;
  const reminders = createReminders(deps);
  const now = () => deps.clock.now();

  /** Deletes one application (audit entries stripped to ids) or erases its contact data. */
  async function apply(
    tx: DbOrTx,
    tenantId: string,
    id: string,
    mode: ErasureResult["mode"],
  ): Promise<ErasureResult> {
    // The narrative report's survey response goes with the report text, in either mode (decision 131).
    const report = (await fundingRepo.application(tx, tenantId, id))?.reportResponseId;
    if (report && deps.reports) await deps.reports.erase(tenantId, [report]);
    if (mode === "contact_erased") {
      const letters = await fundingRepo.eraseContact(tx, tenantId, id, now());
      await proofRepo.eraseText(tx, tenantId, id, now());
      await paymentsRepo.eraseNotes(tx, tenantId, id, now());
      return { mode, reviews: 0, letters };
    }
    const reviews = (await fundingRepo.reviews(tx, tenantId, id)).length;
    const letters = (await fundingRepo.letterLangs(tx, tenantId, id)).length;
    const ids = await fundingRepo.deleteApplication(tx, tenantId, id);
    await deps.audit.redactEntities(tx, tenantId, ids);
    return { mode, reviews, letters };
  }

  const changesOf = (r: ErasureResult) => ({
    reviews: { old: r.reviews, new: 0 },
    letters: { old: r.letters, new: 0 },
  });

  async function retention(tenantId: string): Promise<{ deleted: number; contactErased: number }> {
    const cut = retentionCutoffs(now());
    let deleted = 0;
    let contactErased = 0;
    for (;;) {
      const due = await fundingRepo.dueForRetention(db, tenantId, cut, 200);
      if (due.length === 0) break;
      for (const d of due) {
        await db.transaction(async (tx) => {
          const r = await apply(tx, tenantId, d.id, d.kind === "delete" ? "deleted" : "contact_erased");
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: d.kind === "delete" ? "retention_delete" : "retention_erase_contact",
              entityType: "funding_application",
              entityId: d.id,
              changes: changesOf(r),
            },
            tx,
          );
        });
        if (d.kind === "delete") deleted++;
        else contactErased++;
      }
    }
    return { deleted, contactErased };
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
  deps.tenants.onCreated((tenant, tx) => schedule(tenant.id, now(), tx));
  deps.jobs.register(DAILY_JOB, async (_payload, ctx) => {
    try {
      const r = await retention(ctx.tenantId);
      deps.logger.info({ tenantId: ctx.tenantId, ...r }, "funding retention run");
      // Reminders before the proof deadline and a call's closing date (decision 078): counts only.
      const sent = await reminders.run(ctx.tenantId);
      deps.logger.info({ tenantId: ctx.tenantId, ...sent }, "funding reminders sent");
    } finally {
      await schedule(ctx.tenantId, now());
    }
  });

  return {
    retention,
    reminders: reminders.run,
    async scheduleAll() {
      for (const t of await deps.tenants.list()) await schedule(t.id, now());
    },
    /**
     * Erasure on request (Art. 17 GDPR, the data-protection officer): an application not
     * granted is deleted whole; a granted one keeps its financial record (Art. 17 (3) (b):
     * the audit of public funds), only the contact data go. Audited with the counts.
     */
    async erase(principal: Principal, id: string, requestId?: string): Promise<ErasureResult> {
      authorize(principal, "funding.erase");
      return db.transaction(async (tx) => {
        const a = await fundingRepo.application(tx, principal.tenantId, id);
        if (!a) throw AppError.notFound();
        const r = await apply(tx, a.tenantId, a.id, FUNDED.has(a.status) ? "contact_erased" : "deleted");
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: r.mode === "deleted" ? "erase" : "erase_contact",
            entityType: "funding_application",
            entityId: a.id,
            changes: changesOf(r),
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
    },
  };
}
