import { mailApplicant } from "./applicant-mail.ts";
import type { FundingDeps } from "./deps.ts";
import { proofDueDate } from "./proof-model.ts";
import { remindersRepo } from "./reminders-repo.ts";

/** The proof of use is reminded four weeks before it is due; a call's closing date one week before. */
export const REMIND = { proofDays: 28, deadlineDays: 7 } as const;
const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Reminders of the daily job (decision 078), in the applicant's language through `mail/`:
 * - the proof of use is due within four weeks and nothing is filed yet;
 * - the call closes within a week and the applicant's draft is not submitted.
 * Each is sent once per application and date (`funding_reminders`), in the same transaction
 * as its mail: a second run, or a retried job, sends nothing twice.
 */
export function createReminders(deps: FundingDeps) {
  const { db } = deps;

  async function send(
    tenantId: string,
    a: { id: string; lang: string; title: string; contactEmail: string },
    kind: "proof" | "deadline",
    dueDate: string,
    values: Record<string, string>,
  ): Promise<boolean> {
    return db.transaction(async (tx) => {
      const fresh = await remindersRepo.claim(tx, {
        tenantId,
        applicationId: a.id,
        kind,
        dueDate,
        sentAt: deps.clock.now(),
      });
      if (!fresh) return false;
      await mailApplicant(deps, tx, { tenantId, ...a }, `mail_remind_${kind}`, { due: dueDate, ...values });
      return true;
    });
  }

  return {
    /** One run for a tenant; returns how many reminders went out. */
    async run(tenantId: string): Promise<{ proof: number; deadline: number }> {
      const now = deps.clock.now();
      const today = iso(now);
      let proof = 0;
      let deadline = 0;
      const proofUntil = iso(new Date(now.getTime() + REMIND.proofDays * DAY_MS));
      for (const g of await remindersRepo.grantsWithoutProof(db, tenantId, now.getUTCFullYear() - 3)) {
        const due = proofDueDate(g.year, g.proofMonths);
        if (due >= today && due <= proofUntil && (await send(tenantId, g, "proof", due, {}))) proof++;
      }
      const deadlineUntil = iso(new Date(now.getTime() + REMIND.deadlineDays * DAY_MS));
      for (const d of await remindersRepo.draftsBeforeDeadline(db, tenantId, today, deadlineUntil, now)) {
        if (d.deadline && (await send(tenantId, d, "deadline", d.deadline, { call: d.callTitle })))
          deadline++;
      }
      return { proof, deadline };
    },
  };
}
