import type { Language } from "../../i18n/languages.ts";
import { AppError } from "../../server/errors.ts";
import { verifyPassword } from "../users/password.ts";
import type { UserRow } from "../users/service.ts";
import type { AuthContext } from "./context.ts";
import type { LoginInput } from "./contracts.ts";
import type { SignInResult } from "./model.ts";
import type { OidcClaims } from "./oidc-client.ts";
import type { Sessions } from "./sessions.ts";
import type { Throttle } from "./throttle.ts";

/** Signing in: e-mail and password (throttled), or OpenID Connect against the municipal provider. */
export function createSignIn(ctx: AuthContext, throttle: Throttle, sessions: Sessions) {
  const { deps, oidc, systemActor } = ctx;
  const { clock, config } = deps;

  async function matchOidcUser(tenantId: string, claims: OidcClaims): Promise<UserRow | undefined> {
    if (typeof claims.email !== "string" || claims.email_verified !== true) return undefined;
    const user = await deps.users.credentials.byEmail(tenantId, claims.email);
    return user?.status === "active" ? user : undefined;
  }

  return {
    /** E-mail and password. Unknown address and wrong password give the same answer. */
    async login(
      tenantId: string,
      input: LoginInput,
      requestId?: string,
      clientIp?: string,
    ): Promise<SignInResult> {
      const { email, password } = input;
      await throttle.beforeSignIn(tenantId, email, clientIp);
      const user = await deps.users.credentials.byEmail(tenantId, email);
      const active = user?.status === "active" ? user : undefined;
      const ok = await verifyPassword(active?.passwordHash, password);
      if (!ok || !active) {
        await deps.audit.record({
          actor: systemActor(tenantId),
          action: "login_failed",
          entityType: "user",
          entityId: user?.id ?? null,
          requestId: requestId ?? null,
        });
        await throttle.signInFailed(tenantId, email, clientIp);
        throw new AppError("invalid_credentials");
      }
      await throttle.signInSucceeded(tenantId, email, clientIp);
      return sessions.startSession(
        tenantId,
        active,
        await sessions.mfaStateOf(tenantId, active),
        "password",
        requestId,
      );
    },

    oidcEnabled: Boolean(oidc),
    oidcLabel: config.oidc?.label,

    /** Where to send the browser, and the short-lived signed cookie holding PKCE, state and nonce. */
    async oidcStart(next: string, lang: Language): Promise<{ url: string; cookie: string }> {
      if (!oidc) throw AppError.notFound();
      return oidc.start(next, lang, clock.now());
    },

    /**
     * Finishes the OIDC flow. The user is matched by verified e-mail to an existing active
     * account of the tenant; nobody is created silently.
     */
    async oidcFinish(
      tenantId: string,
      currentUrl: URL,
      cookieValue: string | undefined,
      requestId?: string,
    ): Promise<SignInResult & { next: string; lang: Language }> {
      if (!oidc) throw AppError.notFound();
      const { claims, next, lang } = await oidc.finish(currentUrl, cookieValue, clock.now());
      const user = await matchOidcUser(tenantId, claims);
      if (!user) {
        await deps.audit.record({
          actor: systemActor(tenantId),
          action: "login_failed",
          entityType: "user",
          entityId: null,
          changes: { method: { old: null, new: "oidc" } },
          requestId: requestId ?? null,
        });
        throw new AppError("forbidden", { extra: { reason: "oidc_no_account" } });
      }
      let mfa = await sessions.mfaStateOf(tenantId, user);
      // The identity provider already asked for a second factor.
      if (mfa !== "none" && (claims.amr ?? []).some((m) => ["mfa", "otp", "hwk", "swk"].includes(m)))
        mfa = "none";
      const result = await sessions.startSession(tenantId, user, mfa, "oidc", requestId);
      return { ...result, next, lang };
    },
  };
}
