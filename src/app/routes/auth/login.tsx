import { redirect, useLoaderData } from "react-router";
import { loginInput } from "#app/modules/auth/contracts.ts";
import { safeNextPath } from "#app/modules/auth/cookies.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/login";
import { cookieHeaders, publicFormAction, str } from "./auth-form.server.ts";

export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  if (ctx.principal?.mfaSatisfied) throw redirect(next);
  if (ctx.principal) throw redirect(`/${ctx.lang}/login/mfa?next=${encodeURIComponent(next)}`);
  const error = url.searchParams.get("error");
  return {
    next,
    sso: ctx.services.auth.oidcEnabled ? (ctx.services.auth.oidcLabel ?? "SSO") : null,
    oidcError: error === "oidc_no_account" || error === "oidc_failed" ? error : null,
    reset: url.searchParams.get("reset") === "1",
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const email = str(form, "email");
  const next = safeNextPath(str(form, "next"));
  const result = await publicFormAction(
    ctx.t,
    async () =>
      ctx.services.auth.login(
        ctx.tenant.id,
        parseInput(loginInput, { email, password: str(form, "password") }),
        ctx.requestId,
        ctx.clientIp,
      ),
    { email },
  );
  if ("data" in result) return result;
  const { cookies, mfa } = result.value;
  const target = mfa === "none" ? next : `/${ctx.lang}/login/mfa?next=${encodeURIComponent(next)}`;
  throw redirect(target, { headers: cookieHeaders(cookies) });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { next, sso, oidcError, reset } = useLoaderData<typeof loader>();
  const failed = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="auth-page">
      <h1>{t("auth.login_title")}</h1>
      {reset ? <Notice kind="success">{t("auth.reset_done")}</Notice> : null}
      {oidcError ? <Notice kind="warning">{t(`auth.${oidcError}`)}</Notice> : null}
      <ErrorSummary errors={failed?.errors} />
      <form method="post" className="stack" noValidate>
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          required
          maxLength={254}
          inputMode="email"
          dir="ltr"
          defaultValue={failed?.email}
          errors={failed?.errors}
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          required
          maxLength={200}
          errors={failed?.errors}
        />
        <p>
          <button type="submit">{t("auth.sign_in")}</button>
        </p>
      </form>
      <p>
        <a href={`/${lang}/forgot-password`}>{t("auth.forgot_link")}</a>
      </p>
      {sso ? (
        <section aria-labelledby="sso-heading" className="auth-sso">
          <h2 id="sso-heading">{t("auth.sso_heading")}</h2>
          <a
            className="button button-secondary"
            href={`/auth/oidc/start?lang=${lang}&next=${encodeURIComponent(next)}`}
          >
            {t("auth.sso_button", { provider: sso })}
          </a>
        </section>
      ) : null}
    </div>
  );
}
