import { redirect, useLoaderData } from "react-router";
import { totpCodeInput } from "#app/modules/auth/contracts.ts";
import { safeNextPath } from "#app/modules/auth/cookies.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary } from "../../components/form/index.ts";
import { TotpCodeField, TotpEnrolmentSteps } from "../../components/totp-enrolment.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/login-mfa";
import { cookieHeaders, publicFormAction, str } from "./auth-form.server.ts";

export function meta() {
  return [{ title: "Lotse" }];
}

/** The second step of signing in: the TOTP code, or enrolment first when the tenant requires it. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  if (!ctx.principal) throw redirect(`/${ctx.lang}/login?next=${encodeURIComponent(next)}`);
  if (ctx.principal.mfaSatisfied) throw redirect(next);
  const { mfa } = await ctx.services.auth.me(ctx.principal);
  const enrolment = mfa === "enrol" ? await ctx.services.auth.pendingEnrolment(ctx.principal) : null;
  return { next, mfa, enrolment };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const next = safeNextPath(str(form, "next"));
  const principal = ctx.principal;
  if (!principal) throw redirect(`/${ctx.lang}/login?next=${encodeURIComponent(next)}`);
  const auth = ctx.services.auth;
  const intent = str(form, "intent");
  if (intent === "cancel") {
    await auth.logout(principal, ctx.requestId);
    throw redirect(`/${ctx.lang}/login`, { headers: cookieHeaders([auth.clearSessionCookie()]) });
  }
  if (intent === "enrol") {
    const r = await publicFormAction(ctx.t, () => auth.enrolTotp(principal, ctx.requestId));
    if ("data" in r) return r;
    throw redirect(`/${ctx.lang}/login/mfa?next=${encodeURIComponent(next)}`);
  }
  const r = await publicFormAction(ctx.t, async () => {
    const code = parseInput(totpCodeInput, { code: str(form, "code") });
    return intent === "confirm"
      ? auth.confirmTotp(principal, code, ctx.requestId)
      : auth.verifyMfa(principal, code, ctx.requestId);
  });
  if ("data" in r) return r;
  throw redirect(next);
}

export default function LoginMfa({ actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { next, mfa, enrolment } = useLoaderData<typeof loader>();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const codeField = <TotpCodeField errors={errors} />;
  return (
    <div className="auth-page">
      <h1>{t("auth.mfa_title")}</h1>
      <ErrorSummary errors={errors} />
      {mfa === "verify" ? (
        <form method="post" className="stack" noValidate>
          <p>{t("auth.mfa_verify_text")}</p>
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="intent" value="verify" />
          {codeField}
          <p>
            <button type="submit">{t("auth.mfa_verify_button")}</button>
          </p>
        </form>
      ) : enrolment ? (
        <form method="post" className="stack" noValidate>
          <p>{t("auth.enrol_required_text")}</p>
          <TotpEnrolmentSteps enrolment={enrolment} />
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="intent" value="confirm" />
          {codeField}
          <p>
            <button type="submit">{t("auth.enrol_confirm_button")}</button>
          </p>
        </form>
      ) : (
        <form method="post" className="stack">
          <p>{t("auth.enrol_required_text")}</p>
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="intent" value="enrol" />
          <p>
            <button type="submit">{t("auth.enrol_start_button")}</button>
          </p>
        </form>
      )}
      <form method="post" action={`/${lang}/login/mfa`}>
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="button-secondary">
          {t("auth.cancel_sign_in")}
        </button>
      </form>
    </div>
  );
}
