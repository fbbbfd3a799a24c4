import { sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { AuthContext } from "./context.ts";
import { IP_THROTTLE_LIMIT, LOCK_MINUTES, RESET_REQUEST_LIMIT, THROTTLE_LIMIT } from "./model.ts";
import { throttleRepo } from "./repo.ts";

/** After a quiet day the lock ladder starts again at the bottom. */
const THROTTLE_RESET_MS = 24 * 3600_000;

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Sign-in throttling: consecutive failures per key lock it for growing lengths of time.
 *
 * Keys follow OWASP's guidance so that no stranger can keep a user out: failures count per
 * account and client address pair (slows guessing one account from one place) and per client
 * address (stops one place trying many accounts); never per account alone. Addresses and
 * e-mail addresses are stored hashed.
 */
export function createThrottle({ deps }: AuthContext) {
  const { db, clock } = deps;
  const emailKey = (email: string) => `email:${sha256Hex(normalizeEmail(email))}`;
  const keysFor = (kind: "login" | "reset", email: string, clientIp: string | undefined) => {
    // Without a known address (CLI, in-process calls) the pair key falls back to the account.
    const pair = `${emailKey(email)}:${kind}:${clientIp ? sha256Hex(clientIp) : "-"}`;
    return { pair, ip: clientIp ? `ip:${kind}:${sha256Hex(clientIp)}` : undefined };
  };

  async function assertNotLocked(tenantId: string, key: string): Promise<void> {
    const row = await throttleRepo.get(db, tenantId, key);
    const now = clock.now();
    if (row?.lockedUntil && row.lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000));
      throw new AppError("too_many_requests", {
        params: { minutes },
        extra: { retryAfterMinutes: minutes },
      });
    }
  }

  /** Counts a failure; throws 429 when this failure locks the key. */
  async function registerFailure(tenantId: string, key: string, limit = THROTTLE_LIMIT): Promise<void> {
    const now = clock.now();
    const before = await throttleRepo.get(db, tenantId, key);
    if (before?.lastFailureAt && now.getTime() - before.lastFailureAt.getTime() > THROTTLE_RESET_MS) {
      await throttleRepo.clear(db, tenantId, key);
    }
    const row = await throttleRepo.addFailure(db, tenantId, key, now);
    if (row.failures >= limit) {
      const lockCount = row.lockCount + 1;
      const minutes = LOCK_MINUTES[Math.min(lockCount, LOCK_MINUTES.length) - 1]!;
      await throttleRepo.lock(db, tenantId, key, new Date(now.getTime() + minutes * 60_000), lockCount);
      deps.logger.warn(
        { tenantId, minutes, scope: key.split(":")[0] },
        "throttle locked after repeated attempts",
      );
      throw new AppError("too_many_requests", {
        params: { minutes },
        extra: { retryAfterMinutes: minutes },
      });
    }
  }

  return {
    /** The throttle key of an e-mail address (hashed: no address in the table). */
    emailKey,
    assertNotLocked,
    registerFailure,

    /** Before a password check: refuses while the address or the account+address pair is locked. */
    async beforeSignIn(tenantId: string, email: string, clientIp: string | undefined): Promise<void> {
      const { pair, ip } = keysFor("login", email, clientIp);
      if (ip) await assertNotLocked(tenantId, ip);
      await assertNotLocked(tenantId, pair);
    },

    /** A wrong password: counts for the pair and for the client address. */
    async signInFailed(tenantId: string, email: string, clientIp: string | undefined): Promise<void> {
      const { pair, ip } = keysFor("login", email, clientIp);
      if (ip) await registerFailure(tenantId, ip, IP_THROTTLE_LIMIT);
      await registerFailure(tenantId, pair);
    },

    /** A success clears the pair only: one valid account must not reset an address's count. */
    signInSucceeded(tenantId: string, email: string, clientIp: string | undefined): Promise<void> {
      return throttleRepo.clear(db, tenantId, keysFor("login", email, clientIp).pair);
    },

    /** Every reset request counts (mail bombing, account probing): per pair and per address. */
    async resetRequested(tenantId: string, email: string, clientIp: string | undefined): Promise<void> {
      const { pair, ip } = keysFor("reset", email, clientIp);
      if (ip) await assertNotLocked(tenantId, ip);
      await assertNotLocked(tenantId, pair);
      if (ip) await registerFailure(tenantId, ip, IP_THROTTLE_LIMIT);
      await registerFailure(tenantId, pair, RESET_REQUEST_LIMIT);
    },

    /** After a password reset every sign-in lock of the account (any address) ends. */
    clearAccount(tenantId: string, email: string): Promise<void> {
      return throttleRepo.clearPrefix(db, tenantId, emailKey(email));
    },

    /** A success clears the key's failures. */
    clear(tenantId: string, key: string): Promise<void> {
      return throttleRepo.clear(db, tenantId, key);
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
