import { data } from "react-router";
import { SharedList } from "../../components/casework-fields.tsx";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/referral-token";

/**
 * The one-time link for a partner without an account (no JavaScript needed): shows only the
 * fields the case worker shared and takes one answer. A used, expired or unknown link shows
 * nothing of the referral.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const r = await ctx.services.referrals.byToken(ctx.tenant.id, params.token.slice(0, 200));
  return data(r, { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.referrals.answerByToken(
      ctx.tenant.id,
      params.token.slice(0, 200),
      { decision: str("decision"), reason: str("reason") || null },
      ctx.requestId,
    ),
  );
  if ("data" in r)
    return data({ ok: false as const, errors: r.data.errors, answered: null }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, answered: r.value };
}

export default function ReferralToken({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const answered = actionData?.ok ? actionData.answered : null;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  if (answered) {
    return (
      <>
        <h1>{t("referrals.public_title")}</h1>
        {answered.decision ? (
          <Notice kind="success">{t(`referrals.public_thanks_${answered.decision}`)}</Notice>
        ) : (
          <Notice kind="warning">{t(`referrals.public_state_${answered.state}`)}</Notice>
        )}
      </>
    );
  }
  const { state, referral: r } = loaderData;
  if (state !== "open" || !r) {
    return (
      <>
        <h1>{t("referrals.public_title")}</h1>
        <Notice kind="warning">{t(`referrals.public_state_${state}`)}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("referrals.public_title")}</h1>
      <p>{t("referrals.public_intro")}</p>
      <p>
        <strong>{t(`case_overview.kind_${r.kind}`)}</strong> · {r.targetName ?? "—"}
      </p>
      <SharedList shared={r.shared} />
      <ErrorSummary errors={errors} />
      <form method="post" noValidate>
        <TextField
          multiline
          rows={3}
          name="reason"
          label={t("referrals.reason")}
          hint={t("referrals.reason_hint")}
          maxLength={2000}
          errors={errors}
        />
        <div className="actions">
          <button type="submit" name="decision" value="accepted">
            {t("referrals.accept")}
          </button>
          <button type="submit" name="decision" value="declined" className="button-secondary">
            {t("referrals.decline")}
          </button>
        </div>
      </form>
    </>
  );
}
