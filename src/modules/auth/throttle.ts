import { sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { AuthContext } from "./context.ts";
import { LOCK_MINUTES, THROTTLE_LIMIT } from "./model.ts";
import { throttleRepo } from "./repo.ts";

/** After a quiet day the lock ladder starts again at the bottom. */
const THROTTLE_RESET_MS = 24 * 3600_000;

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Sign-in throttling: consecutive failures per key lock it for growing lengths of time. */
export function createThrottle({ deps }: AuthContext) {
  const { db, clock } = deps;
  return {
    /** The throttle key of an e-mail address (hashed: no address in the table). */
    emailKey: (email: string) => `email:${sha256Hex(normalizeEmail(email))}`,

    async assertNotLocked(tenantId: string, key: string): Promise<void> {
      const row = await throttleRepo.get(db, tenantId, key);
      const now = clock.now();
      if (row?.lockedUntil && row.lockedUntil > now) {
        const minutes = Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000));
        throw new AppError("too_many_requests", {
          params: { minutes },
          extra: { retryAfterMinutes: minutes },
        });
      }
    },

    /** Counts a failure; throws 429 when this failure locks the key. */
    async registerFailure(tenantId: string, key: string): Promise<void> {
      const now = clock.now();
      const before = await throttleRepo.get(db, tenantId, key);
      if (before?.lastFailureAt && now.getTime() - before.lastFailureAt.getTime() > THROTTLE_RESET_MS) {
        await throttleRepo.clear(db, tenantId, key);
      }
      const row = await throttleRepo.addFailure(db, tenantId, key, now);
      if (row.failures >= THROTTLE_LIMIT) {
        const lockCount = row.lockCount + 1;
        const minutes = LOCK_MINUTES[Math.min(lockCount, LOCK_MINUTES.length) - 1]!;
        await throttleRepo.lock(db, tenantId, key, new Date(now.getTime() + minutes * 60_000), lockCount);
        deps.logger.warn({ tenantId, minutes }, "sign-in locked after repeated failures");
        throw new AppError("too_many_requests", {
          params: { minutes },
          extra: { retryAfterMinutes: minutes },
        });
      }
    },

    /** A success clears the key's failures. */
    clear(tenantId: string, key: string): Promise<void> {
      return throttleRepo.clear(db, tenantId, key);
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
