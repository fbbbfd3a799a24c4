import { isLanguage, type Language } from "../../i18n/languages.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { UserRow, UserView } from "../users/service.ts";
import type { AuthContext } from "./context.ts";
import { languageCookie, readCookie, SESSION_COOKIE, serializeCookie } from "./cookies.ts";
import type { MfaState, SignInResult } from "./model.ts";
import { sessionRepo } from "./repo.ts";

const TOUCH_INTERVAL_MS = 60_000;

/** Sessions: the cookie, the principal of a request, starting and ending sessions. */
export function createSessions(ctx: AuthContext) {
  const { deps, secure, idleMs, absoluteMs, userActor } = ctx;
  const { db, clock } = deps;

  function sessionCookie(token: string): string {
    return serializeCookie(SESSION_COOKIE, token, { secure, maxAgeSeconds: absoluteMs / 1000 });
  }

  async function mfaStateOf(tenantId: string, user: UserRow): Promise<MfaState> {
    if (user.totpEnabled) return "verify";
    const tenant = await deps.tenants.byId(tenantId);
    const required = new Set<string>(tenant?.settings.mfaRequiredRoles ?? []);
    if (required.size === 0) return "none";
    const grants = await deps.users.credentials.grants(tenantId, user.id);
    return grants.some((g) => required.has(g.role)) ? "enrol" : "none";
  }

  async function startSession(
    tenantId: string,
    user: UserRow,
    mfa: MfaState,
    how: "password" | "oidc",
    requestId?: string,
  ): Promise<SignInResult> {
    const now = clock.now();
    await sessionRepo.deleteExpired(db, now);
    const token = randomToken(32);
    const session = await sessionRepo.insert(db, {
      tenantId,
      userId: user.id,
      tokenHash: sha256Hex(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absoluteMs),
      mfaSatisfied: mfa === "none",
    });
    await deps.audit.record({
      actor: {
        kind: "user",
        principal: { userId: user.id, tenantId, sessionId: session.id, grants: [], mfaSatisfied: false },
      },
      action: "login",
      entityType: "user",
      entityId: user.id,
      changes: { method: { old: null, new: how }, mfa: { old: null, new: mfa } },
      requestId: requestId ?? null,
    });
    const language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : undefined;
    const cookies = [sessionCookie(token)];
    if (language) cookies.push(languageCookie(language, secure));
    return { cookies, userId: user.id, mfa, language };
  }

  return {
    mfaStateOf,
    startSession,

    /** The signed-in principal of a request (the HTTP layer calls this for every request). */
    async principalFromRequest(req: Request, tenantId: string): Promise<Principal | null> {
      const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
      if (!token || token.length > 200) return null;
      const session = await sessionRepo.byTokenHash(db, tenantId, sha256Hex(token));
      if (!session) return null;
      const now = clock.now();
      if (now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() >= idleMs) {
        await sessionRepo.delete(db, tenantId, session.id);
        return null;
      }
      const user = await deps.users.credentials.byId(tenantId, session.userId);
      if (user?.status !== "active") {
        await sessionRepo.delete(db, tenantId, session.id);
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await sessionRepo.touch(db, tenantId, session.id, now);
      }
      return {
        userId: user.id,
        tenantId,
        sessionId: session.id,
        grants: await deps.users.credentials.grants(tenantId, user.id),
        mfaSatisfied: session.mfaSatisfied,
      };
    },

    /**
     * A session for a user whose identity the caller has already established (test harness,
     * CLI); never reachable from a request. Returns the Cookie header value.
     */
    async openSession(
      tenantId: string,
      userId: string,
      opts: { mfaSatisfied: boolean },
    ): Promise<{ cookie: string; sessionId: string }> {
      const user = await deps.users.credentials.byId(tenantId, userId);
      if (user?.status !== "active") throw AppError.notFound();
      const now = clock.now();
      const token = randomToken(32);
      const session = await sessionRepo.insert(db, {
        tenantId,
        userId,
        tokenHash: sha256Hex(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + absoluteMs),
        mfaSatisfied: opts.mfaSatisfied,
      });
      return { cookie: `${SESSION_COOKIE}=${token}`, sessionId: session.id };
    },

    /** Cookie that ends the session in the browser. */
    clearSessionCookie(): string {
      return serializeCookie(SESSION_COOKIE, "", { secure, maxAgeSeconds: 0 });
    },
    languageCookie(lang: Language): string {
      return languageCookie(lang, secure);
    },

    async logout(principal: Principal, requestId?: string): Promise<void> {
      await sessionRepo.delete(db, principal.tenantId, principal.sessionId);
      await deps.audit.record({
        actor: userActor(principal),
        action: "logout",
        entityType: "session",
        entityId: principal.sessionId,
        requestId: requestId ?? null,
      });
    },

    /** Ends every session of the user, on every device, including this one. */
    async logoutEverywhere(principal: Principal, requestId?: string): Promise<number> {
      const ended = await sessionRepo.deleteForUser(db, principal.tenantId, principal.userId);
      await deps.audit.record({
        actor: userActor(principal),
        action: "logout_all",
        entityType: "user",
        entityId: principal.userId,
        changes: { sessions: { old: ended, new: 0 } },
        requestId: requestId ?? null,
      });
      return ended;
    },

    /** The signed-in user and what their session still needs. */
    async me(principal: Principal): Promise<{ user: UserView; mfa: MfaState }> {
      const row = await ctx.currentUser(principal);
      const user = await deps.users.byId(principal, principal.userId);
      const mfa: MfaState = principal.mfaSatisfied ? "none" : row.totpEnabled ? "verify" : "enrol";
      return { user, mfa };
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
