import { data, Form, Link } from "react-router";
import { addPaymentInput, payInput } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/payments";

/** Instalments of a grant: plan one, book one as paid, the treasury's CSV for the call (decision 062). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const view = await ctx.services.funding.payments.list(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  return { view, mayPay: can(principal, "funding.payments"), today: new Date().toISOString().slice(0, 10) };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const principal = requirePage(ctx, "funding.payments");
  const form = await request.formData();
  const intent = formString(form, "intent");
  const paymentId = formString(form, "paymentId");
  const r = await formAction(ctx.t, async () => {
    if (intent === "pay") {
      if (!isUuid(paymentId)) throw AppError.notFound();
      const input = parseInput(payInput, {
        version: Number(formString(form, "version")) || 0,
        paidDate: formString(form, "paidDate"),
        bookingReference: formString(form, "bookingReference"),
      });
      return ctx.services.funding.payments.pay(principal, paymentId, input, ctx.requestId);
    }
    const input = parseInput(addPaymentInput, {
      amount: formString(form, "amount"),
      dueDate: formString(form, "dueDate"),
    });
    return ctx.services.funding.payments.add(principal, params.id, input, ctx.requestId);
  });
  if ("data" in r) return data({ ...r.data, intent, paymentId }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, intent, paymentId };
}

export default function FundingPayments({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  const { view: v, mayPay, today } = loaderData;
  const errorsFor = (intent: string, id = "") =>
    actionData && !actionData.ok && actionData.intent === intent && actionData.paymentId === id
      ? actionData.errors
      : undefined;
  return (
    <>
      <p>
        <Link to={`/staff/funding/applications/${v.applicationId}`}>{t("funding.back_application")}</Link>
      </p>
      <h1>{t("funding.payments_title", { title: v.title })}</h1>
      {actionData?.ok ? <Notice kind="success">{t("funding.saved")}</Notice> : null}
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
      <p>
        <a href={`/api/v1/funding/calls/${v.callId}/payments.csv`} download>
          {t("funding.payments_csv")}
        </a>
      </p>
      {v.payments.length === 0 ? (
        <p>{t("funding.payments_none")}</p>
      ) : (
        <ul className="stack">
          {v.payments.map((p, i) => (
            <li key={p.id}>
              <h2>
                {t("funding.payments_instalment", { n: i + 1, amount: m(p.amountCents), due: p.dueDate })}
              </h2>
              {p.paidDate ? (
                <p>
                  {t("funding.payments_paid_on", { date: p.paidDate, reference: p.bookingReference ?? "" })}
                </p>
              ) : mayPay ? (
                <>
                  <ErrorSummary errors={errorsFor("pay", p.id)} />
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="intent" value="pay" />
                    <input type="hidden" name="paymentId" value={p.id} />
                    <input type="hidden" name="version" value={p.version} />
                    <TextField
                      id={`paidDate-${p.id}`}
                      name="paidDate"
                      type="date"
                      label={t("funding.payments_paid_date")}
                      defaultValue={today}
                      errors={errorsFor("pay", p.id)}
                    />
                    <TextField
                      id={`bookingReference-${p.id}`}
                      name="bookingReference"
                      label={t("funding.payments_reference")}
                      errors={errorsFor("pay", p.id)}
                    />
                    <button type="submit">{t("funding.payments_book")}</button>
                  </Form>
                </>
              ) : (
                <p>{t("funding.payments_open")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayPay && v.leftCents > 0 ? (
        <section aria-labelledby="add-instalment">
          <h2 id="add-instalment">{t("funding.payments_add")}</h2>
          <ErrorSummary errors={errorsFor("add")} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="add" />
            <TextField
              name="amount"
              label={t("funding.payments_amount")}
              hint={t("funding.payments_amount_hint", { left: m(v.leftCents) })}
              inputMode="decimal"
              errors={errorsFor("add")}
              dir="ltr"
            />
            <TextField
              name="dueDate"
              type="date"
              label={t("funding.payments_due")}
              defaultValue={today}
              errors={errorsFor("add")}
            />
            <button type="submit">{t("funding.payments_add_submit")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
