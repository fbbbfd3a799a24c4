import { formatLanguage } from "#app/i18n/languages.ts";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  publicContext,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import {
  changePasswordInput,
  languageInput,
  loginInput,
  loginResultView,
  meView,
  passwordResetConfirmInput,
  passwordResetRequestInput,
  totpCodeInput,
  totpEnrolmentView,
} from "./contracts.ts";

const CodeBody = jsonBody(named(totpCodeInput, "TotpCode"));

const noContent = { 204: { description: "Done" }, ...problemResponses } as const;
const tooMany = {
  429: {
    description: "Too many failed attempts; the problem document names the minutes to wait",
    content: {
      "application/problem+json": {
        schema: problemResponses[400].content["application/problem+json"].schema,
      },
    },
  },
} as const;

export function registerAuthApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/login",
      permission: PUBLIC,
      tags: ["auth"],
      summary: "Sign in with e-mail and password; sets the session cookie",
      request: { body: jsonBody(named(loginInput, "LoginRequest")) },
      responses: { 200: ok(named(loginResultView, "LoginResult")), ...problemResponses, ...tooMany },
    }),
    async (c) => {
      const { services, tenant, requestId, clientIp } = publicContext(c);
      const r = await services.auth.login(tenant.id, c.req.valid("json"), requestId, clientIp);
      for (const cookie of r.cookies) c.header("set-cookie", cookie, { append: true });
      return c.json({ userId: r.userId, mfa: r.mfa }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/logout",
      permission: "session.self",
      tags: ["auth"],
      summary: "Sign out (this session)",
      responses: noContent,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const auth = services.auth;
      await auth.logout(principal, requestId);
      c.header("set-cookie", auth.clearSessionCookie());
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/logout-all",
      permission: "session.self",
      tags: ["auth"],
      summary: "Sign out everywhere (every session of this user)",
      responses: noContent,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const auth = services.auth;
      await auth.logoutEverywhere(principal, requestId);
      c.header("set-cookie", auth.clearSessionCookie());
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/auth/me",
      permission: "session.self",
      tags: ["auth"],
      summary: "The signed-in user and what the session still needs",
      responses: { 200: ok(named(meView, "Me")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.auth.me(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/mfa/verify",
      permission: "session.self",
      tags: ["auth"],
      summary: "Give the TOTP code the session is waiting for",
      request: { body: CodeBody },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.auth.verifyMfa(principal, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/totp/enrol",
      permission: "session.self",
      tags: ["auth"],
      summary: "Start TOTP enrolment: a new secret and its otpauth URI",
      responses: { 200: ok(named(totpEnrolmentView, "TotpEnrolment")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.auth.enrolTotp(principal, requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/totp/confirm",
      permission: "session.self",
      tags: ["auth"],
      summary: "Finish TOTP enrolment with a first code",
      request: { body: CodeBody },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.auth.confirmTotp(principal, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/totp/disable",
      permission: "account.self",
      tags: ["auth"],
      summary: "Turn TOTP off (needs a current code)",
      request: { body: CodeBody },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.auth.disableTotp(principal, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/password",
      permission: "account.self",
      tags: ["auth"],
      summary: "Change the own password (other sessions end)",
      request: { body: jsonBody(named(changePasswordInput, "PasswordChange")) },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.auth.changePassword(principal, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/auth/language",
      permission: "account.self",
      tags: ["auth"],
      summary: "Set the own preferred language (also sets the lang cookie)",
      request: { body: jsonBody(named(languageInput, "LanguageChoice")) },
      responses: noContent,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const cookie = await services.auth.setPreferredLanguage(
        principal,
        c.req.valid("json").language,
        requestId,
      );
      c.header("set-cookie", cookie);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/password-reset/request",
      permission: PUBLIC,
      tags: ["auth"],
      summary:
        "Ask for a password-reset link by e-mail (the answer is the same whether the account exists or not)",
      request: { body: jsonBody(named(passwordResetRequestInput, "PasswordResetRequest")) },
      responses: { 202: { description: "Accepted" }, ...problemResponses, ...tooMany },
    }),
    async (c) => {
      const { services, tenant, lang, requestId, clientIp } = publicContext(c);
      await services.auth.requestPasswordReset(
        tenant.id,
        c.req.valid("json"),
        formatLanguage(lang),
        requestId,
        clientIp,
      );
      return c.body(null, 202);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/password-reset/confirm",
      permission: PUBLIC,
      tags: ["auth"],
      summary: "Set a new password with a reset token (single use, 60 minutes); ends all sessions",
      request: { body: jsonBody(named(passwordResetConfirmInput, "PasswordResetConfirm")) },
      responses: noContent,
    }),
    async (c) => {
      const { services, tenant, requestId } = publicContext(c);
      await services.auth.confirmPasswordReset(tenant.id, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );
}
