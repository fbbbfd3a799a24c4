import { formatLanguage } from "#app/i18n/languages.ts";
import { passwordResetRequestInput } from "#app/modules/auth/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/forgot-password";
import { publicFormAction, str } from "./auth-form.server.ts";

export function meta() {
  return [{ title: "Lotse" }];
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const email = str(form, "email");
  const r = await publicFormAction(
    ctx.t,
    async () =>
      ctx.services.auth.requestPasswordReset(
        ctx.tenant.id,
        parseInput(passwordResetRequestInput, { email }),
        formatLanguage(ctx.lang),
        ctx.requestId,
        ctx.clientIp,
      ),
    { email },
  );
  if ("data" in r) return r;
  // The same answer whether or not the address has an account.
  return { ok: true as const };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const failed = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="auth-page">
      <h1>{t("auth.forgot_title")}</h1>
      {actionData?.ok ? (
        <Notice kind="success">{t("auth.forgot_sent")}</Notice>
      ) : (
        <>
          <p>{t("auth.forgot_text")}</p>
          <ErrorSummary errors={failed?.errors} />
          <form method="post" className="stack" noValidate>
            <TextField
              name="email"
              type="email"
              label={t("auth.email")}
              autoComplete="email"
              required
              maxLength={254}
              inputMode="email"
              dir="ltr"
              defaultValue={failed?.email}
              errors={failed?.errors}
            />
            <p>
              <button type="submit">{t("auth.forgot_button")}</button>
            </p>
          </form>
        </>
      )}
      <p>
        <a href={`/${lang}/login`}>{t("auth.back_to_login")}</a>
      </p>
    </div>
  );
}
