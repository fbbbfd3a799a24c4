import type { DbOrTx } from "../../server/db/client.ts";
import { isAppError } from "../../server/errors.ts";
import type { AccommodationDeps } from "./deps.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";
import { dayInGermany } from "./housing-model.ts";
import { relocationTo } from "./placement-rules.ts";
import { createPublicPlaces } from "./public-place.ts";

/**
 * The module's daily job (04:00 UTC, early on the German day; decision 081): a placement whose
 * move-in lay in the future when it was made moves the household's address in case work on
 * its day (through case work's `households.relocate`, as the system carrying out what a user
 * with write access placed). Idempotent: each stay is claimed once (`address_moved_on`) in
 * the transaction that relocates, so a second run, or two processes at once, move nothing
 * again. A stay the job missed (server down) is still moved while it runs. It also takes the
 * public place of an accommodation whose closing day has come off the public site (decision 121).
 * Schedules its next run itself.
 */
export const DAILY_JOB = "accommodation.daily";
const RUN_AT_UTC_HOUR = 4;

export function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function createDaily(deps: AccommodationDeps) {
  const { db } = deps;
  const publicPlaces = createPublicPlaces(deps);

  /** Closed accommodations' public places go, by the system, at the version published (decision 121). */
  async function takeDownClosed(tenantId: string): Promise<number> {
    const day = dayInGermany(deps.clock.now());
    let done = 0;
    for (const acc of await accommodationRepo.closedWithPlace(db, tenantId, day)) {
      const outcome = await db.transaction(() => publicPlaces.takeDown({ kind: "system", tenantId }, acc));
      if (outcome === "archived") done++;
    }
    return done;
  }

  /** Moves the address of every household whose stay runs today and has not moved it yet. */
  async function moveAddresses(tenantId: string): Promise<{ moved: number; failed: number }> {
    const day = dayInGermany(deps.clock.now());
    const due = await placementRepo.dueForAddress(db, tenantId, day);
    let moved = 0;
    let failed = 0;
    for (const p of due) {
      const acc = await accommodationRepo.byId(db, tenantId, p.accommodationId);
      if (!acc) continue;
      try {
        const done = await db.transaction(async (tx) => {
          if (!(await placementRepo.markAddressMoved(tx, tenantId, p.id, day))) return false;
          await deps.casework.households.relocate(
            { kind: "system", tenantId },
            p.householdId,
            relocationTo(acc),
          );
          return true;
        });
        if (done) moved++;
      } catch (e) {
        // E.g. someone saved the household at the same moment (409): tomorrow's run tries again.
        if (!isAppError(e)) throw e;
        failed++;
        deps.logger.warn({ tenantId, placementId: p.id, code: e.code }, "accommodation address not moved");
      }
    }
    return { moved, failed };
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
      const { moved, failed } = await moveAddresses(ctx.tenantId);
      const placesTakenDown = await takeDownClosed(ctx.tenantId);
      deps.logger.info({ tenantId: ctx.tenantId, moved, failed, placesTakenDown }, "accommodation daily run");
    } finally {
      await schedule(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    moveAddresses,
    takeDownClosed,
    async scheduleAll() {
      for (const t of (await deps.tenants.list()) ?? []) await schedule(t.id, deps.clock.now());
    },
  };
}
export type AccommodationDaily = ReturnType<typeof createDaily>;
