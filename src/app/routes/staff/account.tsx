import { data, Form, redirect } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { changePasswordInput, languageInput, totpCodeInput } from "#app/modules/auth/contracts.ts";
import { notificationSettingInput } from "#app/modules/home/contracts.ts";
import { NOTIFY_MODES } from "#app/modules/home/model.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, RadioGroup, TextField } from "../../components/form/index.ts";
import { TotpCodeField, TotpEnrolmentSteps } from "../../components/totp-enrolment.tsx";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/account";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const { user } = await ctx.services.auth.me(principal);
  const enrolment = user.totpEnabled ? null : await ctx.services.auth.pendingEnrolment(principal);
  const notifications = await ctx.services.home.notificationSetting(principal);
  return {
    notifications,
    user: {
      email: user.email,
      displayName: user.displayName,
      preferredLanguage: user.preferredLanguage ?? ctx.lang,
      totpEnabled: user.totpEnabled,
      hasPassword: user.hasPassword,
    },
    enrolment,
  };
}

const INTENTS = [
  "password",
  "language",
  "notifications",
  "totp_enrol",
  "totp_confirm",
  "totp_disable",
  "logout_all",
] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent = get("intent") as Intent;
  if (!INTENTS.includes(intent)) throw data(null, { status: 400 });
  const auth = ctx.services.auth;
  if (intent === "logout_all") {
    await auth.logoutEverywhere(principal, ctx.requestId);
    throw redirect(`/${ctx.lang}/login`, { headers: { "set-cookie": auth.clearSessionCookie() } });
  }
  let cookie: string | undefined;
  const result = await formAction(ctx.t, async () => {
    switch (intent) {
      case "password":
        if (get("newPassword") !== get("newPassword2")) {
          throw AppError.validation([{ field: "newPassword2", code: "password_mismatch" }]);
        }
        return auth.changePassword(
          principal,
          parseInput(changePasswordInput, {
            currentPassword: get("currentPassword"),
            newPassword: get("newPassword"),
          }),
          ctx.requestId,
        );
      case "language":
        cookie = await auth.setPreferredLanguage(
          principal,
          parseInput(languageInput, { language: get("language") }).language,
          ctx.requestId,
        );
        return;
      case "notifications":
        return ctx.services.home.setNotificationSetting(
          principal,
          parseInput(notificationSettingInput, { mode: get("mode") }),
          ctx.requestId,
        );
      case "totp_enrol":
        await auth.enrolTotp(principal, ctx.requestId);
        return;
      case "totp_confirm":
        return auth.confirmTotp(principal, parseInput(totpCodeInput, { code: get("code") }), ctx.requestId);
      case "totp_disable":
        return auth.disableTotp(principal, parseInput(totpCodeInput, { code: get("code") }), ctx.requestId);
    }
  });
  // A new language shows on the next page load, through the cookie.
  if (cookie) throw redirect("/staff/account", { headers: { "set-cookie": cookie } });
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { user, enrolment, notifications } = loaderData;
  const errorsFor = (i: Intent) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const done = (i: Intent) => Boolean(actionData?.ok && actionData.intent === i);
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>
        {user.displayName} · <span dir="ltr">{user.email}</span>
      </p>

      <section aria-labelledby="pw-heading">
        <h2 id="pw-heading">{t("account.password_heading")}</h2>
        {done("password") ? <Notice kind="success">{t("account.password_changed")}</Notice> : null}
        <ErrorSummary errors={errorsFor("password")} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="password" />
          {user.hasPassword ? (
            <TextField
              name="currentPassword"
              type="password"
              label={t("account.current_password")}
              autoComplete="current-password"
              maxLength={200}
              required
              errors={errorsFor("password")}
            />
          ) : null}
          <TextField
            name="newPassword"
            type="password"
            label={t("account.new_password")}
            hint={t("auth.password_rule", { min: 10 })}
            autoComplete="new-password"
            maxLength={200}
            required
            errors={errorsFor("password")}
          />
          <TextField
            name="newPassword2"
            type="password"
            label={t("account.new_password_repeat")}
            autoComplete="new-password"
            maxLength={200}
            required
            errors={errorsFor("password")}
          />
          <p>
            <button type="submit">{t("account.password_button")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="lang-heading">
        <h2 id="lang-heading">{t("account.language_heading")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="language" />
          <div className="field">
            <label htmlFor="f-language">{t("account.language_label")}</label>
            <select id="f-language" name="language" defaultValue={user.preferredLanguage}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit">{t("common.save")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="notify-heading">
        <h2 id="notify-heading">{t("home.notifications_heading")}</h2>
        {done("notifications") ? <Notice kind="success">{t("home.notifications_saved")}</Notice> : null}
        <ErrorSummary errors={errorsFor("notifications")} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="notifications" />
          <RadioGroup
            name="mode"
            legend={t("home.notifications_legend")}
            hint={t("home.notifications_hint")}
            options={NOTIFY_MODES.map((m) => ({ value: m, label: t(`home.notify_${m}`) }))}
            defaultValue={notifications.mode}
            errors={errorsFor("notifications")}
          />
          <p>
            <button type="submit">{t("home.notifications_save")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t("account.totp_heading")}</h2>
        <ErrorSummary
          errors={errorsFor("totp_confirm") ?? errorsFor("totp_disable") ?? errorsFor("totp_enrol")}
        />
        {done("totp_confirm") ? <Notice kind="success">{t("account.totp_enabled")}</Notice> : null}
        {done("totp_disable") ? <Notice kind="success">{t("account.totp_disabled")}</Notice> : null}
        {user.totpEnabled ? (
          <Form method="post" className="stack" noValidate>
            <p>{t("account.totp_on")}</p>
            <input type="hidden" name="intent" value="totp_disable" />
            <TotpCodeField errors={errorsFor("totp_disable")} />
            <p>
              <button type="submit" className="button-danger">
                {t("account.totp_disable_button")}
              </button>
            </p>
          </Form>
        ) : enrolment ? (
          <Form method="post" className="stack" noValidate>
            <TotpEnrolmentSteps enrolment={enrolment} />
            <input type="hidden" name="intent" value="totp_confirm" />
            <TotpCodeField errors={errorsFor("totp_confirm")} />
            <p>
              <button type="submit">{t("auth.enrol_confirm_button")}</button>
            </p>
          </Form>
        ) : (
          <Form method="post" className="stack">
            <p>{t("account.totp_off")}</p>
            <input type="hidden" name="intent" value="totp_enrol" />
            <p>
              <button type="submit">{t("auth.enrol_start_button")}</button>
            </p>
          </Form>
        )}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("account.sessions_heading")}</h2>
        <p>{t("account.sessions_text")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="logout_all" />
          <button type="submit" className="button-secondary">
            {t("account.logout_all_button")}
          </button>
        </Form>
      </section>
    </>
  );
}
