import { data, Form } from "react-router";
import { formatLanguage } from "#app/i18n/languages.ts";
import { startApplicationInput } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../components/form/index.ts";
import { rateText } from "../../components/funding-eligibility.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/funding";

/**
 * Public: the open funding calls in plain words, and per call a one-field form that mails the
 * applicant a link to their draft (no account, no password). Plain HTML forms: no JavaScript.
 */
export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { calls: await ctx.services.funding.openCalls(ctx.tenant.id) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const callId = formString(form, "callId");
  const r = await formAction(ctx.t, () =>
    ctx.services.funding.applicant.start(
      ctx.tenant.id,
      parseInput(startApplicationInput, {
        callId,
        email: formString(form, "email"),
        lang: formatLanguage(ctx.lang),
      }),
    ),
  );
  if ("data" in r) return data({ ...r.data, callId }, r.init ?? undefined);
  return { ok: true as const, callId };
}

export default function PublicFunding({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  return (
    <>
      <h1>{t("funding.public_title")}</h1>
      <p>{t("funding.public_intro")}</p>
      {loaderData.calls.length === 0 ? <p>{t("funding.public_none")}</p> : null}
      {actionData && !actionData.ok && !loaderData.calls.some((c) => c.id === actionData.callId) ? (
        <ErrorSummary errors={actionData.errors} />
      ) : null}
      {loaderData.calls.map((c) => {
        const mine = actionData?.callId === c.id;
        const errors = mine && actionData && !actionData.ok ? actionData.errors : undefined;
        return (
          <section key={c.id} aria-labelledby={`call-${c.id}`}>
            <h2 id={`call-${c.id}`}>{c.title}</h2>
            {c.description ? <p>{c.description}</p> : null}
            <ul>
              <li>{t("funding.public_cap", { cap: m(c.projectCapCents) })}</li>
              <li>{t("funding.public_pot", { budget: m(c.budgetPerYearCents) })}</li>
              <li>
                {c.deadline
                  ? t("funding.public_deadline", { date: c.deadline })
                  : t("funding.public_rolling")}
              </li>
            </ul>
            <p>{t("funding.public_costs")}</p>
            <ul>
              {c.costRules.map((r) => (
                <li key={r.type}>
                  {t("funding.public_cost_rate", {
                    type: t(`funding.cost_${r.type}`),
                    rate: rateText(r.rateBp, lang),
                  })}
                </li>
              ))}
            </ul>
            {mine && actionData?.ok ? (
              <Notice kind="success">{t("funding.public_link_sent")}</Notice>
            ) : (
              <>
                <ErrorSummary errors={errors} />
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="callId" value={c.id} />
                  <TextField
                    id={`email-${c.id}`}
                    name="email"
                    type="email"
                    autoComplete="email"
                    label={t("funding.public_email")}
                    hint={t("funding.public_email_hint")}
                    required
                    errors={errors}
                    dir="ltr"
                  />
                  <button type="submit">{t("funding.public_start")}</button>
                </Form>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}
