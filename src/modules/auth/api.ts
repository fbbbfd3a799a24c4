import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { userView } from "../users/contracts.ts";

const MfaState = z.enum(["none", "verify", "enrol"]);
const LoginBody = z
  .object({ email: z.string().max(254), password: z.string().max(200) })
  .openapi("LoginRequest");
const LoginResult = z
  .object({
    userId: z.string(),
    mfa: MfaState.openapi({
      description: "What the session still needs: nothing, a TOTP code, or TOTP enrolment",
    }),
  })
  .openapi("LoginResult");
const CodeBody = z.object({ code: z.string().max(20) }).openapi("TotpCode");
const Me = z.object({ user: userView, mfa: MfaState }).openapi("Me");
const Enrolment = z
  .object({
    secret: z.string(),
    uri: z.string().openapi({ description: "otpauth:// URI for authenticator apps" }),
  })
  .openapi("TotpEnrolment");
const PasswordChange = z
  .object({ currentPassword: z.string().max(200).optional(), newPassword: z.string().max(200) })
  .openapi("PasswordChange");
const LanguageBody = z
  .object({ language: z.enum(LANGUAGE_CODES as [string, ...string[]]) })
  .openapi("LanguageChoice");
const ResetRequest = z.object({ email: z.string().max(254) }).openapi("PasswordResetRequest");
const ResetConfirm = z
  .object({ token: z.string().max(200), password: z.string().max(200) })
  .openapi("PasswordResetConfirm");

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
      request: { body: jsonBody(LoginBody) },
      responses: { 200: ok(LoginResult), ...problemResponses, ...tooMany },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .auth.login(c.get("tenant").id, c.req.valid("json"), c.get("requestId"));
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
      const auth = c.get("services").auth;
      await auth.logout(c.get("principal")!, c.get("requestId"));
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
      const auth = c.get("services").auth;
      await auth.logoutEverywhere(c.get("principal")!, c.get("requestId"));
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
      responses: { 200: ok(Me), ...problemResponses },
    }),
    async (c) => c.json(await c.get("services").auth.me(c.get("principal")!), 200),
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/mfa/verify",
      permission: "session.self",
      tags: ["auth"],
      summary: "Give the TOTP code the session is waiting for",
      request: { body: jsonBody(CodeBody) },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      await c.get("services").auth.verifyMfa(c.get("principal")!, c.req.valid("json"), c.get("requestId"));
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
      responses: { 200: ok(Enrolment), ...problemResponses },
    }),
    async (c) => c.json(await c.get("services").auth.enrolTotp(c.get("principal")!, c.get("requestId")), 200),
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/auth/totp/confirm",
      permission: "session.self",
      tags: ["auth"],
      summary: "Finish TOTP enrolment with a first code",
      request: { body: jsonBody(CodeBody) },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      await c.get("services").auth.confirmTotp(c.get("principal")!, c.req.valid("json"), c.get("requestId"));
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
      request: { body: jsonBody(CodeBody) },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      await c.get("services").auth.disableTotp(c.get("principal")!, c.req.valid("json"), c.get("requestId"));
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
      request: { body: jsonBody(PasswordChange) },
      responses: { ...noContent, ...tooMany },
    }),
    async (c) => {
      await c
        .get("services")
        .auth.changePassword(c.get("principal")!, c.req.valid("json"), c.get("requestId"));
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
      request: { body: jsonBody(LanguageBody) },
      responses: noContent,
    }),
    async (c) => {
      const cookie = await c
        .get("services")
        .auth.setPreferredLanguage(c.get("principal")!, c.req.valid("json").language, c.get("requestId"));
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
      request: { body: jsonBody(ResetRequest) },
      responses: { 202: { description: "Accepted" }, ...problemResponses },
    }),
    async (c) => {
      await c
        .get("services")
        .auth.requestPasswordReset(
          c.get("tenant").id,
          c.req.valid("json"),
          c.get("lang"),
          c.get("requestId"),
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
      request: { body: jsonBody(ResetConfirm) },
      responses: noContent,
    }),
    async (c) => {
      await c
        .get("services")
        .auth.confirmPasswordReset(c.get("tenant").id, c.req.valid("json"), c.get("requestId"));
      return c.body(null, 204);
    },
  );
}
