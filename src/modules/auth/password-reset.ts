import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { AuthContext } from "./context.ts";
import type { PasswordResetConfirmInput, PasswordResetRequestInput } from "./contracts.ts";
import { RESET_TOKEN_MINUTES } from "./model.ts";
import { resetTokenRepo, sessionRepo } from "./repo.ts";
import type { Throttle } from "./throttle.ts";

function mailTranslator(lang: string | null | undefined) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return { lang: l, t: createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE)) };
}

/** Password reset by e-mail: a single-use link, valid RESET_TOKEN_MINUTES. */
export function createPasswordReset(ctx: AuthContext, throttle: Throttle) {
  const { deps, systemActor } = ctx;
  const { db, clock, config } = deps;

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
    issuePasswordResetToken,

    /**
     * Sends a reset link if an active account has this address. The answer is the same either
     * way, so the form does not reveal who has an account.
     */
    async requestPasswordReset(
      tenantId: string,
      input: PasswordResetRequestInput,
      requestLang: Language,
      requestId?: string,
      clientIp?: string,
    ) {
      await throttle.resetRequested(tenantId, input.email, clientIp);
      const user = await deps.users.credentials.byEmail(tenantId, input.email);
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
    async confirmPasswordReset(
      tenantId: string,
      input: PasswordResetConfirmInput,
      requestId?: string,
    ): Promise<void> {
      const { token, password } = input;
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
      await throttle.clearAccount(tenantId, user.email);
    },
  };
}
