import { redirect, useLoaderData } from "react-router";
import { passwordResetConfirmInput } from "#app/modules/auth/contracts.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/reset-password";
import { publicFormAction, str } from "./auth-form.server.ts";

export function meta() {
  return [{ title: "Lotse" }];
}

export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const password = str(form, "password");
  const r = await publicFormAction(ctx.t, async () => {
    if (password !== str(form, "password2")) {
      throw AppError.validation([{ field: "password2", code: "password_mismatch" }]);
    }
    await ctx.services.auth.confirmPasswordReset(
      ctx.tenant.id,
      parseInput(passwordResetConfirmInput, { token: str(form, "token"), password }),
      ctx.requestId,
    );
  });
  if ("data" in r) return r;
  throw redirect(`/${ctx.lang}/login?reset=1`);
}

export default function ResetPassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { token } = useLoaderData<typeof loader>();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <div className="auth-page">
      <h1>{t("auth.reset_title")}</h1>
      <ErrorSummary errors={errors} />
      {errors?.code === "invalid_token" ? (
        <p>
          <a href={`/${lang}/forgot-password`}>{t("auth.reset_new_link")}</a>
        </p>
      ) : null}
      <form method="post" className="stack" noValidate>
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          type="password"
          label={t("auth.new_password")}
          hint={t("auth.password_rule", { min: 10 })}
          autoComplete="new-password"
          required
          maxLength={200}
          errors={errors}
        />
        <TextField
          name="password2"
          type="password"
          label={t("auth.new_password_repeat")}
          autoComplete="new-password"
          required
          maxLength={200}
          errors={errors}
        />
        <p>
          <button type="submit">{t("auth.reset_button")}</button>
        </p>
      </form>
    </div>
  );
}
