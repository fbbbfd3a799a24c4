import { generateSecret, generateURI, verify as verifyTotpCode } from "otplib";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { UserRow } from "../users/service.ts";
import type { AuthContext } from "./context.ts";
import type { TotpCodeInput } from "./contracts.ts";
import { sessionRepo } from "./repo.ts";
import type { Throttle } from "./throttle.ts";

const TOTP_PURPOSE = "totp";

/** The second factor: TOTP enrolment, the code a session waits for, turning it off. */
export function createTotp(ctx: AuthContext, throttle: Throttle) {
  const { deps, box, userActor, currentUser } = ctx;
  const { db, clock } = deps;

  async function checkTotp(user: UserRow, code: string): Promise<number | null> {
    if (!user.totpSecret) return null;
    let secret: string;
    try {
      secret = box.decrypt(TOTP_PURPOSE, user.totpSecret);
    } catch {
      deps.logger.error({ userId: user.id }, "TOTP secret cannot be decrypted (key changed?)");
      return null;
    }
    const result = await verifyTotpCode({
      secret,
      token: code,
      epoch: Math.floor(clock.now().getTime() / 1000),
      epochTolerance: 30,
      afterTimeStep: user.totpLastStep ?? undefined,
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  }

  /** Verifies a code with throttling and replay protection; throws a field error when wrong. */
  async function requireTotp(tenantId: string, user: UserRow, input: TotpCodeInput): Promise<number> {
    const key = `totp:${user.id}`;
    await throttle.assertNotLocked(tenantId, key);
    const step = await checkTotp(user, input.code);
    if (step === null || !(await deps.users.credentials.advanceTotpStep(tenantId, user.id, step))) {
      await throttle.registerFailure(tenantId, key);
      throw AppError.validation([{ field: "code", code: "invalid_code" }]);
    }
    await throttle.clear(tenantId, key);
    return step;
  }

  async function totpUri(tenantId: string, email: string, secret: string): Promise<string> {
    const tenant = await deps.tenants.byId(tenantId);
    return generateURI({ issuer: `Lotse ${tenant?.name ?? ""}`.trim(), label: email, secret });
  }

  return {
    /** Second factor for a session that is waiting for it. */
    async verifyMfa(principal: Principal, input: TotpCodeInput, requestId?: string): Promise<void> {
      const user = await currentUser(principal);
      if (!user.totpEnabled) throw new AppError("conflict");
      await requireTotp(principal.tenantId, user, input);
      await sessionRepo.setMfaSatisfied(db, principal.tenantId, principal.sessionId);
      await deps.audit.record({
        actor: userActor(principal),
        action: "mfa_verified",
        entityType: "session",
        entityId: principal.sessionId,
        requestId: requestId ?? null,
      });
    },

    /** Starts TOTP enrolment: a new secret (stored encrypted) to add to an authenticator app. */
    async enrolTotp(principal: Principal, requestId?: string): Promise<{ secret: string; uri: string }> {
      const user = await currentUser(principal);
      // With TOTP on, a new secret would let a half-signed-in session replace the second factor.
      if (user.totpEnabled) throw new AppError("conflict");
      const secret = generateSecret();
      await deps.users.credentials.change(
        userActor(principal),
        principal.tenantId,
        user.id,
        { totpSecret: box.encrypt(TOTP_PURPOSE, secret), totpEnabled: false, totpLastStep: null },
        "totp_enrol",
        requestId,
      );
      return { secret, uri: await totpUri(principal.tenantId, user.email, secret) };
    },

    /** The enrolment in progress (secret and URI to show again), or null. */
    async pendingEnrolment(principal: Principal): Promise<{ secret: string; uri: string } | null> {
      const user = await currentUser(principal);
      if (user.totpEnabled || !user.totpSecret) return null;
      try {
        const secret = box.decrypt(TOTP_PURPOSE, user.totpSecret);
        return { secret, uri: await totpUri(principal.tenantId, user.email, secret) };
      } catch {
        return null;
      }
    },

    /** Finishes enrolment with a first code; the session then counts as fully signed in. */
    async confirmTotp(principal: Principal, input: TotpCodeInput, requestId?: string): Promise<void> {
      const user = await currentUser(principal);
      if (user.totpEnabled || !user.totpSecret) throw new AppError("conflict");
      await requireTotp(principal.tenantId, user, input);
      await deps.users.credentials.change(
        userActor(principal),
        principal.tenantId,
        user.id,
        { totpEnabled: true },
        "totp_enable",
        requestId,
      );
      await sessionRepo.setMfaSatisfied(db, principal.tenantId, principal.sessionId);
    },

    async disableTotp(principal: Principal, input: TotpCodeInput, requestId?: string): Promise<void> {
      authorize(principal, "account.self");
      const user = await currentUser(principal);
      if (!user.totpEnabled) throw new AppError("conflict");
      await requireTotp(principal.tenantId, user, input);
      await deps.users.credentials.change(
        userActor(principal),
        principal.tenantId,
        user.id,
        { totpSecret: null, totpEnabled: false, totpLastStep: null },
        "totp_disable",
        requestId,
      );
    },
  };
}
