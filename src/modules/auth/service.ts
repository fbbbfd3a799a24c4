import { createAccount } from "./account.ts";
import { type AuthDeps, createAuthContext } from "./context.ts";
import { createPasswordReset } from "./password-reset.ts";
import { createSessions } from "./sessions.ts";
import { createSignIn } from "./sign-in.ts";
import { createThrottle } from "./throttle.ts";
import { createTotp } from "./totp.ts";

export type { AuthDeps } from "./context.ts";
export {
  LOCK_MINUTES,
  type MfaState,
  RESET_TOKEN_MINUTES,
  type SignInResult,
  THROTTLE_LIMIT,
} from "./model.ts";

/**
 * Sign-in and sessions (decision 007). One service to the rest of Lotse, in small parts:
 * sessions.ts (cookies, principal, sign-out), sign-in.ts (password and OIDC), throttle.ts,
 * totp.ts (second factor), account.ts (own password and language), password-reset.ts.
 */
export function createAuthService(deps: AuthDeps) {
  const ctx = createAuthContext(deps);
  const throttle = createThrottle(ctx);
  const sessions = createSessions(ctx);
  const { mfaStateOf: _mfaStateOf, startSession: _startSession, ...sessionApi } = sessions;
  return {
    ...sessionApi,
    ...createSignIn(ctx, throttle, sessions),
    ...createTotp(ctx, throttle),
    ...createAccount(ctx, throttle),
    ...createPasswordReset(ctx, throttle),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
