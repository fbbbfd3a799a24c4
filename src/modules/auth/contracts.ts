/**
 * The auth module's contracts (decision 019): one zod schema per operation, shared by the API
 * routes (and so the OpenAPI document), the sign-in and account pages and the typed service
 * methods; and the views the API returns. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { LANGUAGES } from "../../i18n/languages.ts";
import { emailAddress, passwordSchema, userView } from "../users/contracts.ts";
import { PASSWORD_MAX } from "../users/model.ts";
import { MFA_STATES } from "./model.ts";

const languageCodes = LANGUAGES.map((l) => l.code) as [
  (typeof LANGUAGES)[number]["code"],
  ...(typeof LANGUAGES)[number]["code"][],
];

/** POST /auth/login and the login page. Any address may be tried: the answer never tells which exist. */
export const loginInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type LoginInput = z.output<typeof loginInput>;

/** A TOTP code: six digits (verify, confirm enrolment, turn off). */
export const totpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "code:invalid_code" }),
});
export type TotpCodeInput = z.output<typeof totpCodeInput>;

/** POST /auth/password and the account page. An account without a password has no current one. */
export const changePasswordInput = z.object({
  currentPassword: z.string().max(PASSWORD_MAX).default(""),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.output<typeof changePasswordInput>;

/** PUT /auth/language and the account page. */
export const languageInput = z.object({ language: z.enum(languageCodes) });
export type LanguageInput = z.output<typeof languageInput>;

/** POST /auth/password-reset/request and the forgot-password page. */
export const passwordResetRequestInput = z.object({ email: emailAddress });
export type PasswordResetRequestInput = z.output<typeof passwordResetRequestInput>;

/** POST /auth/password-reset/confirm and the reset page. */
export const passwordResetConfirmInput = z.object({
  token: z.string().max(200).default(""),
  password: passwordSchema,
});
export type PasswordResetConfirmInput = z.output<typeof passwordResetConfirmInput>;

export const mfaState = z
  .enum(MFA_STATES)
  .meta({ description: "What the session still needs: nothing, a TOTP code, or TOTP enrolment" });

export const loginResultView = z.object({ userId: z.string(), mfa: mfaState });
export const meView = z.object({ user: userView, mfa: mfaState });
export const totpEnrolmentView = z.object({
  secret: z.string(),
  uri: z.string().meta({ description: "otpauth:// URI for authenticator apps" }),
});
