import { data, Form, Link, useParams } from "react-router";
import { requestFundsInput } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/funding-funds";

/**
 * Calling funds (Mittelabruf) behind the applicant's status link (decision 078): the grant's
 * instalments with their status, and a plain form to call the next one within what is left.
 * Works without JavaScript and on a phone.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const view = await ctx.services.funding.payments
    .byLink(ctx.tenant.id, params.token.slice(0, 200))
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.code === "invalid_token" || e.status === 404)) return null;
      throw e;
    });
  return data({ view, today: new Date().toISOString().slice(0, 10) }, { headers: NO_STORE });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.funding.payments.request(
      ctx.tenant.id,
      params.token.slice(0, 200),
      parseInput(requestFundsInput, {
        amount: formString(form, "amount"),
        dueDate: formString(form, "dueDate"),
        note: formString(form, "note"),
      }),
    ),
  );
  if ("data" in r) return data(r.data, { ...r.init, headers: NO_STORE });
  return data({ ok: true as const, errors: undefined }, { headers: NO_STORE });
}

export default function FundingFunds({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { token = "" } = useParams();
  const v = loaderData.view;
  if (!v) {
    return (
      <>
        <h1>{t("funding.funds_title")}</h1>
        <Notice kind="warning">{t("funding.proof_unavailable")}</Notice>
      </>
    );
  }
  const m = (c: number) => formatMoney(c, lang);
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <h1>{t("funding.funds_title")}</h1>
      <p>
        <strong>{v.title}</strong>
      </p>
      <p>
        <Link to={`/${lang}/funding/apply/${encodeURIComponent(token)}`}>{t("funding.proof_back")}</Link>
      </p>
      {actionData?.ok ? <Notice kind="success">{t("funding.funds_requested")}</Notice> : null}
      <dl className="facts">
        <dt>{t("funding.payments_granted")}</dt>
        <dd>{m(v.grantedCents)}</dd>
        <dt>{t("funding.payments_planned")}</dt>
        <dd>{m(v.plannedCents)}</dd>
        <dt>{t("funding.payments_paid")}</dt>
        <dd>{m(v.paidCents)}</dd>
        <dt>{t("funding.payments_left")}</dt>
        <dd>{m(v.leftCents)}</dd>
      </dl>
      {v.payments.length === 0 ? (
        <p>{t("funding.payments_none")}</p>
      ) : (
        <ul>
          {v.payments.map((p, i) => (
            <li key={p.id}>
              {t("funding.payments_instalment", { n: i + 1, amount: m(p.amountCents), due: p.dueDate })} –{" "}
              {t(`funding.payment_status_${p.status}`)}
              {p.status === "returned" && p.note ? (
                <> – {t("funding.payment_note", { note: p.note })}</>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {v.leftCents > 0 ? (
        <section aria-labelledby="funds-call">
          <h2 id="funds-call">{t("funding.funds_submit")}</h2>
          <p>{t("funding.funds_intro")}</p>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <TextField
              name="amount"
              label={t("funding.payments_amount")}
              hint={t("funding.payments_amount_hint", { left: m(v.leftCents) })}
              inputMode="decimal"
              errors={errors}
              dir="ltr"
            />
            <TextField
              name="dueDate"
              type="date"
              label={t("funding.payments_due")}
              defaultValue={loaderData.today}
              errors={errors}
            />
            <TextField name="note" label={t("funding.funds_note")} errors={errors} />
            <button type="submit">{t("funding.funds_submit")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
