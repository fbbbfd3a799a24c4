import type { Language } from "../../i18n/languages.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { verifyPassword } from "../users/password.ts";
import type { AuthContext } from "./context.ts";
import type { ChangePasswordInput } from "./contracts.ts";
import { languageCookie } from "./cookies.ts";
import { sessionRepo } from "./repo.ts";
import type { Throttle } from "./throttle.ts";

/** What the signed-in account holder changes about their own sign-in: password and language. */
export function createAccount(ctx: AuthContext, throttle: Throttle) {
  const { deps, secure, userActor, currentUser } = ctx;
  const { db } = deps;
  return {
    /** Changes the own password; the other sessions of the user end. */
    async changePassword(
      principal: Principal,
      input: ChangePasswordInput,
      requestId?: string,
    ): Promise<void> {
      authorize(principal, "account.self");
      const user = await currentUser(principal);
      const key = throttle.emailKey(user.email);
      await throttle.assertNotLocked(principal.tenantId, key);
      if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await throttle.registerFailure(principal.tenantId, key);
        throw AppError.validation([{ field: "currentPassword", code: "wrong_password" }]);
      }
      const passwordHash = await deps.users.credentials.hashPassword(input.newPassword);
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
    async setPreferredLanguage(principal: Principal, lang: Language, requestId?: string): Promise<string> {
      authorize(principal, "account.self");
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
  };
}
