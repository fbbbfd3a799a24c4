import { generateSecret, generateURI, verify as verifyTotpCode } from "otplib";
import { z } from "zod";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { createSecretBox, randomToken, sha256Hex } from "../../server/crypto.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import { PASSWORD_MAX, passwordSchema, verifyPassword } from "../users/password.ts";
import type { UserRow } from "../users/repo.ts";
import type { UserService, UserView } from "../users/service.ts";
import { isSecureBase, languageCookie, readCookie, SESSION_COOKIE, serializeCookie } from "./cookies.ts";
import { createOidcClient, type OidcClaims } from "./oidc-client.ts";
import { resetTokenRepo, sessionRepo, throttleRepo } from "./repo.ts";

/** Consecutive failures before a key is locked, and the growing lock lengths. */
export const THROTTLE_LIMIT = 5;
export const LOCK_MINUTES = [1, 5, 15, 60] as const;
/** After a quiet day the lock ladder starts again at the bottom. */
const THROTTLE_RESET_MS = 24 * 3600_000;
const TOUCH_INTERVAL_MS = 60_000;
export const RESET_TOKEN_MINUTES = 60;
const TOTP_PURPOSE = "totp";

/** What a second factor still needs after the password: nothing, the code, or enrolment first. */
export type MfaState = "none" | "verify" | "enrol";

export type SignInResult = {
  /** Set-Cookie header values: the session, and the user's language for the staff app. */
  cookies: string[];
  userId: string;
  mfa: MfaState;
  language: Language | undefined;
};

export type AuthDeps = CoreDeps & {
  audit: AuditService;
  users: UserService;
  tenants: TenantService;
  /** The mail module's contract: enqueues and delivers (SMTP or the local outbox). */
  mail: Pick<MailService, "send">;
};

const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "code:invalid_code" }),
});

function mailTranslator(lang: string | null | undefined) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return { lang: l, t: createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE)) };
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAuthService(deps: AuthDeps) {
  const { db, config, clock } = deps;
  // Previous keys still decrypt TOTP seeds until `lotse rotate-keys` re-encrypted them.
  const box = createSecretBox(config.secretKey, config.secretKeyPrevious);
  const secure = isSecureBase(config.baseUrl);
  const idleMs = config.session.idleMinutes * 60_000;
  const absoluteMs = config.session.absoluteHours * 3600_000;
  const oidc = config.oidc ? createOidcClient(config, box) : undefined;

  const systemActor = (tenantId: string): Actor => ({ kind: "system", tenantId });
  const userActor = (principal: Principal): Actor => ({ kind: "user", principal });
  const emailKey = (email: string) => `email:${sha256Hex(normalizeEmail(email))}`;

  // ---- throttling -------------------------------------------------------------------------

  async function assertNotLocked(tenantId: string, key: string): Promise<void> {
    const row = await throttleRepo.get(db, tenantId, key);
    const now = clock.now();
    if (row?.lockedUntil && row.lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000));
      throw new AppError("too_many_requests", { params: { minutes }, extra: { retryAfterMinutes: minutes } });
    }
  }

  /** Counts a failure; throws 429 when this failure locks the key. */
  async function registerFailure(tenantId: string, key: string): Promise<void> {
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
      throw new AppError("too_many_requests", { params: { minutes }, extra: { retryAfterMinutes: minutes } });
    }
  }

  // ---- sessions ---------------------------------------------------------------------------

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

  // ---- TOTP -------------------------------------------------------------------------------

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
  async function requireTotp(tenantId: string, user: UserRow, input: unknown): Promise<number> {
    const parsed = codeSchema.safeParse(input);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const key = `totp:${user.id}`;
    await assertNotLocked(tenantId, key);
    const step = await checkTotp(user, parsed.data.code);
    if (step === null || !(await deps.users.credentials.advanceTotpStep(tenantId, user.id, step))) {
      await registerFailure(tenantId, key);
      throw AppError.validation([{ field: "code", code: "invalid_code" }]);
    }
    await throttleRepo.clear(db, tenantId, key);
    return step;
  }

  async function totpUri(tenantId: string, email: string, secret: string): Promise<string> {
    const tenant = await deps.tenants.byId(tenantId);
    return generateURI({ issuer: `Lotse ${tenant?.name ?? ""}`.trim(), label: email, secret });
  }

  async function currentUser(principal: Principal): Promise<UserRow> {
    const user = await deps.users.credentials.byId(principal.tenantId, principal.userId);
    if (user?.status !== "active") throw new AppError("unauthenticated");
    return user;
  }

  /** A single-use reset token for a user (valid RESET_TOKEN_MINUTES); older unused ones lapse. */
  async function issuePasswordResetToken(tenantId: string, userId: string): Promise<string> {
    const now = clock.now();
    const token = randomToken(32);
    await db.transaction(async (tx) => {
      await resetTokenRepo.invalidateForUser(tx, tenantId, userId, now);
      await resetTokenRepo.insert(tx, {
        tenantId,
        userId,
        tokenHash: sha256Hex(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
      });
    });
    return token;
  }

  return {
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

    /** E-mail and password. Unknown address and wrong password give the same answer. */
    async login(tenantId: string, input: unknown, requestId?: string): Promise<SignInResult> {
      const parsed = loginSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const { email, password } = parsed.data;
      const key = emailKey(email);
      await assertNotLocked(tenantId, key);
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
        await registerFailure(tenantId, key);
        throw new AppError("invalid_credentials");
      }
      await throttleRepo.clear(db, tenantId, key);
      return startSession(tenantId, active, await mfaStateOf(tenantId, active), "password", requestId);
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
      const row = await currentUser(principal);
      const user = await deps.users.byId(principal, principal.userId);
      const mfa: MfaState = principal.mfaSatisfied ? "none" : row.totpEnabled ? "verify" : "enrol";
      return { user, mfa };
    },

    /** Second factor for a session that is waiting for it. */
    async verifyMfa(principal: Principal, input: unknown, requestId?: string): Promise<void> {
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
    async confirmTotp(principal: Principal, input: unknown, requestId?: string): Promise<void> {
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

    async disableTotp(principal: Principal, input: unknown, requestId?: string): Promise<void> {
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

    /** Changes the own password; the other sessions of the user end. */
    async changePassword(principal: Principal, input: unknown, requestId?: string): Promise<void> {
      authorize(principal, "account.self");
      const parsed = z
        .object({ currentPassword: z.string().max(PASSWORD_MAX).default(""), newPassword: passwordSchema })
        .safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const user = await currentUser(principal);
      const key = emailKey(user.email);
      await assertNotLocked(principal.tenantId, key);
      if (user.passwordHash && !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
        await registerFailure(principal.tenantId, key);
        throw AppError.validation([{ field: "currentPassword", code: "wrong_password" }]);
      }
      const passwordHash = await deps.users.credentials.hashPassword(parsed.data.newPassword);
      await deps.users.credentials.change(
        userActor(principal),
        principal.tenantId,
        user.id,
        { passwordHash },
        "password_change",
        requestId,
      );
      await sessionRepo.deleteForUser(db, principal.tenantId, user.id, principal.sessionId);
    },

    /** Sets the user's language (the staff app follows it through the lang cookie). */
    async setPreferredLanguage(principal: Principal, lang: string, requestId?: string): Promise<string> {
      authorize(principal, "account.self");
      if (!isLanguage(lang)) throw AppError.validation([{ field: "language", code: "invalid_choice" }]);
      await deps.users.credentials.change(
        userActor(principal),
        principal.tenantId,
        principal.userId,
        { preferredLanguage: lang },
        "update",
        requestId,
      );
      return languageCookie(lang, secure);
    },

    issuePasswordResetToken,

    /**
     * Sends a reset link if an active account has this address. The answer is the same either
     * way, so the form does not reveal who has an account.
     */
    async requestPasswordReset(tenantId: string, input: unknown, requestLang: Language, requestId?: string) {
      const parsed = z
        .object({ email: z.string().trim().toLowerCase().pipe(z.email().max(254)) })
        .safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const user = await deps.users.credentials.byEmail(tenantId, parsed.data.email);
      if (user?.status !== "active") return;
      const token = await issuePasswordResetToken(tenantId, user.id);
      const { lang, t } = mailTranslator(user.preferredLanguage ?? requestLang);
      const tenant = await deps.tenants.byId(tenantId);
      const link = `${config.baseUrl}/${lang}/reset-password?token=${encodeURIComponent(token)}`;
      const values = {
        name: user.displayName,
        tenant: tenant?.name ?? "Lotse",
        link,
        minutes: RESET_TOKEN_MINUTES,
      };
      await deps.mail.send({
        tenantId,
        to: user.email,
        subject: t("auth.reset_mail_subject", values),
        text: t("auth.reset_mail_text", values),
      });
      await deps.audit.record({
        actor: systemActor(tenantId),
        action: "password_reset_request",
        entityType: "user",
        entityId: user.id,
        requestId: requestId ?? null,
      });
    },

    /** Sets a new password with a reset token; ends every session of that user. */
    async confirmPasswordReset(tenantId: string, input: unknown, requestId?: string): Promise<void> {
      const parsed = z
        .object({ token: z.string().max(200).default(""), password: passwordSchema })
        .safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const { token, password } = parsed.data;
      if (token.length < 20) throw new AppError("invalid_token");
      const passwordHash = await deps.users.credentials.hashPassword(password);
      const row = await resetTokenRepo.consume(db, tenantId, sha256Hex(token), clock.now());
      if (!row) throw new AppError("invalid_token");
      const user = await deps.users.credentials.byId(tenantId, row.userId);
      if (user?.status !== "active") throw new AppError("invalid_token");
      await deps.users.credentials.change(
        systemActor(tenantId),
        tenantId,
        user.id,
        { passwordHash },
        "password_reset",
        requestId,
      );
      await sessionRepo.deleteForUser(db, tenantId, user.id);
      await throttleRepo.clear(db, tenantId, emailKey(user.email));
    },

    // ---- OIDC ---------------------------------------------------------------------------

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
      let mfa = await mfaStateOf(tenantId, user);
      // The identity provider already asked for a second factor.
      if (mfa !== "none" && (claims.amr ?? []).some((m) => ["mfa", "otp", "hwk", "swk"].includes(m)))
        mfa = "none";
      const result = await startSession(tenantId, user, mfa, "oidc", requestId);
      return { ...result, next, lang };
    },
  };

  async function matchOidcUser(tenantId: string, claims: OidcClaims): Promise<UserRow | undefined> {
    if (typeof claims.email !== "string" || claims.email_verified !== true) return undefined;
    const user = await deps.users.credentials.byEmail(tenantId, claims.email);
    return user?.status === "active" ? user : undefined;
  }
}
export type AuthService = ReturnType<typeof createAuthService>;
