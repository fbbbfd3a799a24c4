import { data, Form, Link } from "react-router";
import { addPaymentInput, paymentStepInput, returnPaymentInput } from "#app/modules/funding/contracts.ts";
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

/**
 * Instalments of a grant: plan one, approve or send back an applicant's call of funds, the
 * treasury's CSV for the call (decisions 062, 078). Finance orders and books through its API.
 */
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
    if (intent === "approve" || intent === "return") {
      if (!isUuid(paymentId)) throw AppError.notFound();
      const version = Number(formString(form, "version")) || 0;
      const f = ctx.services.funding.payments;
      return intent === "approve"
        ? f.approve(principal, paymentId, parseInput(paymentStepInput, { version }), ctx.requestId)
        : f.returnByStaff(
            principal,
            paymentId,
            parseInput(returnPaymentInput, { version, note: formString(form, "note") }),
            ctx.requestId,
          );
    }
    const input = parseInput(addPaymentInput, {
      amount: formString(form, "amount"),
      dueDate: formString(form, "dueDate"),
    });
    return ctx.services.funding.payments.add(principal, params.id, input, ctx.requestId);
  });
  if ("data" in r)
    return data({ ...r.data, intent: intent === "add" ? "add" : "step", paymentId }, r.init ?? undefined);
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
              <p>
                {t(`funding.payment_status_${p.status}`)}
                {p.note ? <> – {t("funding.payment_note", { note: p.note })}</> : null}
              </p>
              {p.paidDate ? (
                <p>
                  {t("funding.payments_paid_on", { date: p.paidDate, reference: p.bookingReference ?? "" })}
                </p>
              ) : mayPay && (p.status === "requested" || p.status === "approved") ? (
                <>
                  <ErrorSummary errors={errorsFor("step", p.id)} />
                  {p.status === "requested" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="paymentId" value={p.id} />
                      <input type="hidden" name="version" value={p.version} />
                      <button type="submit">{t("funding.payments_approve")}</button>
                    </Form>
                  ) : null}
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="intent" value="return" />
                    <input type="hidden" name="paymentId" value={p.id} />
                    <input type="hidden" name="version" value={p.version} />
                    <TextField
                      id={`note-${p.id}`}
                      name="note"
                      label={t("funding.payments_return_note")}
                      errors={errorsFor("step", p.id)}
                    />
                    <button type="submit">{t("funding.payments_return")}</button>
                  </Form>
                </>
              ) : null}
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
